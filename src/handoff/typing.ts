/**
 * "La personne écrit…": a citizen typing on a channel that says so (the web chat's Direct Line `typing` activity),
 * while a mediator has their handoff. Short-lived: the mark lasts TYPING_MS after the last signal, kept in memory
 * or in one Redis string with a PX expiry (`ho:{T}:typing:<id>`), so a console on any instance sees it. The
 * console asks for it (GET /api/mediator/handoffs/:id/typing) every 2 s while the conversation is open.
 */
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';
import type { HandoffQueue } from './queue';

/** How long one typing signal counts (Web Chat sends one every few seconds while the person types). */
export const TYPING_MS = 6_000;
/** Signals of one conversation closer than this are not looked at again (one queue lookup at most per interval). */
const RELAY_EVERY_MS = 2_000;

function sinceOf(until: number | undefined, now: number): number | undefined {
  return until !== undefined && until > now ? until - TYPING_MS : undefined;
}

export interface TypingStore {
  /** The citizen of this handoff is typing until `until` (ms). */
  citizenTyping(territory: string, handoffId: string, until: number): Promise<void>;
  /** Since when (ms, the last signal) they are typing at `now`; undefined when they are not. */
  citizenTypingSince(territory: string, handoffId: string, now: number): Promise<number | undefined>;
}

export class MemoryTypingStore implements TypingStore {
  private readonly until = new Map<string, number>();

  async citizenTyping(territory: string, handoffId: string, until: number) {
    if (this.until.size > 10_000) this.until.clear(); // marks last seconds: nothing of value is lost
    this.until.set(`${territory}|${handoffId}`, until);
  }

  async citizenTypingSince(territory: string, handoffId: string, now: number) {
    return sinceOf(this.until.get(`${territory}|${handoffId}`), now);
  }
}

export class RedisTypingStore implements TypingStore {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  async citizenTyping(territory: string, handoffId: string, until: number) {
    await this.redis.set(this.keys.handoffTyping(territory, handoffId), String(until), 'PX', TYPING_MS);
  }

  async citizenTypingSince(territory: string, handoffId: string, now: number) {
    const value = await this.redis.get(this.keys.handoffTyping(territory, handoffId));
    return sinceOf(value === null ? undefined : Number(value), now);
  }
}

/**
 * From a citizen's typing signal to the mark a console reads: only while a mediator has their handoff, and at most
 * one queue lookup per conversation every RELAY_EVERY_MS (a client sending many signals costs nothing more).
 */
export class CitizenTypingRelay {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly deps: { queue: HandoffQueue; store: TypingStore; now: () => number },
  ) {}

  async typed(territory: string, citizenKey: string): Promise<boolean> {
    const now = this.deps.now();
    const key = `${territory}|${citizenKey}`;
    if (now - (this.last.get(key) ?? -Infinity) < RELAY_EVERY_MS) return false;
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(key, now);
    const record = await this.deps.queue.activeFor(territory, citizenKey);
    if (record?.state !== 'with_mediator') return false;
    await this.deps.store.citizenTyping(territory, record.id, now + TYPING_MS);
    return true;
  }
}
