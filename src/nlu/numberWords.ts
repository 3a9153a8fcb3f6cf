/**
 * Which answer a short reply names by its number in words or its rank: "deux", "la troisième", "le 2e", "the
 * second", "le dernier". A table, not the recognizers-text number and ordinal models: those compile regular
 * expressions so large that their first runs in a process took seconds of CPU (2–14 s measured on a loaded 2-CPU
 * machine) for a citizen's first "quatre", past an SMS webhook's deadline — for the twenty words a list of
 * answers can use. The text is folded (no accents, lower case).
 */
const WORDS: Record<string, number> = {};
const add = (n: number, ...words: string[]) => words.forEach((w) => (WORDS[w] = n));
add(1, 'un', 'une', 'premier', 'premiere', '1er', '1ere', 'one', 'first', '1st');
add(2, 'deux', 'deuxieme', 'deuzieme', 'deusieme', 'deuxiem', 'second', 'seconde', '2e', '2eme', '2ieme', 'two', '2nd');
add(3, 'trois', 'troisieme', 'troisiem', '3e', '3eme', '3ieme', 'three', 'third', '3rd');
add(4, 'quatre', 'quatrieme', '4e', '4eme', '4ieme', 'four', 'fourth', '4th');
add(5, 'cinq', 'cinquieme', '5e', '5eme', '5ieme', 'five', 'fifth', '5th');
add(6, 'six', 'sixieme', '6e', '6eme', '6ieme', 'sixth', '6th');
add(7, 'sept', 'septieme', '7e', '7eme', '7ieme', 'seven', 'seventh', '7th');
add(8, 'huit', 'huitieme', '8e', '8eme', '8ieme', 'eight', 'eighth', '8th');
add(9, 'neuf', 'neuvieme', '9e', '9eme', '9ieme', 'nine', 'ninth', '9th');
add(10, 'dix', 'dixieme', '10e', '10eme', 'ten', 'tenth', '10th');
add(11, 'onze', 'onzieme', 'eleven', 'eleventh');
add(12, 'douze', 'douzieme', 'twelve', 'twelfth');
const LAST = new Set(['dernier', 'derniere', 'last']);
/** "l'avant-dernier", "the second to last": one before the last; "celui du milieu", "the middle one": the middle of an odd count. */
const BEFORE_LAST = /\b(?:avant derni(?:er|ere)|second (?:to )?last|next to last|penultimate)\b/g;
const MIDDLE = /\b(?:(?:du|au) milieu|middle)\b/g;
const ARTICLE_LIKE = new Set(['un', 'une', 'one']);
/** Words around a rank that say nothing more: "le", "la", "numero", "choix", "the", "one" after a rank... */
const FILLER = new Set(['le', 'la', 'l', 'les', 'c', 'est', 'ce', 'celui', 'celle', 'numero', 'no', 'n', 'choix', 'reponse', 'option', 'the', 'number', 'choice', 'answer', 'it', 's', 'is', 'please', 'stp', 'svp', 'merci']);

/**
 * The rank named (1-based; `count` for "le dernier") in a short reply ("la troisième adresse", "the second one",
 * "deux"), undefined when it names none or several. "un", "une" and "one" count only alone: otherwise they are
 * articles ("un rendez-vous") or the word for the answer ("the second one").
 */
export function rankSaid(folded: string, count: number): number | undefined {
  const marked = folded.replace(/[^a-z0-9]+/g, ' ').replace(BEFORE_LAST, ' \u0001before ').replace(MIDDLE, ' \u0001middle ');
  const tokens = marked.split(/[^a-z0-9\u0001]+/).filter((t) => t && !FILLER.has(t));
  const ranks = new Set<number>();
  for (const t of tokens) {
    if (t === '\u0001before') ranks.add(count - 1);
    else if (t === '\u0001middle') ranks.add(count % 2 === 1 ? (count + 1) / 2 : -1);
    else if (LAST.has(t)) ranks.add(count);
    else if (WORDS[t] !== undefined && (tokens.length === 1 || !ARTICLE_LIKE.has(t))) ranks.add(WORDS[t]);
  }
  return ranks.size === 1 && count > 0 && [...ranks][0] >= 1 ? [...ranks][0] : undefined;
}
