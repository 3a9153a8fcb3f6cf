/**
 * Mediator sessions (console cookie or API bearer token): a random token, stored hashed, with an
 * idle timeout that every request renews; a CSRF token for the cookie-based console.
 * Login rate limits per account and per IP are counters with a window, shared by every instance.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../storage/redis';
import type { Mediator } from './accounts';

export interface Session {
  mediator: Mediator;
  csrf: string;
  createdAt: number;
}

export interface SessionStore {
  create(mediator: Mediator, now: number): Promise<{ token: string; session: Session }>;
  /** The session (its idle time renewed), or undefined when unknown or idle too long. */
  touch(token: string, now: number): Promise<Session | undefined>;
  destroy(token: string): Promise<void>;
}

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

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

export class MemorySessions implements SessionStore {
  private readonly sessions = new Map<string, { s: Session; expiresAt: number }>();

  constructor(private readonly idleMs: number) {}

  async create(mediator: Mediator, now: number) {
    const token = newToken();
    const session: Session = { mediator, csrf: newToken(), createdAt: now };
    this.sessions.set(digest(token), { s: session, expiresAt: now + this.idleMs });
    return { token, session };
  }

  async touch(token: string, now: number) {
    const e = this.sessions.get(digest(token));
    if (!e || e.expiresAt <= now) return undefined;
    e.expiresAt = now + this.idleMs;
    return e.s;
  }

  async destroy(token: string) {
    this.sessions.delete(digest(token));
  }
}

export class RedisSessions implements SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly idleMs: number,
  ) {}

  private key(token: string) {
    return `${this.prefix}med:session:${digest(token)}`;
  }

  async create(mediator: Mediator, now: number) {
    const token = newToken();
    const session: Session = { mediator, csrf: newToken(), createdAt: now };
    await this.redis.set(this.key(token), JSON.stringify(session), 'PX', this.idleMs);
    return { token, session };
  }

  async touch(token: string) {
    const json = await this.redis.getex(this.key(token), 'PX', this.idleMs);
    return json ? (JSON.parse(json) as Session) : undefined;
  }

  async destroy(token: string) {
    await this.redis.del(this.key(token));
  }
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
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async increment(key: string, windowMs: number, _now?: number) {
    const k = `${this.prefix}rl:${key}`;
    const [[, n]] = (await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').exec()) as [[null, number], unknown];
    return n;
  }

  async count(key: string, _now?: number) {
    return Number((await this.redis.get(`${this.prefix}rl:${key}`)) ?? 0);
  }

  async hit(key: string, limit: number, windowMs: number, _now?: number) {
    return (await this.increment(key, windowMs)) <= limit;
  }

  async reset(key: string) {
    await this.redis.del(`${this.prefix}rl:${key}`);
  }
}
