/**
 * Who sent the citizen here is not what they need: "ma fille m'a dit de venir ici pour la CAF", "la mairie m'a
 * donné ce numéro pour le passeport", "je viens de la part de l'assistante sociale", "my son told me to write
 * here about my taxes". People often start that way; the words of the person who sent them ("fille", "mairie",
 * "dit", "venir") weigh on the router like a need of their own and bury the one word that matters ("CAF").
 * This takes the framing out before the message is routed; what is left is routed as the need.
 */
import { plainText } from './signals';

/** Who may have sent them (folded, without apostrophes: "m a" is "m'a"). */
const WHO =
  '(?:(?:ma|mon|mes|la|le|les|l|une?|notre|sa|son|the|my|a|an|our)\\s+)?' +
  '(?:(?:petite?|belle)\\s+)?' +
  '(?:fille|fils|enfants?|gamins?|petits? enfants?|voisine?s?|soeur|frere|mari|femme|epouse|amie?s?|copine?|copain|cousine?|tante|oncle|niece|neveu|' +
  'assistante?s?(?:\\s+sociale?s?)?|mairie|maire|secretaire|conseill\\w*|mediat\\w*|docteur|medecin|pharmacien\\w*|infirmi\\w*|' +
  'agent|dame|monsieur|gens|personne|quelqu\\s*un|on|ils|elle|il|' +
  'daughter|son|kids?|children|neighbou?r|sister|brother|husband|wife|friend|social\\s+worker|town\\s+hall|doctor|someone|somebody|they|she|he)';

/** "m'a dit de venir ici", "m'a donné ce numéro", "told me to write here". */
const SENT =
  '(?:m\\s+a|ma|m\\s+ont|mon|m\\s+as|m)\\s+(?:dit|dis|conseille\\w*|donne\\w*|propose\\w*|parle\\s+de\\s+vous|oriente\\w*|passe)' +
  '(?:\\s+(?:de|d|que|qu))?' +
  '(?:\\s+(?:venir|passer|ecrire|vous|demander|contacter|voir|regarder|essayer|utiliser|aller|taper))*' +
  '(?:\\s+(?:ici|la|ce|cet|cette|votre|vos|le|ton|site|numero|num|lien|service|adresse|contact|appli|application|chat))*';

const SENT_EN =
  '(?:told|asked|sent|gave|showed)\\s+me(?:\\s+(?:to|this|your|the))?(?:\\s+(?:come|write|ask|contact|use|try|text|message|here|number|site|link|chat|you))*';

const FRAMINGS: RegExp[] = [
  new RegExp(`\\b(?:c\\s+est\\s+|cest\\s+)?${WHO}\\s+(?:qui\\s+)?${SENT}\\b`, 'g'),
  new RegExp(`\\b${WHO}\\s+${SENT_EN}\\b`, 'g'),
  // "je viens de la part de ma fille", "on my daughter's advice"
  /\b(?:je\s+viens\s+|j\s+ecris\s+|jecris\s+)?de\s+la\s+part\s+d\w*(?:\s+(?:ma|mon|mes|la|le|l))?\s+\w+(?:\s+sociale?)?\b/g,
  /\bon\s+(?:m\s+a|ma)\s+(?:donne|file|passe)\s+(?:ce|votre|ton|le)\s+(?:numero|num|lien|site|contact)\b/g,
];

// Not "m'a envoyé", "m'a demandé", nor a bank or the post office: "la banque m'a demandé mon code", "on m'a
// envoyé un SMS Ameli" are what the citizen is asking about (a possible scam), not who sent them.

/**
 * The message without the words that say who sent the citizen, or the message itself when it holds no such
 * framing or nothing would be left.
 */
export function withoutReferral(text: string): string {
  const plain = plainText(text);
  let rest = plain;
  for (const re of FRAMINGS) rest = rest.replace(re, ' ');
  rest = rest.replace(/\s+/g, ' ').trim();
  return rest && rest !== plain ? rest : text;
}
