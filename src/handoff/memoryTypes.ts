/** The memory queue's own structures (src/handoff/memoryQueue.ts), kept apart so the queue stays one screenful of behaviour. */
import type { HandoffEvent, HandoffMessage, HandoffRecord } from './queue';

export interface Entry {
  record: HandoffRecord;
  /** 0 = put back at the head (release, lease expired), 1 = normal. */
  band: 0 | 1;
  /** Insertion order: breaks ties of (band, priority, enqueuedAt). */
  seq: number;
  leaseToken?: string;
  /** Instance clock (ms). */
  expiresAt: number;
}

export interface Messages {
  list: HandoffMessage[];
  expiresAt: number;
}

export interface Territory {
  entries: Map<string, Entry>;
  /** citizenKey → id of the active handoff. */
  citizens: Map<string, string>;
  messages: Map<string, Messages>;
  events: HandoffEvent[];
  lastMs: number;
  lastSeq: number;
  /** Newest last. */
  waits: number[];
  /** mediatorId → presence expiry (ms). */
  duty: Map<string, number>;
}

export function parseStreamId(id: string): [number, number] {
  const [ms, seq] = id.split('-');
  return [Number(ms) || 0, Number(seq ?? 0) || 0];
}

export function copy(record: HandoffRecord): HandoffRecord {
  return structuredClone(record);
}
