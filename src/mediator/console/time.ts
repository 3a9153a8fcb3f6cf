/// <reference lib="dom" />
/**
 * The time of each message in the conversation pane: "14:32" (the computer's local time), with the date before it
 * when it is not today ("2 déc. 14:32"), in a <time datetime="…"> element whose full date and time show
 * as a tooltip.
 */
import { h } from './dom';

/** "14:32", or "2 déc. 14:32" for another day; and the full form ("mercredi 2 décembre 2026 à 14:32"). */
export function timeLabels(at: number, locale: 'fr' | 'en', now: number = Date.now()): { short: string; full: string } {
  const tag = locale === 'en' ? 'en-GB' : 'fr-FR';
  const d = new Date(at);
  const hm = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const short = sameDay ? hm : `${new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' }).format(d)} ${hm}`;
  const full = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short' }).format(d);
  return { short, full };
}

/** A <time> element for a message sent at `at` (nothing for a missing time). */
export function stamp(at: number | undefined, locale: 'fr' | 'en'): HTMLElement | null {
  if (typeof at !== 'number' || !Number.isFinite(at) || at <= 0) return null;
  const labels = timeLabels(at, locale);
  return h('time', { class: 'pc-time', datetime: new Date(at).toISOString(), title: labels.full }, labels.short);
}
