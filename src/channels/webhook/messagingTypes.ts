/**
 * The contract of a messaging channel (SMS, WhatsApp, Telegram): what a provider delivered to us, where a message
 * goes, what a provider's sender does, what the shared pipeline (messaging.ts) needs, and what it answers.
 */
import type { RetentionOf } from '../../territories/retention';
import type { Logger } from 'pino';
import type { LeanAdapter } from '../leanAdapter';
import type { ChannelCapabilities } from '../capabilities';
import type { RenderedMessage } from '../render';
import type { ContactStore } from './contacts';
import type { TurnChannelData } from '../../conversation/channelData';
import type { Route } from './routing';
import type { Strings } from '../../i18n/strings';
import type { Locale } from '../../i18n/locale';
import type { Transcriber, VoiceNoteSource } from '../voice/notes';

export type MessagingChannelId = 'sms' | 'sms-ovh' | 'sms-brevo' | 'whatsapp' | 'telegram';

/** A message the provider delivered to us, authenticated and parsed. */
export interface InboundEvent {
  /** Provider message id (MessageSid, wamid, update_id): the dedup key. */
  messageId: string;
  /** The citizen's address on the channel (phone number, chat id). */
  address: string;
  /** Our address: the Twilio number written to, the WhatsApp phone-number id, the Telegram bot path. */
  botAddress: string;
  text: string;
  /** A photo, voice note, sticker… (we answer that we read text only, unless it holds photos). */
  hasMedia?: boolean;
  /**
   * The photos among the media, as the provider names them (Twilio's media path, WhatsApp's media id, Telegram's
   * file_id): they go to the turn, so a mediator in a handoff sees them (src/conversation/photos.ts).
   */
  photos?: Array<{ id: string; contentType: string }>;
  voice?: VoiceNoteSource; // a voice note: transcribed, then confirmed by the citizen (docs/voice.md)
  known?: Pick<TurnChannelData, 'callerPhone' | 'lineUnanswered'>; // what the route knows for the bot (a caller's number)
}

/** Where a message goes. */
export interface Target {
  address: string;
  botAddress: string;
  userId: string;
}

/** One provider: how rendered messages become its sendable items, and how they are sent. */
export interface ChannelSender {
  /** Rendered messages → provider items (SMS texts, JSON payloads…), serialisable as strings. */
  prepare(messages: RenderedMessage[], botAddress: string, locale: Locale): string[];
  /** Send items through the provider's API, in order. */
  send(target: Target, items: string[]): Promise<void>;
  /** Stop background sending (an outbox's timer) at shutdown. */
  close?(): Promise<void>;
  /**
   * SMS: a reply's messages packed into SMS at whole items, in pages of `maxPerReply`: the first page (the "SUITE"
   * hint on its last SMS when more is held) and what is held. Without it: `prepare`, then the first items.
   */
  paged?(messages: RenderedMessage[], botAddress: string, maxPerReply: number | undefined, hint: string): { items: string[]; hold?: string[] };
  /** SMS: add "répondez SUITE" to the last item sent when the rest is held back. */
  withMoreHint?(items: string[], hint: string, botAddress: string): string[];
  /** WhatsApp: may a free-form message be sent now (24-hour window)? Otherwise, what to do. */
  outsideWindow?(target: Target, lastInboundAt: number, now: number): Promise<'send' | 'held' | 'refused'>;
  /** The same question without sending anything (asked before a mediator's message is accepted). */
  windowState?(lastInboundAt: number, now: number): 'open' | 'template' | 'closed';
}

export interface MessagingDeps {
  channel: MessagingChannelId;
  caps: ChannelCapabilities;
  adapter: LeanAdapter;
  contacts: ContactStore;
  sender: ChannelSender;
  strings: Strings;
  logger: Logger;
  now: () => number;
  defaultLocale: Locale;
  /** The territory a bot address belongs to (number, phone-number id, bot path). */
  territoryOf(botAddress: string): Route;
  /** The webhook answer carries the replies (Twilio TwiML); otherwise they go through the API. */
  inline: boolean;
  /** How long a territory keeps data: what is written for a citizen follows their number's territory. */
  retention?: RetentionOf;
  maxPerReply?: number; // most items sent for one message; the rest waits for "SUITE" (SMS)
  /** What happens to held items when the citizen writes something else. */
  heldOnNextMessage: 'drop' | 'flush';
  limits: { perMinute: number; perDay: number; outPerDay: number };
  /** The webhook answers 503 if the turn is not done by then (Redis slow); the turn goes on. Off when absent. */
  deadlineMs?: number;
  transcriber?: Transcriber; // speech-to-text for voice notes (STT_*); absent: "write or call", kindly
  /**
   * SMS channels: every item sent (inline, through the API, proactive) is counted in the territory's monthly budget
   * (sign -1: items counted as they were about to go, that did not go after all, are taken back).
   */
  counted?(botAddress: string, items: string[], sign?: 1 | -1): Promise<void>;
}

/** `later`: it will be read when the citizen writes again (WhatsApp, after the 24-hour window). */
export type Reachability = { ok: true; later: boolean } | { ok: false; reason: 'unknown-address' | 'opted-out' | 'outside-window' };

/**
 * `duplicate`: handled already (answer 200, nothing more); `in-progress`: a turn may still be running it
 * somewhere, or died with its instance (answer 503 + Retry-After: the provider comes back, and once the
 * id's lease has run out a retry runs the turn).
 */
export type InboundResult = { kind: 'duplicate' } | { kind: 'in-progress' } | { kind: 'limited'; items: string[] } | { kind: 'done'; items: string[]; /** The bot asks to put the caller through to this line (phone calls). */ dial?: string };
