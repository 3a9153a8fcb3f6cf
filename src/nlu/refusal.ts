/**
 * A refusal said with a negated verb of acceptance: "il veu pa de mon iban", "le site prend pas ma photo". The
 * "pas" denies the verb, not the thing: the message means "il refuse mon iban" — the thing is still named, so
 * the answer about a refused IBAN (or photo, or code) can be found. Over `plainText()` (SMS spellings expanded).
 */
import { plainText } from './plainText';

const ACCEPT_DENIED =
  /\b(?:ne |n )?(?:veu|veut|veux|veulent|voulait|prend|prends|prennent|accepte|acceptent|reconnait|reconnaissent|valide|enregistre|garde) (?:pas|plus|jamais|toujours pas) (?:de |d )?((?:mon|ma|mes|le|la|les|l|ce|cet|cette|son|sa|ses) )/g;

/** The message with "ne veut pas de mon X" said as "refuse mon X", or undefined when it holds no such refusal. */
export function refusalSaid(utterance: string): string | undefined {
  const plain = plainText(utterance);
  const out = plain.replace(ACCEPT_DENIED, 'refuse $1');
  return out === plain ? undefined : out;
}
