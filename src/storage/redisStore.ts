/**
 * StateStore over ioredis. Each item is a hash {e: eTag, v: JSON} under `<prefix>state:<key>`;
 * a write is one Lua script (check eTag, set, refresh TTL) so concurrent instances never overwrite
 * each other's newer state. A value that is not valid JSON is logged (by key hash) and read as absent,
 * so the conversation restarts instead of crashing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './redis';
import type { StoreItems } from 'botbuilder';
import type { Logger } from 'pino';
import { ROOT } from '../paths';
import { hashId } from '../logger';
import { EtagConflictError, expectedEtag, withoutEtag, type StateStore } from './stateStore';

const WRITE_SCRIPT = readFileSync(join(ROOT, 'src/storage/lua/stateWrite-1.lua'), 'utf8');
/** Return codes of stateWrite-1.lua. */
const WRITTEN = 1;
const ETAG_CONFLICT = 0;

type Client = RedisClient & {
  pasapasStateWrite(key: string, expected: string, eTag: string, json: string, ttl: number): Promise<number>;
};

export class RedisStateStore implements StateStore {
  private readonly client: Client;

  constructor(
    redis: RedisClient,
    private readonly prefix: string,
    private readonly ttl: number,
    private readonly logger: Logger,
  ) {
    if (!('pasapasStateWrite' in redis)) redis.defineCommand('pasapasStateWrite', { numberOfKeys: 1, lua: WRITE_SCRIPT });
    this.client = redis as Client;
  }

  private k(key: string): string {
    return `${this.prefix}state:${key}`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    if (keys.length === 0) return out;
    // One command per key, sent together by auto-pipelining: on Redis Cluster the keys of a turn
    // (conversation, user) live in different slots, which one explicit pipeline cannot span.
    const results = await Promise.all(
      keys.map((key) =>
        this.client.hmget(this.k(key), 'e', 'v').then(
          (value): [Error | null, unknown] => [null, value],
          (err: Error): [Error | null, unknown] => [err, undefined],
        ),
      ),
    );
    keys.forEach((key, i) => {
      const [err, value] = results[i] ?? [];
      if (err) {
        this.logger.warn({ key: hashId(key), err: (err as Error).message }, 'unreadable state item ignored');
        return;
      }
      const [eTag, json] = (value as [string | null, string | null]) ?? [];
      if (eTag === null || json === null || eTag === undefined || json === undefined) return;
      try {
        const parsed = JSON.parse(json) as unknown;
        if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
        out[key] = { ...(parsed as object), eTag };
      } catch {
        this.logger.warn({ key: hashId(key) }, 'corrupted state item ignored');
      }
    });
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    const codes = await Promise.all(
      entries.map(([key, item]) =>
        this.client.pasapasStateWrite(this.k(key), expectedEtag(item), randomUUID(), JSON.stringify(withoutEtag(item)), this.ttl),
      ),
    );
    codes.forEach((code, i) => {
      if (code === ETAG_CONFLICT) throw new EtagConflictError(entries[i][0]);
      if (code !== WRITTEN) throw new Error(`stateWrite-1.lua returned ${code}`);
    });
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.client.unlink(this.k(key))));
  }

  async ttlSeconds(key: string): Promise<number | undefined> {
    const t = await this.client.ttl(this.k(key));
    return t >= 0 ? t : undefined;
  }
}
