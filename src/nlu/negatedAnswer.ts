/**
 * A negated sentence at a question whose answers share its word: "je ne travaille pas", "j'ai pas de travail", "je
 * travaille plus", "I don't work" at "Le test dit que vous avez droit ? … 3 Je travaille à la ferme". What it denies
 * is never the positive answer that says it — nor the question's "Non" (that answer is about the test). When what it
 * denies is what the question asks ("j'y habite pas encore", "I don't live there yet" at "Vous habitez déjà
 * le logement ? 1 Oui 2 Pas encore"), it is the question's negative answer. Read with the stems the negation words
 * just before deny (`negatedStems`, src/nlu/optionScore.ts).
 */
import type { Locale } from '../i18n/locale';
import { isDontKnow, type ChoiceOption } from './choices';
import { NEGATION } from './negation';
import { normalize } from './normalize';
import { saysNotUnderstood } from './notUnderstood';
import { negatedStems } from './optionScore';
import { plainText } from './plainText';

export type NegatedReading =
  /** The negative answer the sentence means ("Pas encore"). */
  | { kind: 'means'; option: ChoiceOption }
  /** The positive answer the sentence denies ("Je travaille à la ferme"): not it, nor the question's no. */
  | { kind: 'not'; option: ChoiceOption };

/** "travail" and "travaill", "work" and "worked", SMS "jtravaille" and "travaille": the same word. */
const same = (a: string, b: string): boolean =>
  a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a))) || (/^j[^aeiouy]/.test(a) && same(a.slice(1), b));

export function negatedAnswer(text: string, options: ChoiceOption[], question: string, locale: Locale): NegatedReading | undefined {
  const plain = plainText(text);
  // "je sais pas" is its own answer, "j'ai pas compris" none.
  if (!NEGATION.test(plain) || isDontKnow(text) || saysNotUnderstood(text)) return undefined;
  const denied = [...negatedStems(text, locale)];
  if (denied.length === 0) return undefined;
  const deniedIn = (words: string[]) => words.some((w) => denied.some((d) => same(d, w)));
  const asked = normalize(question, locale);
  const own = options.filter((o) => o.role !== 'stuck' && !isDontKnow(o.label));
  const negative = (o: ChoiceOption) => o.role === 'no' || NEGATION.test(plainText(o.label));
  // The positive answers (not the yes) whose own words, not the question's, the sentence denies.
  const denies = own.filter((o) => o.role !== 'yes' && !negative(o) && deniedIn(normalize(o.label, locale).filter((w) => !asked.includes(w))));
  if (denies.length === 1) return { kind: 'not', option: denies[0] };
  if (denies.length > 1) return undefined;
  // What the question asks, denied: its one negative answer ("jai pas france connect" at "Vous voyez votre compte ?"
  // denies nothing it asks).
  const nos = own.filter(negative);
  return nos.length === 1 && deniedIn(asked) ? { kind: 'means', option: nos[0] } : undefined;
}
