/**
 * botbuilder `Storage` with what we add: a TTL (the territory's retention) refreshed on every write,
 * and eTag optimistic concurrency honoured (a stale write is rejected with EtagConflictError).
 */
import type { Storage, StoreItems } from 'botbuilder';

export interface StateStore extends Storage {
  /** Seconds left before the item expires; undefined when absent. */
  ttlSeconds(key: string): Promise<number | undefined>;
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
