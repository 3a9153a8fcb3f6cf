/**
 * "vous avez tout ?", "j'ai tout ?", "un espace ?" at "Vous avez déjà un espace ?": the question said back, with a question mark.
 * It is a question, not an answer (never the "Oui, j'ai tout" its words make): the guide says its question again more
 * simply (src/guides/dialogs/guideNavigation.ts). Every word of the message, once the persons, the verbs "avoir" and
 * "être" and small words are left out, is a word of the question on screen — and at least
 * one such word is there ("oui ?" says nothing). "c'est payant ?" (a word of its own) is another question.
 */
import { plainText } from './plainText';

/** Persons, "avoir", "être", articles and question words: what an echo changes or adds to the question. */
const SMALL = new Set(
  ('je j jai j ai g moi vous tu te t on nous il elle ils ca c cest est ce ces sont suis es etes ai as avez a ont avons ' +
    'le la les l un une des de du d en y qu que qui quoi est-ce donc alors euh ben bah hein faut il faut deja ' +
    'i you we it is are do does have has the a an of to').split(' '),
);

const YES_NO = /\b(?:oui|ouais|non|nan|ok|okay|yes|no|yeah|nope)\b/;

/** Whether `text` only says the question back, as a question. */
export function echoesQuestion(text: string, question: string | undefined): boolean {
  if (!question || !/\?\s*$/.test(text.trim()) || /\d/.test(text)) return false;
  const plain = plainText(text);
  // "oui ?", "non ?", "ok ?": a hesitant answer, not the question said back.
  if (YES_NO.test(plain)) return false;
  const words = plain.split(' ').filter((w) => w && !SMALL.has(w));
  if (words.length === 0 || words.length > 6) return false;
  const known = new Set(plainText(question).split(' '));
  return words.every((w) => known.has(w));
}
