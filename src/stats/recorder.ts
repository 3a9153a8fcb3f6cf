/**
 * What a territory needs for its inclusion reporting, counted as it happens: guides started,
 * completed and where people leave them, handoffs and their outcomes, waits before a mediator,
 * callbacks, help-place lookups. Daily counters per territory in Redis (kept 25 months), no
 * identity. The same events feed the Prometheus metrics (src/stats/metrics.ts).
 */
import type { Logger } from 'pino';
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

/**
 * A handoff a mediator ended (closed, or a callback done): one row of the activity report in the Coop de la
 * médiation numérique's terms (src/stats/coop.ts, docs/coop-report.md). Nothing about the citizen.
 */
export interface EndedHandoff {
  closedAt: number;
  /** When the mediator took it (absent for a callback: the call itself is not timed). */
  claimedAt?: number;
  outcome: string;
  mediatorId?: string;
  guideId?: string;
  channel: string;
  callback: boolean;
}

export interface StatsEvents {
  guideStarted(territory: string, guideId: string, at: number): Promise<void>;
  guideCompleted(territory: string, guideId: string, at: number): Promise<void>;
  /** A citizen reached this step of the guide (the funnel: where people stop is where the counts drop). */
  guideStepReached(territory: string, guideId: string, stepId: string, at: number): Promise<void>;
  /** A citizen went on from this step (to another step, or to the end): reached − moved on = stopped here. */
  guideStepLeft(territory: string, guideId: string, stepId: string, at: number): Promise<void>;
  /** A citizen asked for a mediator, on this channel (the dashboard counts requests per channel). */
  handoffRequested(territory: string, at: number, channel?: string): Promise<void>;
  handoffClaimed(territory: string, waitMs: number, at: number): Promise<void>;
  handoffClosed(territory: string, outcome: string, at: number): Promise<void>;
  callbackRequested(territory: string, at: number): Promise<void>;
  /** The satisfaction question was sent at the end of a handoff (src/handoff/satisfaction.ts). */
  satisfactionAsked(territory: string, at: number): Promise<void>;
  /** The citizen answered it: good, fair or poor. */
  satisfactionAnswered(territory: string, answer: string, at: number): Promise<void>;
  /** A handoff ended by a mediator (the day is its closedAt). */
  handoffEnded(territory: string, ended: EndedHandoff): Promise<void>;
  placesLookup(territory: string, found: boolean, at: number): Promise<void>;
  /** A booking link sent through our domain (/r/<id>) was opened. */
  bookingLinkOpened(territory: string, at: number): Promise<void>;
}

export interface DayStats {
  day: string;
  counters: Record<string, number>;
  waitsMs: number[];
  /** The handoffs mediators ended that day, in order. */
  ended: EndedHandoff[];
}

