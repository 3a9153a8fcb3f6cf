/**
 * "je gagne peu" is not "je gagne trop": amount words are small words the stems leave out, so two phrasings that say
 * opposite amounts of the same thing share all their stems. A phrasing whose amount the message contradicts is not
 * what the message says (src/nlu/choices.ts). On `plainText()`.
 */
const LITTLE = /\b(?:peu|pas beaucoup|pas bcp|pas assez|pas grand chose|pas tant|pas trop|moins|little|not much|not enough|not a lot|not many|less)\b/;
const MUCH = /\b(?:trop|beaucoup|bcp|tant|too much|too many|a lot|lots|so much)\b/;

export type Amount = 'little' | 'much' | undefined;

export function amountOf(plain: string): Amount {
  if (LITTLE.test(plain)) return 'little';
  return MUCH.test(plain) ? 'much' : undefined;
}

/** The phrasing says "much" and the message "little", or the other way round. */
export function amountsClash(phrase: Amount, message: Amount): boolean {
  return phrase !== undefined && message !== undefined && phrase !== message;
}
