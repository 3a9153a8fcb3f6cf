/**
 * No dead ends (PRODUCT.md, "How the bot converses", rule 2): after an answer the bot did not
 * understand, it asks again shortly and differently — the options in one short line —, and from the
 * second miss on it also offers a person or a place (with a phone number when the territory has one).
 * Never the same sentence twice in a row.
 */
import type { Locale } from '../i18n/locale';
import type { Strings } from '../i18n/strings';
import type { BotMessage } from './message';
import type { ChoiceOption } from './choice';
import { asksOrTells } from '../text/openQuestion';

export interface MissContext {
  strings: Strings;
  locale: Locale;
  /** Misses in a row so far, this one included (1, 2, 3…). */
  misses: number;
  /** The question and its options, asked again. */
  question: string;
  choices: ChoiceOption[];
  /** The territory's phone line for help, if it has one ("05 55 00 00 00"). */
  helpPhone?: string;
  /** What the citizen wrote: a number that is not in the list is told so ("Le 9 n'est pas dans la liste"). */
  said?: string;
}

/** "9", "n°9", "9.": a bare number that is none of the keys — the citizen read the list, but mistyped or miscounted. */
function missingNumber(said: string | undefined, choices: ChoiceOption[]): { n: string; first: number; last: number } | undefined {
  const m = /^\s*(?:n[o°]?\s*)?(\d{1,3})\s*[.)]?\s*$/i.exec(said ?? '');
  const keys = choices.map((c) => Number(c.key)).filter((k) => Number.isInteger(k) && k > 0);
  if (!m || keys.length === 0 || choices.some((c) => c.key === String(Number(m[1])))) return undefined;
  return { n: String(Number(m[1])), first: Math.min(...keys), last: Math.max(...keys) };
}

export function missMessage(m: MissContext): BotMessage {
  const t = (key: Parameters<Strings['t']>[1], vars?: Record<string, string | number>) => m.strings.t(m.locale, key, vars);
  const number = missingNumber(m.said, m.choices);
  const first = number ? t('understand.noSuchNumber', number) : undefined;
  // A question or a remark the answers do not take ("le rdv c obligatoire ?"): said honestly, with a person at once.
  const asked = !first && m.misses <= 1 && asksOrTells(m.said);
  if (m.misses <= 1 && !asked) return { text: first ?? t('understand.miss1'), question: m.question, choices: m.choices, compact: true };
  const lines = [first ?? t(asked ? 'understand.cannotAnswer' : m.misses % 2 === 0 ? 'understand.miss2' : 'understand.miss3'), t('understand.offerHelp')];
  if (m.helpPhone) lines.push(t('understand.offerPhone', { phone: m.helpPhone }));
  return { text: lines.join('\n'), question: m.question, choices: m.choices, compact: true };
}
