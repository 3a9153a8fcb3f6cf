/**
 * Someone who usually does the formalities for the citizen ("mon fils fait tout d'habitude", "c'est ma fille qui fait
 * ça", "d'habitude c'est ma voisine qui m'aide", "my son usually does it"), and that person not there now ("il est
 * parti", "elle a déménagé", "elle est plus là", "he moved away"). Not someone sitting with the citizen now
 * (`companion.ts`), nor the citizen doing a relative's papers (`for-relative`). Patterns over `plainText()`.
 */

/** Who usually helps: a relative, a neighbour, a friend. */
const WHO_FR =
  '(?:(?:ma|mon|mes|notre) (?:petite? |belle |grande? )?(?:fille|fils|filles|enfants?|gosses?|petits? enfants?|petite fille|petit fils|voisine?s?|soeur|frere|mari|femme|epou[sx]e?|compagnon|compagne|conjointe?|amie?s?|copine?|copain|cousine?|tante|oncle|niece|neveu|gendre|belle fille|beau fils|belle soeur|beau frere)|(?:le|la) voisine?|quelqu un de (?:ma|la) famille)';
const WHO_EN = '(?:my (?:daughter|son|kids?|children|neighbou?r|sister|brother|husband|wife|partner|friend|grandson|granddaughter|niece|nephew|cousin|family))';

/** What they do: the formalities, everything, "ça". */
const DOES_FR = '(?:fai[st]|fe|fes|faisai[st]|faisaient|font|s occup(?:e|ait|ent|aient)|gere|gerait|remplit|remplissait|m aid(?:e|ait|aient|ent)|me (?:les |le |la )?(?:fai[st]|faisait))';
const WHAT_FR = '(?:tout|toute|tous|ca|sa|cela|ces (?:trucs|choses)|(?:de |des )?(?:mes |les |ces )?(?:papiers|demarches|dossiers|paperasse|impots|declarations?|formulaires|trucs (?:administratifs|internet))|(?:a |pour )?(?:tout|ca|mes papiers|les papiers|mes demarches|moi)|ma declaration|mon dossier|mes comptes|a ma place)';
const USUALLY_FR = '(?:d habitude|dabitude|normalement|toujours|souvent|avant|habituellement|en general)';

const HELPER = [
  // "c'est ma fille qui fait ça", "d'habitude c'est ma voisine qui m'aide", "c'était mon mari qui faisait tout".
  new RegExp(`\\b(?:c est|c etait|ce|cetait) ${WHO_FR} qui (?:${DOES_FR}|a toujours fait|faisait|fait)\\b`),
  // "mon fils fait tout d'habitude", "ma fille faisait mes démarches", "mon fils s'occupe de mes papiers",
  // "ma fille fait toujours mes papiers".
  new RegExp(`\\b${WHO_FR} (?:${USUALLY_FR} )?${DOES_FR} (?:${USUALLY_FR} )?${WHAT_FR}\\b`),
  // "mon fils le fait d'habitude", "ma fille me les remplit".
  new RegExp(`\\b${WHO_FR} (?:${USUALLY_FR} )?(?:me )?(?:le|la|les|l) (?:fai[st]|faisai[st]|fe|remplit|remplissait|gere|gerait)\\b`),
  // "normalement c'est mon mari", "c'est ma fille d'habitude" (said alone: who usually does it).
  new RegExp(`\\b${USUALLY_FR} (?:c est|c etait|ce) ${WHO_FR}$`),
  new RegExp(`\\b(?:c est|c etait|ce) ${WHO_FR} ${USUALLY_FR}$`),
  // "mon mari m'aidait", "ma voisine m'aide d'habitude".
  new RegExp(`\\b${WHO_FR} (?:m aidait|m aidaient|m aide ${USUALLY_FR}|${USUALLY_FR} m aide)\\b`),
  // "my son usually does it", "it's my daughter who does all that", "my husband used to do everything".
  new RegExp(`\\b(?:it s|it is|it was) ${WHO_EN} who (?:does|did|handles|handled|takes care of|fills in|helps)\\b`),
  new RegExp(`\\b${WHO_EN} (?:usually |normally |always |used to |would )?(?:does|did|do|handles?|handled|takes care of|took care of|fills? in|helps?|helped) (?:it|them|everything|all|this|that|me|my (?:paperwork|papers|forms|taxes|formalities)|(?:all )?(?:the |my )?(?:paperwork|papers|forms)|for me)\\b(?:(?! now| right now| today).)*$`),
];

/** The helper is not there now: gone, moved, dead, busy, far away. */
const GONE = [
  /\b(?:il|elle|ils|elles|lui) (?:est|sont|s est|s en est) (?:parti|partie|partis|parties|alle|allee|decede|decedee|mort|morte|malade|hospitalise|hospitalisee|a l hopital|en vacances|loin|absent|absente|occupe|occupee|debordee?|pas dispo|plus dispo|pas disponible|fache|fachee)\b/,
  /\b(?:il|elle|ils|elles) (?:n )?(?:est|sont) (?:plus|pas) (?:la|ici|disponible|dispo)\b/,
  /\b(?:il|elle|ils|elles) (?:a|ont) (?:demenage|demenager|quitte)\b/,
  /\b(?:il|elle|ils|elles) (?:habite|vit|vivent|habitent|travaille|travaillent) (?:loin|a l etranger|dans une autre ville|plus ici)\b/,
  /\b(?:il|elle|ils|elles) (?:travaille|travaillent|travail|bosse|bossent|est au travail|sont au travail|(?:n )?a (?:pas|plus) le temps|(?:n )?ont (?:pas|plus) le temps)\b/,
  /\b(?:il|elle|ils|elles) (?:ne )?(?:peut|peuvent|pourra) (?:plus|pas)(?: (?:le faire|m aider|venir))?\b/,
  /\b(?:il|elle) (?:nous a quitte|n est plus de ce monde|est plus de ce monde)\b/,
  /\b(?:he|she|they) (?:moved(?: away| out)?|left|passed away|died|is gone|has gone|are gone|is away|is not (?:here|there|around|available)|isn t (?:here|there|around|available)|is no longer (?:here|there|around)|can t (?:anymore|any more|do it|help)|cannot (?:do it|help)|lives far|is busy|is in hospital)\b/,
];

/** The message says someone usually does the citizen's formalities. */
export function usualHelper(t: string): boolean {
  return HELPER.some((re) => re.test(t));
}

/** The message says the helper (named in it, or just before) is not there now. */
export function helperGone(t: string): boolean {
  return GONE.some((re) => re.test(t));
}
