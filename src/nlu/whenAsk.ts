/**
 * "C'est quand ?" asked inside a guide bound to dates, in the citizen's spelling: "c quand deja", "jusqu'a quand ?",
 * "c'est ouvert ?", "il est encore temps ?", "la date limite", "when is the deadline". The guide answers with
 * today's date and what it means for this formality (src/guides/dialogs/guideDates.ts), then asks its question again.
 *
 * Only a question: "quand je clique ça marche pas" uses "quand" as "when I click", and is no question about dates.
 */
import { plainText } from './plainText';

const FR = [
  /\b(?:c|ce|se|c est|cest|sest|ces|ca sera|ca tombe) quand\b/,
  /\bquand (?:est ce que |est ce qu )?(?:ca|sa|elle|il|on|je) (?:ouvre|ferme|commence|finit|se termine|doit|dois|peut|peux|faut)\b/,
  /\bquand (?:dois je|faut il|doit on|peut on|puis je|ouvre|ferme)\b/,
  /\b(?:jusqu a|a partir de|des|pour) quand\b/,
  /\b(?:quelle date|quel jour|quelles dates|la date limite|date limite|derniere date|dernier delai|les dates)\b/,
  /\b(?:c est|il est|est ce|est il) (?:encore )?(?:ouvert|temps|trop tard)\b|\b(?:encore temps|trop tard|dans les temps|a temps|deja ferme|deja ouvert)\s*$/,
];
const EN = [
  /^(?:and |so |ok )?when\b(?! i )/,
  /\b(?:until when|what date|which date|deadline|last day|too late|is it (?:still )?open|still time)\b/,
];

/** Does the message ask when the formality can (or must) be done? */
export function asksWhen(text: string): boolean {
  if (text.length > 120) return false;
  const t = plainText(text);
  return !!t && (FR.some((re) => re.test(t)) || EN.some((re) => re.test(t)));
}
