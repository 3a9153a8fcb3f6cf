/**
 * Easy-to-read checks of a message a person is writing (a mediator's reply, a canned reply): sentences longer than
 * 15 words, more than 3 sentences in one message. Hints, never errors: the writer decides. Pure, so the console
 * (in the browser) and the server share it; the guides' own rules are src/guides/writingRules.ts.
 */
export const FALC_MAX_WORDS = 15;
export const FALC_MAX_SENTENCES = 3;

export interface FalcHints {
  /** Sentences with more than FALC_MAX_WORDS words: their start and their length. */
  long: Array<{ start: string; words: number }>;
  /** Number of sentences, when more than FALC_MAX_SENTENCES. */
  tooManySentences?: number;
}

const URL = /\bhttps?:\/\/\S+/gi;

/** The sentences of a text (a link is one word; a line break ends a sentence). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(URL, 'lien')
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

export function wordsIn(sentence: string): number {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function falcHints(text: string): FalcHints {
  const sentences = sentencesOf(text);
  const long = sentences
    .map((s) => ({ s, words: wordsIn(s) }))
    .filter((x) => x.words > FALC_MAX_WORDS)
    .map((x) => ({ start: x.s.split(/\s+/).slice(0, 5).join(' '), words: x.words }));
  return { long, ...(sentences.length > FALC_MAX_SENTENCES ? { tooManySentences: sentences.length } : {}) };
}
