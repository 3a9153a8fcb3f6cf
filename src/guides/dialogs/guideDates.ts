/**
 * "C'est quand ?" asked inside a guide bound to dates (src/nlu/whenAsk.ts), when nothing else took the message:
 * today's date and what it means for this formality — the guide's own dated answers (`when` on a choice: "the
 * update is open until the 15th") or its dated notices ("the tax return opens in April") — then the same question
 * again. A guide with no dates says nothing here (the message is a miss as before).
 */
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';
import { asksWhen } from '../../nlu/whenAsk';
import type { LoadedGuide } from '../catalog';
import { span, type Today } from '../when';

/** What today's date says in this guide: the narrowest dated answer that holds today, else a dated notice. */
export function datedReply(g: LoadedGuide, today: Today, locale: Locale): string | undefined {
  let best: { reply: string; span: number } | undefined;
  for (const step of g.stepById.values()) {
    for (const c of step.check?.choices ?? []) {
      const reply = c.when && today.isIn(c.when) ? c.reply?.[locale] : undefined;
      if (reply && (!best || span(c.when!) < best.span)) best = { reply, span: span(c.when!) };
    }
  }
  return best?.reply ?? g.guide.notices.find((n) => today.isIn(n.when))?.text[locale];
}

/** The answer to "c'est quand ?" in this guide, or undefined (not asked, or the guide has no dates). */
export function datesAnswer(strings: Strings, g: LoadedGuide, today: Today, text: string, locale: Locale): string | undefined {
  if (!asksWhen(text)) return undefined;
  const reply = datedReply(g, today, locale);
  return reply ? `${strings.t(locale, 'guide.today', { date: today.format(locale) })} ${reply}` : undefined;
}
