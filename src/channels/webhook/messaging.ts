/**
 * The part every messaging channel (SMS, WhatsApp, Telegram) shares, after its webhook has been
 * authenticated and parsed: dedup → remember the sender → rate limit → STOP/START/SUITE → turn →
 * render with the capability table → send (in the webhook's answer, or through the provider's API).
 * Proactive messages (mediator replies, queue news) go through `deliver`, with the same rules: only
 * to people who wrote first, never after STOP, within the rate limits.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { ProactiveDelivery, Recognized } from '../leanAdapter';
import { render } from '../render';
import { contactOfReference, type BeforeTurn, type ContactStore } from './contacts';
import { inboundActivity, localeOf } from '../inbound';
import type { TurnChannelData } from '../../conversation/channelData';
import { recognizeCommand } from '../../conversation/commands';
import type { StringKey } from '../../i18n/strings';
import type { Locale } from '../../i18n/locale';
import { hashId } from '../../logger';
import { TurnWrites } from '../../storage/botState';
import { DeadlineExceeded, Undeliverable } from './messagingErrors';
import { asksForMore, heldWithHint, replyForMore } from './moreReplies';
import { hearVoiceNote } from '../voice/notes';
import { audioOf, MAX_PHOTOS_PER_MESSAGE, type PhotoRef } from '../../conversation/photos';
import type { InboundEvent, InboundResult, MessagingChannelId, MessagingDeps, Reachability, Target } from './messagingTypes';

/** Their home is messagingTypes.ts; the channels import them from here. */
export type { ChannelSender, InboundEvent, InboundResult, MessagingChannelId, MessagingDeps, Reachability, Target } from './messagingTypes';

/**
 * A webhook's turn: answered late (after the deadline), stored (its message id marked done); its state writes,
 * waited for with the write that marks it done (one round trip).
 */
interface Turn {
  late: boolean;
  stored: boolean;
  writes: TurnWrites;
}

