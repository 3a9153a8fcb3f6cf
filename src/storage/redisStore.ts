/**
 * StateStore over ioredis. Each item is a hash {e: eTag, v: JSON, l: log lines} under `<prefix>state:<key>`;
 * a write is one Lua script (check eTag, set, refresh TTL) so concurrent instances never overwrite
 * each other's newer state. A value that is not valid JSON is logged (by key hash) and read as absent,
 * so the conversation restarts instead of crashing.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis';
import type { StoreItems } from 'botbuilder';
import type { Logger } from 'pino';
import { hashId } from '../logger';
import { keyspace, type Keyspace } from './keyspace';
import { scripts, type ScriptCommands } from './scripts';
import { checkLog, EtagConflictError, expectedEtag, jsonForWrite, noteJson, type StateStore, type StateWriteOptions } from './stateStore';

/** Return codes of stateWrite-1.lua. */
const WRITTEN = 1;
const ETAG_CONFLICT = 0;

export class RedisStateStore implements StateStore {
  private readonly client: RedisClient;
  private readonly scripts: ScriptCommands;
  private readonly keys: Keyspace;

  constructor(
    redis: RedisClient,
    prefix: string,
    private readonly defaultTtlSeconds: number,
    private readonly logger: Logger,
  ) {
    this.client = redis;
    this.scripts = scripts(redis);
    this.keys = keyspace(prefix);
  }

  private k(key: string): string {
    return this.keys.state(key);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    if (keys.length === 0) return out;
    // One HMGET per key: the client sends the commands of one event-loop turn together (CorkedRedis,
    // storage/redis.ts), so a turn's reads (conversation and user state) travel in one write, without a Pipeline object.
    const values = await Promise.all(
      keys.map((key) =>
        this.client.hmget(this.k(key), 'e', 'v').catch((err: Error) => {
          this.logger.warn({ key: hashId(key), err }, 'unreadable state item ignored');
          return undefined;
        }),
      ),
    );
    keys.forEach((key, i) => {
      const [eTag, json] = values[i] ?? [];
      if (eTag === null || json === null || eTag === undefined || json === undefined) return;
      try {
        const parsed = JSON.parse(json) as unknown;
        if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
        if (Array.isArray(parsed)) out[key] = { ...parsed, eTag };
        else {
          (parsed as Record<string, unknown>).eTag = eTag; // a fresh object: no need to copy it
          out[key] = parsed as Record<string, unknown>;
          noteJson(parsed, json);
        }
      } catch {
        this.logger.warn({ key: hashId(key) }, 'corrupted state item ignored');
      }
    });
    return out;
  }

  async write(changes: StoreItems, options: StateWriteOptions = {}): Promise<void> {
    const entries = Object.entries(changes);
    const ttl = options.ttlSeconds ?? this.defaultTtlSeconds;
    checkLog(options);
    const codes = await Promise.all(
      entries.map(([key, item]) =>
        this.scripts.stateWrite([this.k(key)], expectedEtag(item), randomUUID(), jsonForWrite(item), ttl, options.log?.keep ?? 0, ...(options.log?.lines ?? [])),
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

  async readLog(key: string): Promise<string[]> {
    const log = await this.client.hget(this.k(key), 'l');
    return log ? log.split('\n') : [];
  }

  async ttlSeconds(key: string): Promise<number | undefined> {
    const t = await this.client.ttl(this.k(key));
    return t >= 0 ? t : undefined;
  }
}
