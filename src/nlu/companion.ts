/**
 * Someone is there to help ("ma fille est à côté de moi, elle peut m'aider", "ma voisine est là avec moi", "my son is
 * next to me"): good news, not a request for help nearby ("à côté" is not "près de chez moi") nor an answer of the
 * question on screen ("mon fils" is not "pour mon enfant"). The bot says it is a good idea and goes on. The words
 * are also taken out before routing, so the formality said with them is what is routed.
 * "Quelqu'un à côté de chez moi qui peut m'aider" is a place asked for: "de chez moi" is never a companion.
 */

/** Who may sit with the citizen. */
const WHO_FR =
  '(?:(?:ma|mon|mes|notre|une|un) (?:petite? |belle )?(?:fille|fils|enfants?|petits? enfants?|petite fille|petit fils|voisine?s?|soeur|frere|mari|femme|epou[sx]e?|compagnon|compagne|conjointe?|amie?s?|copine?|copain|cousine?|tante|oncle|niece|neveu|aidante?|aide a domicile|auxiliaire de vie|infirmiere?|assistante? sociale?|educat(?:eur|rice)|gendre|belle fille|beau fils)|quelqu un de ma famille)';
const WHO_EN = '(?:my (?:daughter|son|mum|mom|mother|dad|father|kids?|children|neighbou?r|sister|brother|husband|wife|partner|friend|grandson|granddaughter|carer|caregiver|nurse|niece|nephew|cousin))';

/** "est à côté de moi", "est là avec moi", "est avec moi", "est ici". */
const HERE_FR = '(?:est|sont|c est|qui est) (?:(?:juste |la |ici )?(?:a cot(?:e|er|te) de moi|a mes cotes|avec moi|pres de moi|chez moi (?:avec moi|pour m aider|aujourd hui))|la(?: avec moi| pour m aider| a cote)?|ici(?: avec moi)?)(?! (?:pour (?:le|la|les|un|une|son|sa)|pour qui|il y a|depuis))';
const HERE_EN = '(?:is|are) (?:(?:right |sitting |here )?(?:next to me|beside me|with me|here))';

const COMPANION = [
  new RegExp(`\\b${WHO_FR} ${HERE_FR}(?: (?:elle|il|ils|elles|qui) (?:peut|peuvent|va|vont|veut|veulent|pourra|pourront) (?:m aider|nous aider|m expliquer|me montrer|le faire)| (?:elle|il|ils|elles|qui) (?:s y connai\\w*|sait faire|connai\\w* bien)(?: mieux(?: que moi)?)?| pour m aider| pour m expliquer| et (?:elle|il) (?:m aide|va m aider|peut m aider))?`, 'g'),
  new RegExp(`\\bje suis (?:avec|accompagnee? (?:de|par)) ${WHO_FR}(?: (?:qui|elle|il) (?:m aide|va m aider|peut m aider|s y connai\\w*))?`, 'g'),
  new RegExp(`\\b${WHO_EN} ${HERE_EN}(?: (?:and )?(?:she|he|they|who) (?:can|will|could|is going to|wants to) help(?: me)?)?`, 'g'),
  new RegExp(`\\bi am (?:here )?with ${WHO_EN}(?: (?:who|she|he) (?:can|will) help(?: me)?)?`, 'g'),
];

/** "il est à côté de moi": a pronoun for someone named in the message, or said with help, or all the message. */
const PRONOUN_HERE = /\b(?:il|elle|ils|elles) (?:est|sont) (?:juste )?(?:a cot(?:e|er|te) de moi|avec moi|pres de moi|la avec moi)\b/;
const HELPS = /\b(?:m aide\w*|m aider|va m|peut m|peuvent m|s y connai\w*|pour m)\b/;
const SOMEONE = new RegExp(`\\b${WHO_FR}\\b`);

/** The message tells us someone is with the citizen to help. */
export function companionIn(t: string): boolean {
  if (COMPANION.some((re) => new RegExp(re.source).test(t))) return true;
  return PRONOUN_HERE.test(t) && (HELPS.test(t) || SOMEONE.test(t) || t.split(' ').length <= 7);
}

/** The plain text without the words that say someone is with the citizen (the text itself when nothing is left). */
export function withoutCompanion(t: string): string {
  if (!companionIn(t)) return t;
  let rest = t;
  for (const re of [...COMPANION, new RegExp(PRONOUN_HERE.source, 'g')]) rest = rest.replace(re, ' ');
  rest = rest.replace(/\s+/g, ' ').trim();
  return rest || t;
}
