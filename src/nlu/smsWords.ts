/**
 * The words of a message as written out from SMS spelling, for the short whole-message patterns (none of these, the
 * price asked): folded, apostrophes and punctuation as spaces, each word looked up in the caller's own spellings,
 * and "c", "ce", "se", "s" before a word that "c'est" introduces ("c pa sa", "cé combien") written "c est".
 */
import { fold } from '../text/fold';

export function smsWords(text: string, spellings: Record<string, string>, afterCEst: RegExp): string[] {
  const words = fold(text)
    .replace(/['’`´]/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (Object.prototype.hasOwnProperty.call(spellings, w) ? spellings[w].split(' ') : [w]));
  return words.flatMap((w, i) => (/^(?:c|ce|se|s)$/.test(w) && afterCEst.test(words[i + 1] ?? '') ? ['c', 'est'] : [w]));
}
