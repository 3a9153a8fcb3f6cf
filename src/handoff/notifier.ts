/**
 * Tells citizens, on their own channel, what happens to their handoff: a mediator answers, a
 * mediator's message, the end, a new place in the queue (on SMS only when it matters), a wait that
 * ran out. It reads each territory's event stream through a feed that hands every event to exactly
 * ONE instance (a Redis consumer group; a cursor in memory), and it also runs the queue's upkeep
 * (expired leases back to the head, waits past the territory's limit).
 */
import type { RedisClient } from '../storage/redis';
import type { Logger } from 'pino';
import type { Activity, ConversationReference } from 'botbuilder';
import type { Strings, StringKey } from '../i18n/strings';
import type { TerritoryRegistry } from '../territories/registry';
import { NoDelivery, type ProactiveSender } from '../conversation/proactive';
import { toActivity, type BotMessage } from '../conversation/message';
import type { Locale } from '../i18n/locale';
import type { HandoffEvent, HandoffQueue, HandoffRecord } from './queue';
import type { Outcome } from './states';
import { keyspace, type Keyspace } from '../storage/keyspace';
import { eventFromStream } from './scriptCodes';
import { satisfactionQuestion } from './satisfaction';

export interface EventFeed {
  /** Start listening to these territories' streams (from now on: past events are not replayed). */
  init(territories: string[]): Promise<void>;
  /** New events of a territory for this instance (each event goes to one instance only). */
  take(territory: string, count: number): Promise<Array<HandoffEvent & { ack: () => Promise<void> }>>;
  close(): Promise<void>;
}

/** Single process: a cursor per territory over the queue's events. */
export class MemoryEventFeed implements EventFeed {
  private readonly cursors = new Map<string, string>();

  constructor(private readonly queue: HandoffQueue) {}

  async init(territories: string[]) {
    for (const t of territories) {
      const last = (await this.queue.events(t, '0', 100000)).pop();
      this.cursors.set(t, last?.streamId ?? '0');
    }
  }

  async take(territory: string, count: number) {
    const events = await this.queue.events(territory, this.cursors.get(territory) ?? '0', count);
    if (events.length) this.cursors.set(territory, events[events.length - 1].streamId);
    return events.map((e) => ({ ...e, ack: async () => undefined }));
  }

  async close() {}
}

