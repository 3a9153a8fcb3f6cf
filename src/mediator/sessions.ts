/**
 * Mediator sessions (console cookie or API bearer token): a random token, stored hashed, with an
 * idle timeout that every request renews, an absolute lifetime that nothing renews, and a CSRF
 * token for the cookie-based console. Sessions are indexed by mediator, so removing an account or
 * changing its role ends every session of that mediator at once (`endAll`).
 * Login rate limits per account and per IP are counters with a window, shared by every instance.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';
import type { Mediator } from './accounts';

export { MemoryRateLimiter, RedisRateLimiter, type AttemptCounter, type RateLimiter } from '../storage/rateLimiter';

export interface Session {
  mediator: Mediator;
  csrf: string;
  createdAt: number;
}

export interface SessionStore {
  create(mediator: Mediator, now: number): Promise<{ token: string; session: Session }>;
  /** The session (its idle time renewed), or undefined when unknown, idle too long or past its absolute lifetime. */
  touch(token: string, now: number): Promise<Session | undefined>;
  /** Like touch, without renewing the idle time (a check from an open event stream). */
  peek(token: string, now: number): Promise<Session | undefined>;
  destroy(token: string): Promise<void>;
  /** End every session of one mediator (account removed, role changed); how many were open. */
  endAll(territory: string, username: string): Promise<number>;
}

export interface SessionLimits {
  /** A session ends after this long without a request. */
  idleMs: number;
  /** A session ends this long after the login, whatever the activity (MEDIATOR_SESSION_MAX_HOURS). */
  maxMs: number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');
const expired = (s: Session, limits: SessionLimits, now: number) => s.createdAt + limits.maxMs <= now;

export class MemorySessions implements SessionStore {
  private readonly sessions = new Map<string, { s: Session; expiresAt: number }>();
  /** Mediator id → digests of their sessions. */
  private readonly byMediator = new Map<string, Set<string>>();

  constructor(private readonly limits: SessionLimits) {}

  async create(mediator: Mediator, now: number) {
    const token = newToken();
    const session: Session = { mediator, csrf: newToken(), createdAt: now };
    const d = digest(token);
    this.sessions.set(d, { s: session, expiresAt: now + this.limits.idleMs });
    const mine = this.byMediator.get(mediator.id) ?? new Set<string>();
    mine.add(d);
    this.byMediator.set(mediator.id, mine);
    return { token, session };
  }

  private live(token: string, now: number) {
    const d = digest(token);
    const e = this.sessions.get(d);
    if (!e) return undefined;
    if (e.expiresAt <= now || expired(e.s, this.limits, now)) {
      this.forget(d, e.s.mediator.id);
      return undefined;
    }
    return e;
  }

  async touch(token: string, now: number) {
    const e = this.live(token, now);
    if (!e) return undefined;
    e.expiresAt = now + this.limits.idleMs;
    return e.s;
  }

  async peek(token: string, now: number) {
    return this.live(token, now)?.s;
  }

  async destroy(token: string) {
    const d = digest(token);
    const e = this.sessions.get(d);
    if (e) this.forget(d, e.s.mediator.id);
  }

  async endAll(territory: string, username: string) {
    const id = `${territory}:${username}`;
    const mine = this.byMediator.get(id);
    if (!mine) return 0;
    let n = 0;
    for (const d of mine) if (this.sessions.delete(d)) n += 1;
    this.byMediator.delete(id);
    return n;
  }

  private forget(d: string, mediatorId: string) {
    this.sessions.delete(d);
    const mine = this.byMediator.get(mediatorId);
    mine?.delete(d);
    if (mine?.size === 0) this.byMediator.delete(mediatorId);
  }
}

/**
 * `<p>med:session:<sha256 of the token>` holds the session (expires after the idle time);
 * `<p>med:session:by:<territory>:<username>` is the set of a mediator's session digests (expires
 * with the longest possible session). The two keys live in different slots on a cluster, so they
 * are written one after the other, index first: a session never exists without being indexed (a
 * digest left in the index without its session is harmless). The API also checks the account on
 * every request, so a session created while its account was being removed cannot outlive it.
 */
export class RedisSessions implements SessionStore {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly limits: SessionLimits,
  ) {
    this.keys = keyspace(prefix);
  }

  private readonly keys: Keyspace;

  private key(d: string) {
    return this.keys.mediatorSession(d);
  }

  private index(territory: string, username: string) {
    return this.keys.mediatorSessionIndex(territory, username);
  }

  async create(mediator: Mediator, now: number) {
    const token = newToken();
    const session: Session = { mediator, csrf: newToken(), createdAt: now };
    const d = digest(token);
    const index = this.index(mediator.territory, mediator.username);
    await this.redis.multi().sadd(index, d).pexpire(index, this.limits.maxMs).exec();
    await this.redis.set(this.key(d), JSON.stringify(session), 'PX', Math.min(this.limits.idleMs, this.limits.maxMs));
    return { token, session };
  }

  private async checked(d: string, json: string | null, now: number) {
    if (!json) return undefined;
    const s = JSON.parse(json) as Session;
    if (expired(s, this.limits, now)) {
      await this.redis.del(this.key(d));
      return undefined;
    }
    return s;
  }

  async touch(token: string, now: number) {
    const d = digest(token);
    return this.checked(d, await this.redis.getex(this.key(d), 'PX', this.limits.idleMs), now);
  }

  async peek(token: string, now: number) {
    const d = digest(token);
    return this.checked(d, await this.redis.get(this.key(d)), now);
  }

  async destroy(token: string) {
    await this.redis.del(this.key(digest(token)));
  }

  async endAll(territory: string, username: string) {
    const index = this.index(territory, username);
    const digests = await this.redis.smembers(index);
    // One key per command: on a cluster the sessions live in many slots.
    const removed = await Promise.all(digests.map((d) => this.redis.unlink(this.key(d))));
    await this.redis.unlink(index);
    return removed.reduce((a, b) => a + b, 0);
  }
}