/** Channels whose citizen address is a phone number. */
const PHONE_ADDRESSED: readonly MessagingChannelId[] = ['sms', 'sms-ovh', 'sms-brevo', 'whatsapp'];

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
   * Handle one authenticated inbound message. Throws when the turn could not be stored (503: retry), and
   * `DeadlineExceeded` when it is not done within `deadlineMs` (Redis slow; + the STT timeout for a voice note):
   * the webhook answers 503 at once, but the turn is NOT abandoned. Its dedup key may already be written (or be
   * written when Redis wakes up), so it goes on in the background to a real outcome: done → its replies go through
   * the provider's API (the webhook answer is gone) and the key stays, so the provider's retry is a duplicate (one
   * turn, one reply); failed → the key is released and the retry runs it. A key is never released on a timeout.
   */
  async receive(ev: InboundEvent): Promise<InboundResult> {
    const deadlineMs = this.deps.deadlineMs && this.deps.deadlineMs + (ev.voice ? (this.deps.transcriber?.config.timeoutMs ?? 0) : 0);
    const turn: Turn = { late: false, stored: false, writes: new TurnWrites() };
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
    const { limits, now } = this.deps;
    const contacts = this.contactsFor(ev.botAddress);
    // Recognised once a turn: STOP/START are recorded here, and the bot gets the command with the activity.
    const command = ev.hasMedia && !ev.text.trim() ? undefined : recognizeCommand(ev.text);
    const conversationId = this.conversationId(ev.botAddress, ev.address);
    const beforeTurn = contacts.beforeTurn(this.channel, {
      messageId: ev.messageId,
      address: ev.address,
      at: now(),
      conversationId,
      limits,
      media: Boolean(ev.hasMedia) && !ev.text.trim(),
      command: command === 'stop' || command === 'start' ? command : undefined,
      more: this.deps.maxPerReply && asksForMore(ev.text) ? this.deps.maxPerReply : 0,
      held: this.deps.heldOnNextMessage === 'flush' ? 'flush' : this.deps.maxPerReply ? 'clear' : 'keep',
    });
    // The turn's states are read in the same round trip (not for a voice note: its transcription takes seconds).
    const states = ev.voice ? undefined : this.deps.adapter.readStatesAhead(this.channel, conversationId, contacts.ids.userId(this.channel, ev.address));
    const before = await beforeTurn;
    if (before.state !== 'taken') return { kind: before.state === 'done' ? 'duplicate' : 'in-progress' };
    const { userId } = before;
    try {
      return await this.handle(ev, turn, contacts, before, conversationId, { command, states, writes: turn.writes });
    } catch (err) {
      // The turn did not happen: let the provider's retry run it. (A failure after the turn was stored, e.g. in
      // sending its replies, is not undone by running it a second time.)
      if (!turn.stored) await contacts.releaseDelivery(this.channel, userId, ev.messageId).catch(() => undefined);
      throw err;
    }
  }

  private async handle(ev: InboundEvent, turn: Turn, contacts: ContactStore, before: Extract<BeforeTurn, { state: 'taken' }>, conversationId: string, recognized: Recognized): Promise<InboundResult> {
    const { command } = recognized;
    const { userId } = before;
    const target: Target = { address: ev.address, botAddress: ev.botAddress, userId };
    const locale = this.deps.defaultLocale;
    if (before.limited) {
      this.deps.logger.warn({ user: hashId(userId), channel: this.channel }, 'inbound rate limit reached');
      // Say it once per window, then stay quiet.
      const items = before.notice ? this.deps.sender.prepare([{ text: this.t(locale, before.limited === 'day' ? 'channel.tooManyToday' : 'channel.slowDown') }], ev.botAddress, locale) : [];
      return { kind: 'limited', items: await this.finish(contacts, target, ev.messageId, items, turn) };
    }
    const voiceNote = ev.voice && !before.optedOut ? await hearVoiceNote(this.deps.transcriber, ev.voice, locale, this.deps.logger, userId) : undefined;
    // Photos go to the turn (a mediator may see them); other media without words: we read text only, say so.
    const photos: PhotoRef[] = (ev.photos ?? []).slice(0, MAX_PHOTOS_PER_MESSAGE).map((p) => ({ channel: this.channel, address: ev.botAddress, id: p.id, contentType: p.contentType }));
    // The voice note's audio, as a reference (a mediator in a handoff plays it; the bytes stay with the provider).
    const voiceAudio = voiceNote && ev.voice?.media ? audioOf({ channel: this.channel, address: ev.botAddress, ...ev.voice.media }) : undefined;
    if (ev.hasMedia && !ev.text.trim() && !voiceNote && photos.length === 0) {
      const items = before.optedOut ? [] : this.deps.sender.prepare([{ text: this.t(locale, 'channel.cannotRead') }], ev.botAddress, locale);
      return { kind: 'done', items: await this.finish(contacts, target, ev.messageId, items, turn) };
    }
    if (before.more) return { kind: 'done', items: await this.finish(contacts, target, ev.messageId, heldWithHint(before.more, this.deps.sender, this.t(locale, 'channel.more'), ev.botAddress), turn) };

    const territory = this.deps.territoryOf(ev.botAddress);
    const activity = inboundActivity({
      channelId: this.channel,
      conversationId,
      userId,
      id: ev.messageId,
      text: ev.text,
      timestamp: new Date(this.deps.now()),
      botId: ev.botAddress,
      channelData: { territory: territory.territory, ...(territory.fallback ? { territoryFallback: true } : {}), ...(before.optedOut ? { optedOut: true } : {}), ...(voiceNote ? { voiceNote } : {}), ...(voiceAudio ? { voiceAudio } : {}), ...(photos.length ? { photos } : {}), ...this.person(ev.address), ...this.ownPhone(ev.address), ...ev.known },
      ...(photos.length ? { fields: { attachments: photos.map((p) => ({ contentType: p.contentType, name: 'photo' })) } } : {}),
    });
    const activities = await this.deps.adapter.processActivity(activity, recognized);
    // STOP said in a voice note, then confirmed: recorded now, as a typed STOP is before its turn.
    const stopped = command === 'stop' || (activity.channelData as TurnChannelData).stopConfirmed === true;
    if (stopped && command !== 'stop') await contacts.optOut(this.channel, userId);

    // After STOP nothing goes out until START, except the answer to STOP itself.
    const optedOut = stopped || (before.optedOut && command !== 'start');
    let items: string[] = [];
    let hold: string[] | undefined;
    if (stopped || !optedOut) {
      const replyLocale = localeOf([activity, ...activities], locale);
      ({ items, hold } = replyForMore(this.deps.sender, render(activities, this.deps.caps), before.flushed, this.deps.maxPerReply, this.t(replyLocale, 'channel.more'), ev.botAddress, replyLocale));
    }
    // "Effacer mes données" ran in this turn: forget what the pipeline itself wrote since (after what is written now).
    const erased = (activity.channelData as TurnChannelData).erased === true;
    // The turn and what it leaves are stored: from now on a retry of this message is a duplicate, even if we die
    // before the reply has left (running the turn again would move the conversation past a step never seen).
    const allowed = await this.finish(contacts, target, ev.messageId, items, turn, hold, erased ? () => contacts.eraseUser(this.channel, userId) : undefined);
    const dial = (activity.channelData as TurnChannelData).dialMediator;
    return { kind: 'done', items: allowed, ...(dial ? { dial } : {}) };
  }

  /**
   * One round trip once the items are known: what goes beyond one reply is held for "SUITE", the items are
   * counted against the day's outbound cap (those over it are dropped, and logged), the message id is marked
   * done; then the items go inline (returned) or through the provider's API. SMS about to go inline are counted
   * in the territory's monthly budget in that same round trip; those that do not go after all are taken back.
   */
  private async finish(contacts: ContactStore, target: Target, messageId: string, items: string[], turn: Turn, hold?: string[], then?: () => Promise<void>): Promise<string[]> {
    // Counted first: the budget's count joins the client's pipeline before afterTurn's script does.
    const early = this.deps.caps.sms && this.inlineNow(turn) && items.length > 0;
    const counting = early ? this.countSent(target.botAddress, items) : undefined;
    let allowed: number;
    try {
      [allowed] = await Promise.all([
        contacts.afterTurn(this.channel, {
          userId: target.userId,
          messageId,
          count: items.length,
          outPerDay: this.deps.limits.outPerDay,
          ...(hold ? { hold: { mode: 'replace' as const, items: hold } } : {}),
        }),
        counting,
        // The turn's state, sent before the script above (same round trip): the message is stored once both are.
        turn.writes.settled(),
      ]);
    } catch (err) {
      // Not stored: nothing goes out now, and the retry counts what it sends. (countSent never fails.)
      if (counting) await counting.then(() => this.countSent(target.botAddress, items, -1));
      throw err;
    }
    if (then) await then();
    turn.stored = true;
    if (allowed < items.length) this.deps.logger.warn({ user: hashId(target.userId), channel: this.channel, dropped: items.length - allowed }, 'daily outbound cap reached');
    const { inline, sent } = await this.send(target, items.slice(0, allowed), turn, early);
    if (early && sent < items.length) await this.countSent(target.botAddress, items.slice(sent), -1);
    return inline;
  }

  /** The replies can still go in the webhook's own answer (inline channel, deadline not passed). */
  private inlineNow(turn: Turn): boolean {
    return Boolean(this.deps.inline) && !turn.late;
  }

  /**
   * Inline (the webhook answer carries them: returned) or through the provider's API; `sent`: how many left.
   * `counted`: already counted in the SMS budget (finish), else counted here once sent.
   */
  private async send(target: Target, allowed: string[], turn: Turn, counted = false): Promise<{ inline: string[]; sent: number }> {
    const count = this.deps.caps.sms && !counted;
    if (this.inlineNow(turn) || allowed.length === 0) {
      if (count) await this.countSent(target.botAddress, allowed);
      return { inline: allowed, sent: allowed.length };
    }
    try {
      await this.deps.sender.send(target, allowed);
      if (count) await this.countSent(target.botAddress, allowed);
      return { inline: [], sent: allowed.length };
    } catch (err) {
      // The turn is stored; a retry of the webhook would run it twice. Log and move on.
      this.deps.logger.error({ err, channel: this.channel, user: hashId(target.userId) }, 'reply not sent');
      return { inline: [], sent: 0 };
    }
  }

  /**
   * Can a message reach this citizen now? Asked before a mediator's message is accepted, so the
   * mediator is told why not instead of writing into the void.
   */
  async reachability(reference: Partial<ConversationReference>): Promise<Reachability> {
    const { userId, contact } = await contactOfReference(this.deps.contacts, reference.user?.id ?? '');
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
    const { userId, contact } = await contactOfReference(contacts, reference.user?.id ?? '');
    // We only ever write to people who wrote to us (and within the retention period).
    if (!contact) throw new Undeliverable(this.channel, 'unknown-address');
    if (await contacts.isOptedOut(this.channel, userId)) throw new Undeliverable(this.channel, 'opted-out');
    const target: Target = { address: contact.address, botAddress, userId };
    const locale = localeOf(activities, this.deps.defaultLocale);
    const rendered = render(activities, this.deps.caps);
    const items = this.deps.sender.prepare(rendered, botAddress, locale);
    if (items.length === 0) return;
    const outPerDay = this.deps.limits.outPerDay;
    if (this.deps.sender.outsideWindow) {
      const decision = await this.deps.sender.outsideWindow(target, contact.at, this.deps.now());
      if (decision === 'refused') throw new Undeliverable(this.channel, 'outside-window');
      if (decision === 'held') {
        await contacts.afterTurn(this.channel, { userId, count: 0, outPerDay, hold: { mode: 'append', items } });
        return;
      }
    }
    const batch = replyForMore(this.deps.sender, rendered, [], this.deps.maxPerReply, this.t(locale, 'channel.more'), botAddress, locale);
    const allowed = await contacts.afterTurn(this.channel, { userId, count: batch.items.length, outPerDay, ...(batch.hold ? { hold: { mode: 'replace' as const, items: batch.hold } } : {}) });
    if (allowed === 0) throw new Undeliverable(this.channel, 'rate-limited');
    await this.deps.sender.send(target, batch.items.slice(0, allowed));
    if (this.deps.caps.sms) await this.countSent(botAddress, batch.items.slice(0, allowed));
  }

  /**
   * Count SMS sent in the territory's monthly budget (called here for SMS channels, by the phone route for the
   * links it texts); a counting failure never stops a message (logged).
   */
  async countSent(botAddress: string, items: string[], sign: 1 | -1 = 1): Promise<void> {
    if (!this.deps.counted || items.length === 0) return;
    await this.deps.counted(botAddress, items, sign).catch((err: unknown) => this.deps.logger.warn({ err, channel: this.channel }, 'SMS budget: not counted'));
  }

  /** SMS and WhatsApp share the phone number: the person is the SMS id of that number (keyed, never the number). */
  private person(address: string): { person?: string } {
    if (this.channel !== 'sms' && this.channel !== 'whatsapp') return {};
    const digits = address.replace(/^\+/, '');
    return /^\d{5,20}$/.test(digits) ? { person: this.deps.contacts.ids.userId('sms', `+${digits}`) } : {};
  }

  /**
   * Where the citizen's address is their phone number (SMS, WhatsApp), the bot may offer it for a callback
   * (src/handoff/callbackDialog.ts). Personal data: it goes to the turn only, never to a log.
   */
  private ownPhone(address: string): { citizenPhone?: string } {
    if (!PHONE_ADDRESSED.includes(this.channel)) return {};
    const digits = address.replace(/^(?:\+|00)/, '');
    return /^\d{6,15}$/.test(digits) ? { citizenPhone: `+${digits}` } : {};
  }

  private t(locale: Locale, key: StringKey): string {
    return this.deps.strings.t(locale, key);
  }
}

/** Their home is messagingErrors.ts; the senders and tests import them from here. */
export { DeadlineExceeded, Undeliverable } from './messagingErrors';
