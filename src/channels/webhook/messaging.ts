/**
 * The part every messaging channel (SMS, WhatsApp, Telegram) shares, after its webhook has been
 * authenticated and parsed: dedup → remember the sender → rate limit → STOP/START/SUITE → turn →
 * render with the capability table → send (in the webhook's answer, or through the provider's API).
 * Proactive messages (mediator replies, queue news) go through `deliver`, with the same rules: only
 * to people who wrote first, never after STOP, within the rate limits.
 */
import type { RetentionOf } from '../../territories/retention';
import { ActivityTypes, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { LeanAdapter, ProactiveDelivery } from '../leanAdapter';
import { NoDelivery } from '../leanAdapter';
import type { ChannelCapabilities } from '../capabilities';
import { render, type RenderedMessage } from '../render';
import type { ContactStore } from './contacts';
import type { Route } from './routing';
import { recognizeCommand } from '../../conversation/commands';
import { fold } from '../../text/fold';
import type { Strings, StringKey } from '../../i18n/strings';
import type { Locale } from '../../i18n/locale';
import { hashId } from '../../logger';

export type MessagingChannelId = 'sms' | 'whatsapp' | 'telegram';

/** A message the provider delivered to us, authenticated and parsed. */
export interface InboundEvent {
  /** Provider message id (MessageSid, wamid, update_id): the dedup key. */
  messageId: string;
  /** The citizen's address on the channel (phone number, chat id). */
  address: string;
  /** Our address: the Twilio number written to, the WhatsApp phone-number id, the Telegram bot path. */
  botAddress: string;
  text: string;
  /** A photo, voice note, sticker… (we answer that we read text only). */
  hasMedia?: boolean;
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
  /** Most items sent for one message; the rest waits for "SUITE" (SMS). */
  maxPerReply?: number;
  /** What happens to held items when the citizen writes something else. */
  heldOnNextMessage: 'drop' | 'flush';
  limits: { perMinute: number; perDay: number; outPerDay: number };
  /** The webhook answers 503 if the turn is not done by then (Redis slow); the turn goes on. Off when absent. */
  deadlineMs?: number;
}

/** `later`: it will be read when the citizen writes again (WhatsApp, after the 24-hour window). */
export type Reachability = { ok: true; later: boolean } | { ok: false; reason: 'unknown-address' | 'opted-out' | 'outside-window' };

/**
 * `duplicate`: handled already (answer 200, nothing more); `in-progress`: a turn may still be running it
 * somewhere, or died with its instance (answer 503 + Retry-After: the provider comes back, and once the
 * id's lease has run out a retry runs the turn).
 */
export type InboundResult = { kind: 'duplicate' } | { kind: 'in-progress' } | { kind: 'limited'; items: string[] } | { kind: 'done'; items: string[] };

const MORE_WORDS = new Set(['suite', 'la suite', 'more', 'next', 'continuer', 'continue']);

/** A webhook's turn: answered late (after the deadline), stored (its message id marked done). */
interface Turn {
  late: boolean;
  stored: boolean;
}

/** The turn was not done within the webhook's deadline: answer 503 (it goes on in the background). */
export class DeadlineExceeded extends Error {
  constructor(channelId: string, readonly deadlineMs: number) {
    super(`${channelId}: turn not done within ${deadlineMs} ms (Redis slow?)`);
    this.name = 'DeadlineExceeded';
  }
}

/** Thrown by `deliver` when a message cannot be sent and retrying would not help. */
export class Undeliverable extends NoDelivery {
  constructor(
    channelId: string,
    readonly reason: 'unknown-address' | 'opted-out' | 'rate-limited' | 'outside-window' | 'refused-by-provider',
  ) {
    super(channelId);
    this.message = `${channelId}: not delivered (${reason})`;
    this.name = 'Undeliverable';
  }
}

export class MessagingChannel implements ProactiveDelivery {
  constructor(private readonly deps: MessagingDeps) {}

  private get channel(): MessagingChannelId {
    return this.deps.channel;
  }

  /** The contact store, keeping what it writes as long as the territory of this bot address keeps data. */
  private contactsFor(botAddress: string): ContactStore {
    const retention = this.deps.retention;
    return retention ? this.deps.contacts.withTtl(retention(this.deps.territoryOf(botAddress).territory)) : this.deps.contacts;
  }

  conversationId(botAddress: string, address: string): string {
    return this.deps.contacts.ids.conversationId(this.channel, botAddress, address);
  }

  /**
   * Handle one authenticated inbound message. Throws when the turn could not be stored (503: retry),
   * and `DeadlineExceeded` when it is not done within `deadlineMs` (Redis slow): the webhook answers
   * 503 at once, but the turn is NOT abandoned. Its dedup key may already be written (or be written
   * when Redis wakes up), so it goes on in the background to a real outcome: done → its replies go
   * through the provider's API (the webhook answer is gone) and the key stays, so the provider's
   * retry is a duplicate (one turn, one reply); failed → the key is released and the retry runs it.
   * A key is never released on a timeout, when we cannot know whether the turn's writes landed.
   */
  async receive(ev: InboundEvent): Promise<InboundResult> {
    const deadlineMs = this.deps.deadlineMs;
    const turn: Turn = { late: false, stored: false };
    const work = this.run(ev, turn);
    if (!deadlineMs) return work;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        turn.late = true;
        reject(new DeadlineExceeded(this.channel, deadlineMs));
      }, deadlineMs);
    });
    work.catch((err: unknown) => {
      if (!turn.late) return;
      const next = turn.stored ? 'its reply is lost (the turn is stored)' : 'the provider retry will run it';
      this.deps.logger.error({ err, channel: this.channel }, `late turn failed; ${next}`);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(ev: InboundEvent, turn: Turn): Promise<InboundResult> {
    const contacts = this.contactsFor(ev.botAddress);
    const taken = await contacts.takeDelivery(this.channel, ev.messageId);
    if (taken === 'done') return { kind: 'duplicate' };
    if (taken === 'pending') return { kind: 'in-progress' };
    try {
      const result = await this.handle(ev, turn, contacts);
      if (!turn.stored) await this.done(contacts, ev.messageId);
      return result;
    } catch (err) {
      // The turn did not happen: let the provider's retry run it. (A failure after the turn was stored, e.g. in
      // sending its replies, is not undone by running it a second time.)
      if (!turn.stored) await contacts.releaseDelivery(this.channel, ev.messageId).catch(() => undefined);
      throw err;
    }
  }

  private async handle(ev: InboundEvent, turn: Turn, contacts: ContactStore): Promise<InboundResult> {
    const { limits, now } = this.deps;
    const userId = await contacts.touch(this.channel, ev.address, now(), this.conversationId(ev.botAddress, ev.address));
    const target: Target = { address: ev.address, botAddress: ev.botAddress, userId };
    const territory = this.deps.territoryOf(ev.botAddress);
    const underMinute = await contacts.hit(`${userId}:in:m`, limits.perMinute, 60_000, now());
    const underDay = underMinute && (await contacts.hit(`${userId}:in:d`, limits.perDay, 86_400_000, now()));
    if (!underMinute || !underDay) {
      this.deps.logger.warn({ user: hashId(userId), channel: this.channel }, 'inbound rate limit reached');
      // Say it once per window, then stay quiet.
      if (!(await contacts.hit(`${userId}:notice`, 1, underMinute ? 86_400_000 : 60_000, now()))) return { kind: 'limited', items: [] };
      const items = this.deps.sender.prepare([{ text: this.t(this.deps.defaultLocale, underMinute ? 'channel.tooManyToday' : 'channel.slowDown') }], ev.botAddress, this.deps.defaultLocale);
      return { kind: 'limited', items: await this.out(target, items, turn) };
    }

    // We do not fetch media from providers: say so rather than pretend a mediator will see it.
    if (ev.hasMedia && !ev.text.trim()) {
      if (await contacts.isOptedOut(this.channel, userId)) return { kind: 'done', items: [] };
      const items = this.deps.sender.prepare([{ text: this.t(this.deps.defaultLocale, 'channel.cannotRead') }], ev.botAddress, this.deps.defaultLocale);
      return { kind: 'done', items: await this.out(target, items, turn) };
    }
    const command = recognizeCommand(ev.text);
    const folded = fold(ev.text).trim();
    if (MORE_WORDS.has(folded) && this.deps.maxPerReply) {
      const held = await contacts.take(this.channel, userId, this.deps.maxPerReply);
      if (held.items.length) return { kind: 'done', items: await this.out(target, await this.more(held, ev.botAddress), turn) };
    }
    // STOP is recorded before the turn, so that nothing after it can lose it (the turn's own answer still goes out).
    if (command === 'start' || command === 'stop') await contacts.setOptedOut(this.channel, userId, command === 'stop');

    const flushed: string[] = [];
    if (this.deps.heldOnNextMessage === 'flush') {
      const held = await contacts.take(this.channel, userId, 1000);
      flushed.push(...held.items);
    } else if (this.deps.maxPerReply) await contacts.hold(this.channel, userId, []);

    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: ev.messageId,
      channelId: this.channel,
      conversation: { id: this.conversationId(ev.botAddress, ev.address), isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: '' },
      recipient: { id: ev.botAddress, name: 'Pas à pas' },
      serviceUrl: `pasapas://${this.channel}`,
      text: ev.text,
      timestamp: new Date(now()),
      channelData: { territory: territory.territory, ...(territory.fallback ? { territoryFallback: true } : {}) },
    };
    const activities = await this.deps.adapter.processActivity(activity);

    let allowed: string[] = [];
    if (command === 'stop' || !(await contacts.isOptedOut(this.channel, userId))) {
      const locale = this.localeOf([activity, ...activities]);
      const items = [...flushed, ...this.deps.sender.prepare(render(activities, this.deps.caps), ev.botAddress, locale)];
      allowed = await this.capped(userId, await this.batch(contacts, userId, items, ev.botAddress, locale));
    }
    // "Effacer mes données" ran in this turn: forget what the pipeline itself wrote since.
    if ((activity.channelData as { erased?: unknown }).erased === true) await contacts.eraseUser(this.channel, userId);
    // The turn and what it leaves are stored: from now on a retry of this message is a duplicate, even if we die
    // before the reply has left (running the turn again would move the conversation past a step never seen).
    await this.done(contacts, ev.messageId);
    turn.stored = true;
    return { kind: 'done', items: await this.send(target, allowed, turn) };
  }

  /**
   * Remember the message as handled. If Redis is away just then, the answer does not wait: the mark is
   * tried again in the background for a minute (a retry meanwhile gets 503: still pending). Should it never
   * land, a retry after the lease runs a turn that finds the message already in the conversation and does nothing.
   */
  private async done(contacts: ContactStore, messageId: string): Promise<void> {
    try {
      await contacts.deliveryDone(this.channel, messageId);
    } catch (err) {
      this.deps.logger.warn({ err, channel: this.channel }, 'message id not marked done yet; trying again');
      void this.doneLater(contacts, messageId).catch((again: unknown) => this.deps.logger.error({ err: again, channel: this.channel }, 'message id not marked done'));
    }
  }

  private async doneLater(contacts: ContactStore, messageId: string): Promise<void> {
    for (const waitMs of [100, 250, 500, 1000, 1000, 2000, 5000, 10_000, 20_000, 30_000]) {
      await new Promise((r) => setTimeout(r, waitMs).unref());
      try {
        await contacts.deliveryDone(this.channel, messageId);
        return;
      } catch {
        /* Redis still away: wait longer */
      }
    }
    this.deps.logger.error({ channel: this.channel }, 'message id never marked done: a retry after the lease will find it handled');
  }

  /** Keep what goes beyond one reply for "SUITE". */
  private async batch(contacts: ContactStore, userId: string, items: string[], botAddress: string, locale: Locale): Promise<string[]> {
    const max = this.deps.maxPerReply;
    if (!max || items.length <= max) return items;
    await contacts.hold(this.channel, userId, items.slice(max));
    const hint = this.t(locale, 'channel.more');
    return this.deps.sender.withMoreHint ? this.deps.sender.withMoreHint(items.slice(0, max), hint, botAddress) : items.slice(0, max);
  }

  private async more(held: { items: string[]; remaining: number }, botAddress: string): Promise<string[]> {
    if (held.remaining === 0 || !this.deps.sender.withMoreHint) return held.items;
    return this.deps.sender.withMoreHint(held.items, this.t(this.deps.defaultLocale, 'channel.more'), botAddress);
  }

  /**
   * The daily cap on what we send to one address; then the items go inline or through the API
   * (also for an inline channel when the webhook was already answered: a late turn).
   */
  /** The items still within the day's outbound cap of this address (each one counts). */
  private async withinDailyCap(userId: string, items: string[]): Promise<string[]> {
    const allowed: string[] = [];
    for (const item of items) {
      if (await this.deps.contacts.hit(`${userId}:out:d`, this.deps.limits.outPerDay, 86_400_000, this.deps.now())) allowed.push(item);
    }
    return allowed;
  }

  private async out(target: Target, items: string[], turn: Turn): Promise<string[]> {
    return this.send(target, await this.capped(target.userId, items), turn);
  }

  /** The items within the day's outbound cap (the others are dropped, and logged). */
  private async capped(userId: string, items: string[]): Promise<string[]> {
    const allowed = await this.withinDailyCap(userId, items);
    if (allowed.length < items.length) this.deps.logger.warn({ user: hashId(userId), channel: this.channel, dropped: items.length - allowed.length }, 'daily outbound cap reached');
    return allowed;
  }

  /** Inline (the webhook answer carries them: returned) or through the provider's API. */
  private async send(target: Target, allowed: string[], turn: Turn): Promise<string[]> {
    if ((this.deps.inline && !turn.late) || allowed.length === 0) return allowed;
    try {
      await this.deps.sender.send(target, allowed);
    } catch (err) {
      // The turn is stored; a retry of the webhook would run it twice. Log and move on.
      this.deps.logger.error({ err, channel: this.channel, user: hashId(target.userId) }, 'reply not sent');
    }
    return [];
  }

  /**
   * Can a message reach this citizen now? Asked before a mediator's message is accepted, so the
   * mediator is told why not instead of writing into the void.
   */
  async reachability(reference: Partial<ConversationReference>): Promise<Reachability> {
    const { userId, contact } = await this.contactOf(this.deps.contacts, reference.user?.id ?? '');
    if (!contact) return { ok: false, reason: 'unknown-address' };
    if (await this.deps.contacts.isOptedOut(this.channel, userId)) return { ok: false, reason: 'opted-out' };
    const window = this.deps.sender.windowState?.(contact.at, this.deps.now()) ?? 'open';
    if (window === 'closed') return { ok: false, reason: 'outside-window' };
    return { ok: true, later: window === 'template' };
  }

  /** Proactive: a mediator's reply, a queue update, a reminder. */
  async deliver(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    const botAddress = reference.bot?.id ?? '';
    const contacts = this.contactsFor(botAddress);
    const { userId, contact } = await this.contactOf(contacts, reference.user?.id ?? '');
    // We only ever write to people who wrote to us (and within the retention period).
    if (!contact) throw new Undeliverable(this.channel, 'unknown-address');
    if (await contacts.isOptedOut(this.channel, userId)) throw new Undeliverable(this.channel, 'opted-out');
    const target: Target = { address: contact.address, botAddress, userId };
    const locale = this.localeOf(activities);
    let items = this.deps.sender.prepare(render(activities, this.deps.caps), botAddress, locale);
    if (items.length === 0) return;
    if (this.deps.sender.outsideWindow) {
      const decision = await this.deps.sender.outsideWindow(target, contact.at, this.deps.now());
      if (decision === 'refused') throw new Undeliverable(this.channel, 'outside-window');
      if (decision === 'held') {
        await contacts.holdMore(this.channel, userId, items);
        return;
      }
    }
    items = await this.batch(contacts, userId, items, botAddress, locale);
    const allowed = await this.withinDailyCap(userId, items);
    if (allowed.length === 0) throw new Undeliverable(this.channel, 'rate-limited');
    await this.deps.sender.send(target, allowed);
  }

  /**
   * The contact of a user id found in a stored reference (a handoff record, a reminder). A reference written
   * before ids were keyed holds an old id: it is read as the id it now has, or as it was until
   * `pasapas migrate-contacts` has moved its contact (src/privacy/contactIds.ts).
   */
  private async contactOf(contacts: ContactStore, id: string): Promise<{ userId: string; contact?: { address: string; at: number } }> {
    const current = contacts.ids.upgrade(id);
    const contact = await contacts.lookup(current);
    if (contact || current === id) return { userId: current, contact };
    return { userId: id, contact: await contacts.lookup(id) };
  }

  private localeOf(activities: Partial<Activity>[]): Locale {
    const tag = activities.find((a) => a.locale)?.locale;
    if (!tag) return this.deps.defaultLocale;
    return tag.toLowerCase().startsWith('en') ? 'en' : 'fr';
  }

  private t(locale: Locale, key: StringKey): string {
    return this.deps.strings.t(locale, key);
  }
}
