/**
 * French elision where a value is put into a sentence: "près de {place}" with Amiens is "près d'Amiens", with
 * Hendaye "près d'Hendaye", with Le Havre "près du Havre". Before a vowel or a mute h; a few towns start with an
 * aspirated h and keep "de" (Haguenau, Honfleur).
 */
const VOWEL_OR_H = /^[aeiouyàâäéèêëîïôöùûüœæh]/i;
const ASPIRATED_H = new Set(['haguenau', 'honfleur', 'halluin', 'hem', 'ham', 'hirson', 'houilles', 'hazebrouck', 'hautmont', 'harfleur']);

function elides(value: string): boolean {
  if (!VOWEL_OR_H.test(value)) return false;
  const first = value.toLowerCase().split(/[\s-]/)[0];
  return !/^h/i.test(value) || !ASPIRATED_H.has(first);
}

/** The template's text just before a placeholder and the value put there, with "de"/"que" elided as French writes it. */
export function elide(before: string, value: string): { before: string; value: string } {
  const m = /(^|[\s(])(de|que|De|Que) $/.exec(before);
  if (!m) return { before, value };
  const head = before.slice(0, before.length - m[2].length - 1);
  // "de Le Havre" → "du Havre", "de Les Abymes" → "des Abymes".
  const article = /^(Le|Les) (.*)$/.exec(value);
  if (m[2].toLowerCase() === 'de' && article) return { before: `${head}${m[2][0]}${article[1] === 'Le' ? 'u' : 'es'} `, value: article[2] };
  if (!elides(value)) return { before, value };
  return { before: `${head}${m[2].slice(0, -1)}'`, value };
}
