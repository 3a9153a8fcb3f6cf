/**
 * botbuilder `Storage` with what we add: a TTL (the territory's retention) refreshed on every write,
 * and eTag optimistic concurrency honoured (a stale write is rejected with EtagConflictError).
 */
import type { Storage, StoreItems } from 'botbuilder';

export interface StateWriteOptions {
  /** How long the written items are kept (the territory's retention); the store's default if absent. */
  ttlSeconds?: number;
  /**
   * Lines appended to the item's log with the write (the masked transcript of a conversation), of which the
   * last `keep` are kept. The log lives beside the item (same key: same retention, erased with it) and is
   * never read with it: only `readLog` reads it (at a handoff), so a turn does not carry it back and forth.
   */
  log?: { lines: string[]; keep: number };
}

export interface StateStore extends Storage {
  /** botbuilder's write, plus the retention of what is written. */
  write(changes: StoreItems, options?: StateWriteOptions): Promise<void>;
  /** Seconds left before the item expires; undefined when absent. */
  ttlSeconds(key: string): Promise<number | undefined>;
  /** The item's log (see StateWriteOptions.log), oldest first; empty when the item or its log is absent. */
  readLog(key: string): Promise<string[]>;
}

/** A log line is one line (JSON text is): both stores refuse the write otherwise. */
export function checkLog(options: StateWriteOptions): void {
  for (const line of options.log?.lines ?? []) if (line === '' || line.includes('\n')) throw new Error('state log: a line must be non-empty, without a newline');
}

/** Whether a botbuilder Storage is one of ours (has the log). */
export function isStateStore(storage: Storage): storage is StateStore {
  return typeof (storage as Partial<StateStore>).readLog === 'function';
}

export class EtagConflictError extends Error {
  constructor(readonly key: string) {
    super('Storage: eTag conflict: the item changed since it was read');
    this.name = 'EtagConflictError';
  }
}

/** The eTag a write is conditional on ('' = unconditional), as botbuilder's MemoryStorage does. */
export function expectedEtag(item: unknown): string {
  const e = (item as { eTag?: unknown } | null)?.eTag;
  return typeof e === 'string' && e !== '*' ? e : '';
}

export function withoutEtag(item: unknown): unknown {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const { eTag: _drop, ...rest } = item as Record<string, unknown>;
    return rest;
  }
  return item;
}

export type { StoreItems };

/**
 * The JSON text of a state item without its eTag, when whoever holds the object already has it: a
 * store notes what it read, the bot state (src/storage/botState.ts) notes what it is about to write,
 * and the other side takes it once instead of serialising the object again. A note is only good
 * until the object changes, so it is taken right away or not at all.
 */
const knownJson = new WeakMap<object, string>();

export function noteJson(item: object, json: string): void {
  knownJson.set(item, json);
}

export function takeJson(item: object): string | undefined {
  const json = knownJson.get(item);
  if (json !== undefined) knownJson.delete(item);
  return json;
}

/** What a store writes for an item: its noted JSON, or its serialisation. */
export function jsonForWrite(item: unknown): string {
  const noted = item !== null && typeof item === 'object' ? takeJson(item) : undefined;
  return noted ?? JSON.stringify(withoutEtag(item));
}
