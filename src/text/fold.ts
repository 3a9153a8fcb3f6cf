/**
 * Text folding for matching what citizens type: case, accents, apostrophes and spacing do not matter.
 * "Arrêt", "ARRET" and " arret !" all fold to "arret"; "d’accord" and "d'accord" are the same thing.
 */
const APOSTROPHES = /[\u2018\u2019\u201B\u2032\u00B4\u0060\u02BC]/g;
const QUOTES = /[\u201C\u201D\u00AB\u00BB]/g;

/** Normalise apostrophes and quotes to their ASCII forms, keeping everything else. */
export function normalizeApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(QUOTES, '"');
}

/** Printable ASCII but the backquote (an apostrophe above): no apostrophe, quote or accent to unify or strip. */
const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e]*$/;

/** Lower-case, strip accents, unify apostrophes, collapse spaces, drop surrounding punctuation. */
export function fold(text: string): string {
  // Most of what is folded at each turn ("1", "oui", menu numbers) is plain ASCII: NFD and the two replacements
  // would leave it as it is.
  const plain = PLAIN_ASCII.test(text)
    ? text
    : normalizeApostrophes(text)
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '');
  return plain
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s.!?,;:()"'*-]+|[\s.!?,;:()"'*-]+$/g, '');
}

/** True when the text carries no letter or digit at all (emoji only, punctuation only, blank). */
export function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
