/**
 * "jsp c'est ma fille qui fait tout ça", "je sais pas, c'est mon fils qui s'en occupe", "no idea, my son does all
 * that": a "don't know" that opens the message and says why — someone else does it. It is the question's own
 * "Je ne sais pas" (the signal alone refuses long messages: "je sais pas où elle est" says something else).
 */
import { plainText } from './signals';

const LEAD = String.raw`^(?:bah |ben |euh |alors )?(?:je (?:ne )?sais (?:pas|plus|meme pas)|j en sais rien|aucune idee|pas la moindre idee|i do not know|no idea|not sure)`;
const SOMEONE = String.raw`(?:mon|ma|mes|my|notre|our)\s+\w+(?:\s+\w+)?`;
const BECAUSE = new RegExp(
  String.raw`${LEAD}\b,? (?:(?:c est|cest|c|ce sont) ${SOMEONE} qui|${SOMEONE} (?:s en occupe|s occupe|fait|gere|does|handles|takes care))\b`,
);

/** Whether the message is "I don't know" followed by who does it instead. */
export function dontKnowBecauseSomeoneElse(utterance: string): boolean {
  return BECAUSE.test(plainText(utterance));
}
