/**
 * Counts of SMS segments per territory and calendar month: one interface, in memory and in Redis (the
 * `smsBudget` key family). Each change is one atomic Redis command on one key (HINCRBY, HSETNX), so
 * instances sending at the same time never lose a count and only one of them wins the month's warning.
 */
import { CorkedRedis, type RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

/** Kept a little over a year: `pasapas report` can show last year's month. */
export const SMS_BUDGET_SECONDS = 400 * 86_400;
/** How often a process pushes the end of a month's key back (RedisSmsBudgetStore). */
const EXPIRE_EVERY_MS = 60 * 60_000;

export interface SmsMonth {
  /** Segments sent this month. */
  used: number;
  /** Proactive messages (reminders) not sent because the budget was spent. */
  skipped: number;
  /** The 80 % warning was given. */
  warned: boolean;
}

export interface SmsBudgetStore {
  /** Add segments; returns the month's total. */
  add(territory: string, month: string, segments: number): Promise<number>;
  /** Count one proactive message skipped. */
  skip(territory: string, month: string): Promise<void>;
  /** Mark the month warned: true only for the one caller that marked it first. */
  markWarned(territory: string, month: string): Promise<boolean>;
  month(territory: string, month: string): Promise<SmsMonth>;
}

export class MemorySmsBudgetStore implements SmsBudgetStore {
  private readonly months = new Map<string, SmsMonth>();

  private of(territory: string, month: string): SmsMonth {
    const key = `${territory}\n${month}`;
    let m = this.months.get(key);
    if (!m) this.months.set(key, (m = { used: 0, skipped: 0, warned: false }));
    return m;
  }

  async add(territory: string, month: string, segments: number): Promise<number> {
    const m = this.of(territory, month);
    m.used += segments;
    return m.used;
  }

  async skip(territory: string, month: string): Promise<void> {
    this.of(territory, month).skipped += 1;
  }

  async markWarned(territory: string, month: string): Promise<boolean> {
    const m = this.of(territory, month);
    if (m.warned) return false;
    m.warned = true;
    return true;
  }

  async month(territory: string, month: string): Promise<SmsMonth> {
    return { ...this.of(territory, month) };
  }
}

interface PendingCount {
  key: string;
  field: 'used' | 'skipped';
  n: number;
  waiting: Array<{ resolve: (total: number) => void; reject: (err: unknown) => void }>;
}

export class RedisSmsBudgetStore implements SmsBudgetStore {
  private readonly keys: Keyspace;
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  /** Counts asked in this turn of the event loop, per key and field, not sent yet. */
  private readonly pending = new Map<string, PendingCount>();

  /**
   * Counts of one key and field asked in the same turn of the event loop (the replies of many SMS turns arrive in
   * one read from Redis, and each counts its SMS) go as one HINCRBY of their sum with one EXPIRE, in the same write
   * as the other commands of that turn (CorkedRedis.beforeSending; at setImmediate on a cluster): two commands for
   * them all instead of two each. Each caller gets the total after them all — what the last of them would have read — so the 80 %
   * warning (HSETNX: one winner) is given the same way; a failure fails them all.
   */
  private incr(territory: string, month: string, field: 'used' | 'skipped', n: number): Promise<number> {
    const key = this.keys.smsBudget(territory, month);
    const id = `${field} ${key}`;
    let count = this.pending.get(id);
    if (!count) {
      const created: PendingCount = { key, field, n: 0, waiting: [] };
      this.pending.set(id, (count = created));
      const flush = () => {
        this.pending.delete(id);
        this.send(created);
      };
      if (this.redis instanceof CorkedRedis) this.redis.beforeSending(flush);
      else setImmediate(flush);
    }
    count.n += n;
    const waiting = count.waiting;
    return new Promise<number>((resolve, reject) => waiting.push({ resolve, reject }));
  }

  /** When this process last pushed each month key's end back (its EXPIRE), by key. */
  private readonly expired = new Map<string, number>();

  private send(count: PendingCount): void {
    // Sent together (the client pipelines commands of one tick): HINCRBY is the atomic count, the EXPIRE beside it
    // only pushes the key's end back. A MULTI around them cost four commands and a transaction for every SMS sent.
    // The end of a 400-day key is pushed back at most once an hour per process; a key the count itself created
    // (its total is this count: it may have no end yet) gets its EXPIRE at once.
    const now = Date.now();
    const last = this.expired.get(count.key);
    const expire = last === undefined || now - last >= EXPIRE_EVERY_MS || now < last;
    if (expire) {
      if (this.expired.size >= 1000) this.expired.clear();
      this.expired.set(count.key, now);
    }
    Promise.all([this.redis.hincrby(count.key, count.field, count.n), expire ? this.redis.expire(count.key, SMS_BUDGET_SECONDS) : undefined]).then(
      ([value]) => {
        if (!expire && Number(value) === count.n) {
          this.expired.set(count.key, now);
          this.redis.expire(count.key, SMS_BUDGET_SECONDS).catch(() => this.expired.delete(count.key));
        }
        for (const w of count.waiting) w.resolve(Number(value));
      },
      (err: unknown) => {
        if (expire) this.expired.delete(count.key);
        for (const w of count.waiting) w.reject(err);
      },
    );
  }

  add(territory: string, month: string, segments: number): Promise<number> {
    return this.incr(territory, month, 'used', segments);
  }

  async skip(territory: string, month: string): Promise<void> {
    await this.incr(territory, month, 'skipped', 1);
  }

  async markWarned(territory: string, month: string): Promise<boolean> {
    return (await this.redis.hsetnx(this.keys.smsBudget(territory, month), 'warned', '1')) === 1;
  }

  async month(territory: string, month: string): Promise<SmsMonth> {
    const h = await this.redis.hgetall(this.keys.smsBudget(territory, month));
    return { used: Number(h.used ?? 0), skipped: Number(h.skipped ?? 0), warned: h.warned === '1' };
  }
}
