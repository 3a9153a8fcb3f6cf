/**
 * A death in the family, in any words (PRODUCT rule 4: bereavement gets condolences first). Built from two word
 * families rather than sentences: a relative ("ma maman", "mon époux", "my dad") and a death word ("décédé",
 * "est mort", "nous a quittés", "passed away"), close together and in either order ("décès de mon frère", "mon
 * fils est mort", "je viens de perdre mon père"). A few words are a loss on their own (veuve, obsèques, deuil).
 * Patterns over `plainText()` (folded, SMS spellings expanded); src/nlu/signals.ts turns a match into a signal.
 */

/** The people whose death a citizen tells us about (folded; the possessive is read separately). */
const RELATIVE_FR =
  '(?:mere|maman|moman|pere|papa|mari|femme|epou(?:x|se)|conjointe?|compagnon|compagne|concubine?|fils|fille|frere|soeur|enfant|bebe|' +
  'grand (?:mere|pere)|grands parents|mamie|mamy|mami|papi|papy|pepe|meme|oncle|tante|cousine?|neveu|niece|beau (?:pere|frere|fils)|' +
  'belle (?:mere|soeur|fille)|parents?|fiancee?|homme|ami|amie)';
const RELATIVE_EN =
  '(?:mother|mum|mom|mommy|mummy|mam|father|dad|daddy|husband|wife|spouse|partner|son|daughter|brother|sister|child|baby|' +
  'grand(?:mother|father|ma|pa|mum|dad)|nan|nana|granny|uncle|aunt|auntie|cousin|nephew|niece|parents?|fiance|fiancee|(?:mother|father|brother|sister|son|daughter) in law)';
/** "ma", "mon", "notre", "sa", "la … de", "my", "our", "her": a relative of the citizen's, not a word in a title. */
const MY_FR = '(?:ma|mon|mes|notre|nos|sa|son|leur)';
const MY_EN = '(?:my|our|his|her|their)';

/** Death words after the relative ("mon père est décédé", "ma mère vient de mourir", "ma maman nous a quittés"). */
const DIED_FR =
  '(?:(?:est|etait|a ete|vient d etre|viennent d etre|sont) (?:decedee?s?|morte?s?|enterree?s?|inhumee?s?|disparue?s?)|' +
  'decedee?s?|(?:vient|viennent) de (?:mourir|deceder|decede|partir|nous quitter)|(?:est|sont) mort|meurt|est (?:mourante?|au ciel)|' +
  'nous (?:a|ont) quitte(?:e?s?)?|m a quitte(?:e?s?)? pour toujours|(?:s est|se sont) eteinte?s?|a rendu l ame|n est plus (?:la|de ce monde)|' +
  'est parti(?:e)? (?:pour toujours|au ciel|rejoindre|d un cancer|d une maladie)|' +
  'a ete tuee?|(?:s est )?suicidee?)';
/** Death words before the relative ("décès de mon frère", "je viens de perdre ma femme", "l'enterrement de papa"). */
const DEATH_OF_FR = '(?:deces|mort|disparition|enterrement|obseques|funerailles|succession|heritage|(?:viens|vient|venons) de perdre|(?:j ai|on a|nous avons|a|avons) perdu|perte de)';
const DIED_EN = '(?:passed(?: away| on)?|past away|died|die|dies|has died|is dead|was killed|just died|is gone)';
const DEATH_OF_EN = '(?:death of|funeral of|lost|losing|loss of|burying)';

/** Death words that are a loss on their own, whoever it was. */
const ALONE_FR = /\b(?:veuve?|veuf|deuil|obseques|funerailles|condoleances|pension de veuve|orphelin(?:e|s)?|nous a quitte(?:e?s?)?|nous ont quitte)\b/;
const ALONE_EN = /\b(?:widow(?:er|ed)?|bereave(?:d|ment)|funeral|condolences|orphan(?:ed)?)\b/;

/** Parents and grandparents: "ma maman est partie" is a death; "mon mari est parti" may be a separation. */
const OLDER_FR = '(?:mere|maman|moman|pere|papa|grand (?:mere|pere)|mamie|mamy|mami|papi|papy|pepe|meme|parents)';

const PAIR: RegExp[] = [
  // relative, then what happened, a few words later at most ("mon papa il est décédé", "ma mère de 90 ans est morte")
  new RegExp(`\\b${MY_FR} ${RELATIVE_FR}\\b(?: [a-z0-9]+){0,4} ${DIED_FR}\\b`),
  new RegExp(`\\b${MY_FR} ${OLDER_FR}\\b(?: [a-z0-9]+){0,3} (?:est|sont|etait) parti(?:e?s?)?\\b(?! (?:en|a|au|aux|avec|vivre|travailler|habiter|de la maison|de chez|loin|sans|faire|chercher))`),
  // what happened, then the relative ("décès de mon frère", "je viens de perdre mon père", "l'enterrement de ma tante")
  new RegExp(`\\b${DEATH_OF_FR}\\b(?: (?:de|d|du))? ${MY_FR}? ?${RELATIVE_FR}\\b`),
  new RegExp(`\\b${MY_EN} ${RELATIVE_EN}\\b(?: [a-z0-9]+){0,4} ${DIED_EN}\\b`),
  new RegExp(`\\b${DEATH_OF_EN} ${MY_EN} ${RELATIVE_EN}\\b`),
];

/** Does the message tell of a death (a relative who died, or a loss word on its own)? */
export function tellsBereavement(t: string): boolean {
  return ALONE_FR.test(t) || ALONE_EN.test(t) || PAIR.some((re) => re.test(t));
}
