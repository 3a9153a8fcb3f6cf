/**
 * A message that asks for a person and tells the problem in one line ("ils m'ont coupé les apl, je veux parler à
 * quelqu'un"): what is left once the request for a person is set aside — the problem, read as a topic by the
 * handoff (src/handoff/topic.ts) and served if the citizen goes on with the bot. Over `plainText()`.
 */
import { PERSON_EN, PERSON_FR } from './personPatterns';
import { plainText } from './plainText';

/** Courtesy and filler words that tell no problem once the person is set aside. */
const FILLER = /\b(?:bonjour|bonsoir|bjr|slt|salut|svp|stp|s il vous plait|s il te plait|please|merci|hello|hi|je|j|voudrais|veux|veu|aimerais|souhaite|souhaiterais|besoin|de|d|a|au|pour|avec|un|une|le|la|les|et|i|want|would|like|to|talk|speak|with|for|about|c|ce|est|cest)\b/g;

/** The words left once every request for a person is removed ('' when nothing else is said). */
export function withoutPersonAsked(text: string): string {
  let t = plainText(text);
  for (const re of [...PERSON_FR, ...PERSON_EN]) t = t.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), ' ');
  t = t.replace(/\s+/g, ' ').trim();
  return t.replace(FILLER, ' ').replace(/\s+/g, ' ').trim() ? t : '';
}
