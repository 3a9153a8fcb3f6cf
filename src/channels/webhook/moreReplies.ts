/**
 * "SUITE" on SMS (src/channels/webhook/messaging.ts): a reply longer than `maxPerReply` items sends the first ones
 * with "répondez SUITE", the rest is held until the citizen asks for more.
 */
import { fold } from '../../text/fold';
import type { Locale } from '../../i18n/locale';
import type { RenderedMessage } from '../render';
import type { ChannelSender } from './messaging';

const MORE_WORDS = new Set(['suite', 'la suite', 'more', 'next', 'continuer', 'continue']);

/** "SUITE", "la suite", "more"…: the citizen asks for the held items. */
export function asksForMore(text: string): boolean {
  return MORE_WORDS.has(fold(text).trim());
}

/**
 * A reply's items and what waits for "SUITE": packed by the sender when it pages its texts itself (SMS: whole items,
 * the hint on the last SMS), else the first `max` items. Items flushed from before go first.
 */
export function replyForMore(
  sender: ChannelSender,
  rendered: RenderedMessage[],
  flushed: string[],
  max: number | undefined,
  hint: string,
  botAddress: string,
  locale: Locale,
): { items: string[]; hold?: string[] } {
  if (sender.paged && flushed.length === 0) return sender.paged(rendered, botAddress, max, hint);
  return batchForMore([...flushed, ...sender.prepare(rendered, botAddress, locale)], max, sender, hint, botAddress);
}

/** Keep what goes beyond one reply for "SUITE" (`hold`: to be held; undefined when nothing is). */
export function batchForMore(items: string[], max: number | undefined, sender: ChannelSender, hint: string, botAddress: string): { items: string[]; hold?: string[] } {
  if (!max || items.length <= max) return { items };
  const first = items.slice(0, max);
  return { items: sender.withMoreHint ? sender.withMoreHint(first, hint, botAddress) : first, hold: items.slice(max) };
}

/** The held items the citizen asked for, with "répondez SUITE" again while some remain. */
export function heldWithHint(held: { items: string[]; remaining: number }, sender: ChannelSender, hint: string, botAddress: string): string[] {
  if (held.remaining === 0 || !sender.withMoreHint) return held.items;
  return sender.withMoreHint(held.items, hint, botAddress);
}
