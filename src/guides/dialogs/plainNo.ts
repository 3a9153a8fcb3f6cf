/**
 * "Vous avez reçu le message ? 1 Oui 2 Rien reçu": the second answer is the question's plain "no", though its label
 * does not start with "Non". A bare no word ("non", "nan", "nope", "pas encore", "toujours pas") picks it — when the
 * question offers a yes and exactly one other answer (besides "Je ne sais pas" and "Je bloque"), that answer
 * is negative, and it says nothing the question does not ("Rien reçu" for "reçu le message ?", "Toujours rien" —
 * not "Pas de cabine agréée" for "Vous avez le code photo ?": that is one reason among others, asked again; nor
 * "Il ne veut pas" for "C'est bon ?"). With several other answers, a bare no asks which one (`otherThanYes`).
 */
import type { ChoiceOption } from '../../conversation/choice';
import type { Locale } from '../../i18n/locale';
import { isDontKnow, stemsOf } from '../../nlu/choices';
import { NEGATION } from '../../nlu/negation';
import { plainText } from '../../nlu/signals';

/** A bare no, and nothing else: "non", "nan", "pas encore", "toujours pas", "nope", "not yet". */
const PLAIN_NO = ['non', 'nan', 'nn', 'non non', 'nope', 'nop', 'no', 'nah', 'not yet', 'no not yet', 'pas encore', 'non pas encore',
  'toujours pas', 'non toujours pas', 'negatif', 'still no', 'non rien', 'no nothing'];

/** Words of "not received / not arrived / not yet" that any such question means without saying them. */
const RECEIVED = new Set(['recu', 'arriv', 'arrive', 'receiv', 'received', 'yet', 'venu', 'come', 'came']);

/** The options, the plain negative one with the no words as its own phrasings (the others unchanged). */
export function withPlainNo(options: ChoiceOption[], question: string | undefined, locale: Locale): ChoiceOption[] {
  if (!question || options.some((o) => o.role === 'no')) return options;
  const answers = options.filter((o) => o.role !== 'stuck' && !isDontKnow(o.label));
  if (answers.length !== 2) return options;
  const yes = answers.find((o) => o.role === 'yes');
  const other = answers.find((o) => o !== yes);
  if (!yes || !other || !NEGATION.test(plainText(other.label))) return options;
  const asked = new Set(stemsOf(question, locale));
  const said = stemsOf(other.label, locale).filter((s) => !NEGATION.test(s));
  if (!said.every((s) => asked.has(s) || RECEIVED.has(s))) return options;
  // A label of small words only says "not yet" or "nothing" ("Pas encore", "Toujours rien"), not "Il ne veut pas".
  if (said.length === 0 && !/\b(?:rien|encore|toujours|nothing|yet|still)\b/.test(plainText(other.label))) return options;
  return options.map((o) => (o === other ? { ...o, synonyms: [...(o.synonyms ?? []), ...PLAIN_NO] } : o));
}

/** A bare no word and nothing else ("non", "nan", "pas encore", "nope"). */
export function isPlainNo(text: string): boolean {
  return PLAIN_NO.includes(plainText(text).trim());
}

/**
 * "La commande est faite ? 1 Oui 2 Ma photo est refusée 3 On me demande de payer 4 Je bloque": a bare "non"
 * picks none of them, but it says the yes is not it — the answers other than the yes, to ask "what is the
 * problem?" with. Only at a question with a yes, no plain no answer, and at least two other answers of its own.
 */
export function otherThanYes(text: string, options: ChoiceOption[]): ChoiceOption[] | undefined {
  if (!isPlainNo(text) || !options.some((o) => o.role === 'yes') || options.some((o) => o.role === 'no')) return undefined;
  const others = options.filter((o) => o.role !== 'yes');
  const own = others.filter((o) => o.role !== 'stuck' && !isDontKnow(o.label));
  return own.length >= 2 ? others : undefined;
}
