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
}

export function missMessage(m: MissContext): BotMessage {
  const t = (key: Parameters<Strings['t']>[1], vars?: Record<string, string | number>) => m.strings.t(m.locale, key, vars);
  if (m.misses <= 1) return { text: t('understand.miss1'), question: m.question, choices: m.choices, compact: true };
  const lines = [t(m.misses % 2 === 0 ? 'understand.miss2' : 'understand.miss3'), t('understand.offerHelp')];
  if (m.helpPhone) lines.push(t('understand.offerPhone', { phone: m.helpPhone }));
  return { text: lines.join('\n'), question: m.question, choices: m.choices, compact: true };
}
