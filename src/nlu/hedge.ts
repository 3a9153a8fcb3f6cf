/**
 * A hedge around an answer ("c'est un 8 je crois", "je pense que c'est le 2", "normalement il commence par 1",
 * "it starts with 8 I think"): the citizen is not sure, but the answer is the words around it. The hedge alone
 * ("je crois", "normalement") is a yes of its own (src/nlu/roleWords.ts) and is left as it is.
 */
import { plainText } from './plainText';

/** A hedge first ("je crois pas" is a no of its own, not a hedge before "pas"), or last. */
const LEADING = /^(?:(?:euh|ben|bah|alors) )?(?:je crois (?:bien )?(?:que |qu )?|je pense (?:que |qu )?|j pense (?:que |qu )?|il me semble (?:que |qu )?|normalement |a priori |en principe |logiquement |si je me souviens bien |i think (?:that )?|i believe |probably )(?!(?:pas|plus|point|not|so)\b)/;
const TRAILING = / (?:je crois(?: bien)?|je pense|il me semble|normalement|a priori|en principe|si je me souviens bien|si je me trompe pas|i think|i believe|probably|i guess)$/;

/** The message without its hedge, or undefined when it has none or is only one. */
export function withoutHedge(text: string): string | undefined {
  const plain = plainText(text);
  const out = plain.replace(LEADING, '').replace(TRAILING, '').trim();
  return out && out !== plain ? out : undefined;
}
