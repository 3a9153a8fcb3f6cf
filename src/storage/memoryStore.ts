/**
 * In-memory StateStore for the embedded default (no REDIS_URL): same contract as RedisStateStore,
 * including eTags and TTL, so the contract tests run against both.
 */
import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { checkLog, EtagConflictError, expectedEtag, jsonForWrite, noteJson, type StateStore, type StateWriteOptions } from './stateStore';

interface Entry {
  eTag: string;
  json: string;
  expiresAt: number;
  /** The item's log (StateWriteOptions.log), oldest first. */
  log?: string[];
}

export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, Entry>();

  constructor(
    private readonly defaultTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string): Entry | undefined {
    const e = this.items.get(key);
    if (e && e.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return e;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const key of keys) {
      const e = this.live(key);
      if (!e) continue;
      const parsed = JSON.parse(e.json) as object;
      if (Array.isArray(parsed)) out[key] = { ...parsed, eTag: e.eTag };
      else {
        (parsed as Record<string, unknown>).eTag = e.eTag; // a fresh object: no need to copy it
        out[key] = parsed;
        noteJson(parsed, e.json);
      }
    }
    return out;
  }

  async write(changes: StoreItems, options: StateWriteOptions = {}): Promise<void> {
    const ttl = options.ttlSeconds ?? this.defaultTtlSeconds;
    checkLog(options);
    for (const [key, item] of Object.entries(changes)) {
      const expected = expectedEtag(item);
      const current = this.live(key);
      if (expected && current && current.eTag !== expected) throw new EtagConflictError(key);
      let log = current?.log;
      if (options.log && options.log.lines.length > 0) log = [...(log ?? []), ...options.log.lines].slice(-Math.max(1, options.log.keep));
      this.items.set(key, {
        eTag: randomUUID(),
        json: jsonForWrite(item),
        expiresAt: this.now() + ttl * 1000,
        ...(log ? { log } : {}),
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  async readLog(key: string): Promise<string[]> {
    return [...(this.live(key)?.log ?? [])];
  }

  async ttlSeconds(key: string): Promise<number | undefined> {
    const e = this.live(key);
    return e ? Math.ceil((e.expiresAt - this.now()) / 1000) : undefined;
  }
}