export interface StatsStore extends StatsEvents {
  /** Write buffered counts now (reports read them; close flushes too). */
  flush?(): Promise<void>;
  close?(): Promise<void>;
  /** Every day from `from` to `to` (inclusive, YYYY-MM-DD, Paris time) that has data. */
  days(territory: string, from: string, to: string): Promise<DayStats[]>;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Paris' });
let lastMinute = -1;
let lastDay = '';

/** The Paris day of an instant (YYYY-MM-DD); formatting is costly, so it is done once a minute. */
export function dayOf(at: number): string {
  const minute = Math.floor(at / 60_000);
  if (minute !== lastMinute) {
    lastMinute = minute;
    lastDay = DAY_FORMAT.format(new Date(minute * 60_000));
  }
  return lastDay;
}

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T12:00:00Z`);
  for (let t = Date.parse(`${from}T12:00:00Z`); t <= end && out.length < 3700; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const KEEP_SECONDS = 25 * 31 * 86_400;
const MAX_WAITS_PER_DAY = 5000;
const MAX_ENDED_PER_DAY = 5000;

/** Fields of the daily hash. */
const F = {
  started: (g: string) => `guide:${g}:started`,
  completed: (g: string) => `guide:${g}:completed`,
  step: (g: string, s: string) => `guide:${g}:step:${s}`,
  movedOn: (g: string, s: string) => `guide:${g}:movedOn:${s}`,
};

abstract class DailyCounters implements StatsEvents {
  protected abstract incr(territory: string, day: string, field: string): Promise<void>;
  protected abstract pushWait(territory: string, day: string, ms: number): Promise<void>;
  protected abstract pushEnded(territory: string, day: string, ended: EndedHandoff): Promise<void>;

  guideStarted(t: string, g: string, at: number) {
    return this.incr(t, dayOf(at), F.started(g));
  }
  guideCompleted(t: string, g: string, at: number) {
    return this.incr(t, dayOf(at), F.completed(g));
  }
  guideStepReached(t: string, g: string, s: string, at: number) {
    return this.incr(t, dayOf(at), F.step(g, s));
  }
  guideStepLeft(t: string, g: string, s: string, at: number) {
    return this.incr(t, dayOf(at), F.movedOn(g, s));
  }
  async handoffRequested(t: string, at: number, channel?: string) {
    await this.incr(t, dayOf(at), 'handoff:requested');
    if (channel) await this.incr(t, dayOf(at), `handoff:requested:ch:${channel}`);
  }
  async handoffClaimed(t: string, waitMs: number, at: number) {
    await this.incr(t, dayOf(at), 'handoff:claimed');
    await this.pushWait(t, dayOf(at), Math.max(0, Math.round(waitMs)));
  }
  handoffClosed(t: string, outcome: string, at: number) {
    return this.incr(t, dayOf(at), `handoff:closed:${outcome}`);
  }
  callbackRequested(t: string, at: number) {
    return this.incr(t, dayOf(at), 'handoff:callback');
  }
  satisfactionAsked(t: string, at: number) {
    return this.incr(t, dayOf(at), 'satisfaction:asked');
  }
  satisfactionAnswered(t: string, answer: string, at: number) {
    return this.incr(t, dayOf(at), `satisfaction:${answer}`);
  }
  placesLookup(t: string, found: boolean, at: number) {
    return this.incr(t, dayOf(at), found ? 'places:found' : 'places:notFound');
  }
  handoffEnded(t: string, ended: EndedHandoff) {
    return this.pushEnded(t, dayOf(ended.closedAt), ended);
  }
  bookingLinkOpened(t: string, at: number) {
    return this.incr(t, dayOf(at), 'booking:opened');
  }
}

/**
 * Counters are added up in memory and written once a second (and on close): a turn costs a map
 * increment instead of Redis round trips (they were a third of a turn's CPU). A crash loses at most
 * the last second of counts — statistics, not records. Each write is one command per key and field,
 * so it also runs on Redis Cluster (the keys of several territories live in several slots).
 */
export class RedisStats extends DailyCounters implements StatsStore {
  private pending = new Map<string, Map<string, number>>();
  private waits = new Map<string, number[]>();
  private ended = new Map<string, string[]>();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly keys: Keyspace;
  private failing = false;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    flushEveryMs = 1000,
    private readonly logger?: Logger,
  ) {
    super();
    this.keys = keyspace(prefix);
    if (flushEveryMs > 0) {
      this.timer = setInterval(() => {
        this.flush().then(
          () => {
            if (this.failing) this.logger?.info('statistics written again');
            this.failing = false;
          },
          (err: unknown) => {
            // Once per outage, not every second; the counts of the failed write are lost (statistics, not records).
            if (!this.failing) this.logger?.warn({ err }, 'statistics not written (storage away?)');
            this.failing = true;
          },
        );
      }, flushEveryMs);
      this.timer.unref();
    }
  }

  private key(territory: string, day: string, kind: 'c' | 'w' | 'e'): string {
    if (kind === 'e') return this.keys.statsEnded(territory, day);
    return kind === 'c' ? this.keys.statsCounters(territory, day) : this.keys.statsWaits(territory, day);
  }

  protected async pushEnded(territory: string, day: string, ended: EndedHandoff): Promise<void> {
    const key = this.key(territory, day, 'e');
    const list = this.ended.get(key) ?? [];
    list.push(JSON.stringify(ended));
    this.ended.set(key, list);
  }

  protected async incr(territory: string, day: string, field: string): Promise<void> {
    const key = this.key(territory, day, 'c');
    let fields = this.pending.get(key);
    if (!fields) {
      fields = new Map();
      this.pending.set(key, fields);
    }
    fields.set(field, (fields.get(field) ?? 0) + 1);
  }

  protected async pushWait(territory: string, day: string, ms: number): Promise<void> {
    const key = this.key(territory, day, 'w');
    const list = this.waits.get(key) ?? [];
    list.push(ms);
    this.waits.set(key, list);
  }

  /** Write what was counted since the last flush. */
  async flush(): Promise<void> {
    const pending = this.pending;
    const waits = this.waits;
    const ended = this.ended;
    if (pending.size === 0 && waits.size === 0 && ended.size === 0) return;
    this.pending = new Map();
    this.waits = new Map();
    this.ended = new Map();
    const writes: Array<Promise<unknown>> = [];
    for (const [key, fields] of pending) {
      for (const [field, n] of fields) writes.push(this.redis.hincrby(key, field, n));
      writes.push(this.redis.expire(key, KEEP_SECONDS));
    }
    for (const [key, list] of waits) {
      writes.push(this.redis.rpush(key, ...list.map(String)).then(() => this.redis.ltrim(key, -MAX_WAITS_PER_DAY, -1)));
      writes.push(this.redis.expire(key, KEEP_SECONDS));
    }
    for (const [key, list] of ended) {
      writes.push(this.redis.rpush(key, ...list).then(() => this.redis.ltrim(key, -MAX_ENDED_PER_DAY, -1)));
      writes.push(this.redis.expire(key, KEEP_SECONDS));
    }
    await Promise.all(writes);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush().catch((err: unknown) => this.logger?.warn({ err }, 'statistics not written at shutdown'));
  }

  async days(territory: string, from: string, to: string): Promise<DayStats[]> {
    await this.flush();
    const out: DayStats[] = [];
    for (const day of daysBetween(from, to)) {
      const [counters, waits, ended] = await Promise.all([
        this.redis.hgetall(this.key(territory, day, 'c')),
        this.redis.lrange(this.key(territory, day, 'w'), 0, -1),
        this.redis.lrange(this.key(territory, day, 'e'), 0, -1),
      ]);
      if (Object.keys(counters).length === 0 && waits.length === 0 && ended.length === 0) continue;
      out.push({
        day,
        counters: Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, Number(v)])),
        waitsMs: waits.map(Number),
        ended: ended.map((j) => JSON.parse(j) as EndedHandoff),
      });
    }
    return out;
  }
}

export class MemoryStats extends DailyCounters implements StatsStore {
  private readonly data = new Map<string, DayStats>();

  private day(territory: string, day: string): DayStats {
    const key = `${territory}|${day}`;
    let d = this.data.get(key);
    if (!d) {
      d = { day, counters: {}, waitsMs: [], ended: [] };
      this.data.set(key, d);
    }
    return d;
  }

  protected async incr(territory: string, day: string, field: string): Promise<void> {
    const d = this.day(territory, day);
    d.counters[field] = (d.counters[field] ?? 0) + 1;
  }

  protected async pushWait(territory: string, day: string, ms: number): Promise<void> {
    const d = this.day(territory, day);
    d.waitsMs.push(ms);
    if (d.waitsMs.length > MAX_WAITS_PER_DAY) d.waitsMs.shift();
  }

  protected async pushEnded(territory: string, day: string, ended: EndedHandoff): Promise<void> {
    const d = this.day(territory, day);
    d.ended.push({ ...ended });
    if (d.ended.length > MAX_ENDED_PER_DAY) d.ended.shift();
  }

  async days(territory: string, from: string, to: string): Promise<DayStats[]> {
    return daysBetween(from, to)
      .map((day) => this.data.get(`${territory}|${day}`))
      .filter((d): d is DayStats => d !== undefined)
      .map((d) => ({ day: d.day, counters: { ...d.counters }, waitsMs: [...d.waitsMs], ended: d.ended.map((e) => ({ ...e })) }));
  }
}

/**
 * Several listeners for the same events (the daily counters and the Prometheus metrics); one failing
 * does not stop the others, and never reaches the turn (it is logged).
 */
export function fanOut(targets: StatsEvents[], logger?: Logger): StatsEvents {
  const failed = (name: string) => (err: unknown) => logger?.warn({ err, event: name }, 'statistics listener failed');
  const call = <K extends keyof StatsEvents>(name: K) =>
    ((...args: unknown[]) => {
      for (const t of targets) {
        try {
          (t[name] as (...a: unknown[]) => Promise<void>)(...args).catch(failed(name));
        } catch (err) {
          failed(name)(err);
        }
      }
      return Promise.resolve();
    }) as StatsEvents[K];
  return {
    guideStarted: call('guideStarted'),
    guideCompleted: call('guideCompleted'),
    guideStepReached: call('guideStepReached'),
    guideStepLeft: call('guideStepLeft'),
    handoffRequested: call('handoffRequested'),
    handoffClaimed: call('handoffClaimed'),
    handoffClosed: call('handoffClosed'),
    callbackRequested: call('callbackRequested'),
    satisfactionAsked: call('satisfactionAsked'),
    satisfactionAnswered: call('satisfactionAnswered'),
    handoffEnded: call('handoffEnded'),
    placesLookup: call('placesLookup'),
    bookingLinkOpened: call('bookingLinkOpened'),
  };
}