/** Redis consumer group "notifier" on each territory's stream; unacknowledged events of a dead instance are claimed after 30 s. */
export class RedisEventFeed implements EventFeed {
  private readonly keys: Keyspace;
  private readonly groupsReady = new Set<string>();

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly consumer: string,
  ) {
    this.keys = keyspace(prefix);
  }

  private async ensureGroup(key: string): Promise<void> {
    if (this.groupsReady.has(key)) return;
    try {
      await this.redis.xgroup('CREATE', key, 'notifier', '$', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    this.groupsReady.add(key);
  }

  async init(territories: string[]) {
    for (const t of territories) await this.ensureGroup(this.keys.handoffEvents(t));
  }

  async take(territory: string, count: number) {
    const key = this.keys.handoffEvents(territory);
    await this.ensureGroup(key);
    const reclaimed = (await this.redis.xautoclaim(key, 'notifier', this.consumer, 30_000, '0-0', 'COUNT', count)) as [string, Array<[string, string[]]>];
    const fresh = (await this.redis.xreadgroup('GROUP', 'notifier', this.consumer, 'COUNT', count, 'STREAMS', key, '>')) as Array<[string, Array<[string, string[]]>]> | null;
    const entries = [...(reclaimed?.[1] ?? []), ...(fresh?.[0]?.[1] ?? [])];
    return entries.map(([streamId, fields]) => ({
      ...eventFromStream(streamId, fields),
      ack: async () => {
        await this.redis.xack(key, 'notifier', streamId);
      },
    }));
  }

  async close() {}
}

/** Whether a new position is worth a message on this channel. */
export function positionWorthTelling(previous: number | undefined, next: number, sms: boolean): boolean {
  if (previous === next) return false;
  if (!sms) return true;
  return next <= 2 || previous === undefined || previous - next >= 3;
}

/** What the notifier counts (the statistics store implements it: src/stats/recorder.ts). */
export interface HandoffStats {
  handoffRequested(territory: string, at: number, channel?: string): Promise<void>;
  handoffClaimed(territory: string, waitMs: number, at: number): Promise<void>;
  handoffClosed(territory: string, outcome: Outcome, at: number): Promise<void>;
  callbackRequested(territory: string, at: number): Promise<void>;
  satisfactionAsked?(territory: string, at: number): Promise<void>;
  /** One row of the activity report (src/stats/coop.ts) per handoff a mediator ended. */
  handoffEnded?(
    territory: string,
    ended: { closedAt: number; claimedAt?: number; outcome: string; mediatorId?: string; guideId?: string; channel: string; callback: boolean },
  ): Promise<void>;
}

export class HandoffNotifier {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: {
      queue: HandoffQueue;
      feed: EventFeed;
      adapter: ProactiveSender;
      /** SMS-like channels get fewer queue updates (each costs money). */
      smsLike?: (channelId: string) => boolean;
      strings: Strings;
      territories: TerritoryRegistry;
      logger: Logger;
      now: () => number;
      /** Handoff counters for reports and metrics. */
      stats?: HandoffStats;
    },
  ) {}

  start(intervalMs = 100): void {
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.deps.logger.error({ err }, 'handoff notifier round failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.deps.feed.close();
  }

  /**
   * One round: upkeep, then every new event, of every territory. Public for tests. The territories run side
   * by side (each one's steps in order): the client then sends each step's commands (one event-loop turn) for all
   * territories in one write, and a round is a few round trips instead of four per territory one after the
   * other (which, ten territories at 100 ms, kept a Redis command in flight all the time and cost a busy
   * server a tenth of its turns).
   */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const results = await Promise.allSettled(this.deps.territories.list().map((t) => this.round(t.id, t.handoff.maxWaitMinutes * 60_000)));
      for (const r of results) if (r.status === 'rejected') this.deps.logger.warn({ err: r.reason }, 'handoff notifier round failed');
    } finally {
      this.running = false;
    }
  }

  private async round(territory: string, maxWaitMs: number): Promise<void> {
    const now = this.deps.now();
    await this.deps.queue.reapLeases(territory, now);
    await this.deps.queue.expireWaiting(territory, maxWaitMs, now);
    for (const event of await this.deps.feed.take(territory, 100)) {
      try {
        await this.handle(territory, event);
        await event.ack();
      } catch (err) {
        if (err instanceof NoDelivery) {
          // The citizen's channel cannot receive messages outside a turn: they will see it on their next message.
          await event.ack();
          continue;
        }
        this.deps.logger.warn({ err, type: event.type }, 'handoff notification failed; will retry');
      }
    }
  }

  private async handle(territory: string, event: HandoffEvent): Promise<void> {
    const record = await this.deps.queue.get(territory, event.id);
    if (!record) return;
    await this.count(territory, event, record);
    switch (event.transition) {
      case 'claim':
        await this.tell(record, 'handoff.claimed');
        break;
      case 'transfer':
        await this.tell(record, 'handoff.transferred');
        break;
      case 'transfer-territory':
        await this.tell(record, 'handoff.transferredTerritory');
        break;
      case 'close': {
        // When the mediator did it for or with the citizen, offer to learn to do it alone next time.
        const locale = this.localeOf(record);
        const learn = record.outcome === 'fait-pour' || record.outcome === 'fait-avec';
        const text = [this.deps.strings.t(locale, 'handoff.closed'), ...(learn ? [this.deps.strings.t(locale, 'selfcheck.offer')] : [])].join('\n');
        await this.say(record, text);
        // Then one short question, answered on the citizen's next message (HandoffDialog, src/handoff/satisfaction.ts).
        await this.say(record, satisfactionQuestion(this.deps.strings, locale));
        await this.deps.stats?.satisfactionAsked?.(territory, event.at);
        break;
      }
      case 'release':
      case 'lease-expired':
        await this.tell(record, 'handoff.released');
        await this.deps.queue.setNotifiedPosition(territory, record.id, 1);
        break;
      case 'expire':
        await this.tell(record, 'handoff.expired');
        break;
      case 'message': {
        if (event.messageIndex === undefined) break;
        const [m] = await this.deps.queue.messages(territory, record.id, event.messageIndex);
        if (m?.from === 'mediator') await this.say(record, this.deps.strings.t(this.localeOf(record), 'handoff.mediatorSays', { text: m.text }), 'mediator');
        break;
      }
      default:
        break;
    }
    if (['claim', 'cancel', 'expire', 'close', 'request-callback'].includes(event.transition)) await this.updatePositions(territory);
  }

  private async updatePositions(territory: string): Promise<void> {
    const waiting = await this.deps.queue.waiting(territory);
    for (const [i, record] of waiting.entries()) {
      const position = i + 1;
      if (!positionWorthTelling(record.notifiedPosition, position, this.deps.smsLike?.(record.channel) ?? record.channel === 'sms')) continue;
      await this.deps.queue.setNotifiedPosition(territory, record.id, position);
      await this.say(record, this.deps.strings.t(this.localeOf(record), 'handoff.position', { position }));
    }
  }

  /** Each event is handled by one notifier of the consumer group: the counters add up across instances. */
  private async count(territory: string, event: HandoffEvent, record: HandoffRecord): Promise<void> {
    const stats = this.deps.stats;
    if (!stats) return;
    if (event.transition === 'request') await stats.handoffRequested(territory, event.at, record.channel);
    if (event.transition === 'claim') await stats.handoffClaimed(territory, (record.claimedAt ?? event.at) - record.enqueuedAt, event.at);
    if ((event.transition === 'close' || event.transition === 'callback-done') && record.outcome) {
      await stats.handoffClosed(territory, record.outcome, event.at);
      await stats.handoffEnded?.(territory, {
        closedAt: record.closedAt ?? event.at,
        ...(event.transition === 'close' && record.claimedAt !== undefined ? { claimedAt: record.claimedAt } : {}),
        outcome: record.outcome,
        mediatorId: record.mediatorId ?? event.mediatorId,
        guideId: record.guideId,
        channel: record.channel,
        callback: event.transition === 'callback-done',
      });
    }
    if (event.transition === 'request-callback') await stats.callbackRequested(territory, event.at);
  }

  private localeOf(record: HandoffRecord): Locale {
    return record.locale === 'en' ? 'en' : 'fr';
  }

  private async tell(record: HandoffRecord, key: StringKey): Promise<void> {
    await this.say(record, this.deps.strings.t(this.localeOf(record), key));
  }

  private async say(record: HandoffRecord, text: string | BotMessage, speaker?: 'mediator'): Promise<void> {
    const ref = record.reference as Partial<ConversationReference>;
    await this.deps.adapter.continueConversation(ref, async (ctx) => {
      const activity: Partial<Activity> = { ...toActivity(typeof text === 'string' ? { text, speaker } : text), locale: record.locale };
      await ctx.sendActivity(activity);
    });
  }
}
