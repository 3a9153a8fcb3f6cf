/**
 * Counters with a window, shared by every instance (Redis) or kept in the process (embedded default): the
 * limits on logins, web chat messages and photos, and what each citizen address may send and receive.
 * One implementation, one key family (`lim:`, `limit` in storage/keyspace.ts; the messaging channels' per-address
 * counters are another family, `contactCounter`).
 */
import type { RedisClient } from './redis';
import { keyspace, type Keyspace } from './keyspace';

export interface RateLimiter {
  /** Count one attempt; true while under the limit. */
  hit(key: string, limit: number, windowMs: number, now: number): Promise<boolean>;
  /** Forget the attempts (after a successful login). */
  reset(key: string): Promise<void>;
}

/** A RateLimiter that also tells how many attempts its window holds (progressive slow-downs). */
export interface AttemptCounter extends RateLimiter {
  /** Count one attempt; how many the window holds now (this one included). */
  increment(key: string, windowMs: number, now: number): Promise<number>;
  /** How many attempts the window holds, without counting one. */
  count(key: string, now: number): Promise<number>;
}

export class MemoryRateLimiter implements AttemptCounter {
  private readonly counts = new Map<string, { n: number; until: number }>();

  async increment(key: string, windowMs: number, now: number) {
    const c = this.counts.get(key);
    if (!c || c.until <= now) {
      this.counts.set(key, { n: 1, until: now + windowMs });
      return 1;
    }
    c.n += 1;
    return c.n;
  }

  async count(key: string, now: number) {
    const c = this.counts.get(key);
    return c && c.until > now ? c.n : 0;
  }

  async hit(key: string, limit: number, windowMs: number, now: number) {
    return (await this.increment(key, windowMs, now)) <= limit;
  }

  async reset(key: string) {
    this.counts.delete(key);
  }
}

export class RedisRateLimiter implements AttemptCounter {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  async increment(key: string, windowMs: number, _now?: number) {
    const k = this.keys.limit(key);
    const [[, n]] = (await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').exec()) as [[null, number], unknown];
    return n;
  }

  async count(key: string, _now?: number) {
    return Number((await this.redis.get(this.keys.limit(key))) ?? 0);
  }

  async hit(key: string, limit: number, windowMs: number, _now?: number) {
    return (await this.increment(key, windowMs)) <= limit;
  }

  async reset(key: string) {
    await this.redis.del(this.keys.limit(key));
  }
}
