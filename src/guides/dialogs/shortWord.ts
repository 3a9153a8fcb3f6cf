/**
 * One or two words at a guide's question ("carte" in the identity card guide, "site", "code"), found only partly in an
 * answer (`recognizePartialAnswer`: one word of one of its phrasings, "ma carte bancaire", "code oublié"): no answer
 * when that answer leaves the guide (the scam guide, the password guide) or when the words name the guide's own
 * subject rather than the answer. The guide asks its question again, kindly (src/guides/guideDialog.ts).
 * Nor one word that makes a whole phrasing once its small words are left out ("code" for "on me demande mes codes").
 * The answer's number, its whole label, a word of its label out of the guide, or a longer phrasing still pick it.
 */
import type { ChoiceOption } from '../../conversation/choice';
import type { Locale } from '../../i18n/locale';
import { recognizeChoiceHow, stemsOf, type AnswerStrength } from '../../nlu/choices';
import { plainText } from '../../nlu/plainText';
import type { LoadedGuide } from '../catalog';

export function shortWordOnly(g: LoadedGuide, text: string, answer: { option: ChoiceOption; how: AnswerStrength }, locale: Locale): boolean {
  if (answer.how === 'exact' || plainText(text).split(' ').length > 3) return false;
  const said = stemsOf(text, locale);
  if (said.length === 0 || said.length > 2) return false;
  const label = new Set(stemsOf(answer.option.label, locale));
  const inLabel = said.some((s) => label.has(s));
  // A phrasing whose other words are small words ("on me demande mes codes" is "codes" to the matching) is found
  // whole by one word: out of the guide, only through the answer's own label.
  if (answer.option.value.startsWith('guide:')) return answer.how === 'vague' || !inLabel;
  const subject = new Set(stemsOf(g.guide.title[locale], locale));
  return answer.how === 'vague' && said.every((s) => subject.has(s)) && !inLabel;
}

/** "ok", "d'accord", "oui" where none of the answers is a yes ("Où en êtes-vous ?"): agreeing, not answering. */
export function agreesOnly(text: string, options: ChoiceOption[], locale: Locale): boolean {
  if (options.some((o) => o.role === 'yes') || text.trim().split(/\s+/).length > 3) return false;
  const yes: ChoiceOption = { key: '1', label: locale === 'fr' ? 'Oui' : 'Yes', value: 'yes', role: 'yes' };
  return recognizeChoiceHow(text, [yes], locale)?.how === 'exact' && !/^\s*1\s*$/.test(text);
}
