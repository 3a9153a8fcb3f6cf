/**
 * Daily photo quotas of the web chat, so free tokens cannot fill Redis with photos: per conversation
 * (photos and bytes), per client address (photos and bytes: an office behind one address counts once)
 * and per territory (bytes: what its citizens may add to Redis in a day). A window lasts 24 hours from
 * the first photo it counts. Shared by every instance through Redis (src/storage/lua/dlQuota-1.lua), or in memory.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../../storage/redis';
import { keyspace, type Keyspace } from '../../storage/keyspace';
import { scripts, type ScriptCommands } from '../../storage/scripts';

export const QUOTA_WINDOW_MS = 24 * 3600_000;

export interface Quota {
  /** Most photos in the window (0 = no limit). */
  count: number;
  /** Most bytes in the window (0 = no limit). */
  bytes: number;
}

export interface UploadLimits {
  perConversation: Quota;
  perIp: Quota;
  perTerritoryBytes: number;
}

const MB = 1024 * 1024;
/** Defaults for a France Services office: a citizen sends a few photos, an office helps dozens a day. */
export const UPLOAD_LIMITS: UploadLimits = {
  perConversation: { count: 10, bytes: 25 * MB },
  perIp: { count: 100, bytes: 200 * MB },
  perTerritoryBytes: 300 * MB,
};

export type QuotaScope = 'conversation' | 'ip' | 'territory';

export interface QuotaStore {
  /** 0: there is room for one more photo (nothing counted); else ms until the window ends. */
  check(key: string, quota: Quota, now: number): Promise<number>;
  /** Count one photo of `bytes` if it fits: 0, else ms until the window ends (nothing counted). */
  take(key: string, bytes: number, quota: Quota, now: number): Promise<number>;
  /** Un-count a photo taken (refused by another quota, or not stored). */
  give(key: string, bytes: number): Promise<void>;
  /** Forget a key's window (the conversation ended). */
  reset(key: string): Promise<void>;
}

export class MemoryQuotaStore implements QuotaStore {
  private readonly windows = new Map<string, { n: number; b: number; until: number }>();

  private live(key: string, now: number) {
    const w = this.windows.get(key);
    if (w && w.until <= now) {
      this.windows.delete(key);
      return undefined;
    }
    return w;
  }

  private refused(w: { n: number; b: number; until: number } | undefined, bytes: number, q: Quota, now: number): number {
    if (!w) return (q.count > 0 && 1 > q.count) || (q.bytes > 0 && bytes > q.bytes) ? QUOTA_WINDOW_MS : 0;
    return (q.count > 0 && w.n + 1 > q.count) || (q.bytes > 0 && w.b + bytes > q.bytes) ? w.until - now : 0;
  }

  async check(key: string, q: Quota, now: number): Promise<number> {
    return this.refused(this.live(key, now), 1, q, now);
  }

  async take(key: string, bytes: number, q: Quota, now: number): Promise<number> {
    const w = this.live(key, now);
    const wait = this.refused(w, bytes, q, now);
    if (wait > 0) return wait;
    if (w) {
      w.n += 1;
      w.b += bytes;
    } else this.windows.set(key, { n: 1, b: bytes, until: now + QUOTA_WINDOW_MS });
    return 0;
  }

  async give(key: string, bytes: number): Promise<void> {
    const w = this.windows.get(key);
    if (w && w.n > 0) {
      w.n -= 1;
      w.b = Math.max(0, w.b - bytes);
    }
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
}

export class RedisQuotaStore implements QuotaStore {
  private readonly run: ScriptCommands;
  private readonly ks: Keyspace;

  constructor(
    private readonly client: RedisClient,
    prefix: string,
  ) {
    this.run = scripts(client);
    this.ks = keyspace(prefix);
  }

  /** `<prefix>rl:photos:<scope>:{<id>}`: the `photoQuota` family (`pasapas purge` knows it). */
  private key(key: string): string {
    return this.ks.photoQuota(key);
  }

  check(key: string, q: Quota): Promise<number> {
    return this.run.dlQuota([this.key(key)], 'check', 0, q.count, q.bytes, QUOTA_WINDOW_MS);
  }

  take(key: string, bytes: number, q: Quota): Promise<number> {
    return this.run.dlQuota([this.key(key)], 'take', bytes, q.count, q.bytes, QUOTA_WINDOW_MS);
  }

  async give(key: string, bytes: number): Promise<void> {
    await this.run.dlQuota([this.key(key)], 'give', bytes, 0, 0, QUOTA_WINDOW_MS);
  }

  async reset(key: string): Promise<void> {
    await this.client.del(this.key(key));
  }
}

/** The three quotas of one photo, checked and counted together (each scope's key is its own). */
export class UploadQuotas {
  constructor(
    private readonly store: QuotaStore,
    private readonly limits: UploadLimits = UPLOAD_LIMITS,
  ) {}

  private scopes(who: { conversationId: string; ip: string; territory: string }): Array<{ scope: QuotaScope; key: string; quota: Quota }> {
    return [
      { scope: 'conversation', key: `conv:{${who.conversationId}}`, quota: this.limits.perConversation },
      // The address hashed: a counter kept a day needs no readable IP.
      { scope: 'ip', key: `ip:{${createHash('sha256').update(who.ip).digest('hex').slice(0, 20)}}`, quota: this.limits.perIp },
      { scope: 'territory', key: `territory:{${who.territory}}`, quota: { count: 0, bytes: this.limits.perTerritoryBytes } },
    ];
  }

  /** Before reading a photo: is any quota already used up? The first that is, and when its window ends. */
  async full(who: { conversationId: string; ip: string; territory: string }, now: number): Promise<{ scope: QuotaScope; retryAfterMs: number } | null> {
    for (const s of this.scopes(who)) {
      if (s.quota.count <= 0 && s.quota.bytes <= 0) continue;
      const wait = await this.store.check(s.key, s.quota, now);
      if (wait > 0) return { scope: s.scope, retryAfterMs: wait };
    }
    return null;
  }

  /**
   * Count a photo of `bytes` in every quota, or in none: the scope that refused it and when its window
   * ends. `release` un-counts it (the photo could not be stored).
   */
  async take(
    who: { conversationId: string; ip: string; territory: string },
    bytes: number,
    now: number,
  ): Promise<{ ok: true; release: () => Promise<void> } | { ok: false; scope: QuotaScope; retryAfterMs: number }> {
    const taken: string[] = [];
    const release = async () => {
      for (const key of taken) await this.store.give(key, bytes);
    };
    for (const s of this.scopes(who)) {
      if (s.quota.count <= 0 && s.quota.bytes <= 0) continue;
      let wait: number;
      try {
        wait = await this.store.take(s.key, bytes, s.quota, now);
      } catch (err) {
        await release().catch(() => undefined);
        throw err;
      }
      if (wait > 0) {
        await release();
        return { ok: false, scope: s.scope, retryAfterMs: wait };
      }
      taken.push(s.key);
    }
    return { ok: true, release };
  }

  /** The conversation ended: its own window goes (it names the conversation); the address's and territory's stay. */
  async forgetConversation(conversationId: string): Promise<void> {
    await this.store.reset(`conv:{${conversationId}}`);
  }
}
