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
import { isDontKnow, recognizeChoiceHow, stemsOf, type AnswerStrength } from '../../nlu/choices';
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
  if (acknowledgesOnly(text, options)) return true;
  if (options.some((o) => o.role === 'yes') || text.trim().split(/\s+/).length > 3) return false;
  const yes: ChoiceOption = { key: '1', label: locale === 'fr' ? 'Oui' : 'Yes', value: 'yes', role: 'yes' };
  return recognizeChoiceHow(text, [yes], locale)?.how === 'exact' && !/^\s*1\s*$/.test(text);
}

/** Words that only acknowledge what was said ("ok", "d'accord", "ah ok merci"): no yes of their own. */
const ACK = /^(?:(?:ah|oh|bon|ben|bah|euh|tres) )?(?:ok|okay|oki|okey|d accord|daccord|dac|dacc|entendu|bien|tres bien|merci|alright|all right|okay then)(?: (?:ok|d accord|daccord|merci|merci beaucoup|bien))?$/;

/**
 * "ok", "d'accord", "merci" at a question whose yes answer says a fact ("Oui, j'ai un espace") among other real
 * answers ("Non, je le crée", "Avec FranceConnect"): it acknowledges, it does not choose. A plain "Oui" (a check: "C'est
 * bon ?", "Vous avez pu vous connecter ? 1 Oui 2 Mot de passe oublié"), or a yes with one other answer ("On commence ?
 * 1 Oui, on commence 2 Plus tard", "Vous avez tout ?"), still takes it. Other answers: not "Je bloque", not "Je ne sais
 * pas", not another guide. The number, the label and any other word ("oui", "ouais") still pick the yes.
 */
export function acknowledgesOnly(text: string, options: ChoiceOption[]): boolean {
  const yes = options.find((o) => o.role === 'yes');
  if (!yes || !ACK.test(plainText(text)) || /^(?:oui|yes)$/.test(plainText(yes.label))) return false;
  const others = options.filter((o) => o !== yes && o.role !== 'stuck' && !o.value.startsWith('guide:') && o.value !== 'handoff' && !isDontKnow(o.label));
  return others.length >= 2;
}
