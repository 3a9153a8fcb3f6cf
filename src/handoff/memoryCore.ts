/**
 * The memory handoff queue's state and the one way it moves (src/handoff/memoryQueue.ts is the queue):
 * territories with lazy expiry like Redis' EXPIRE, the waiting order, and `move`, which applies a named
 * transition only where TRANSITIONS allows it and emits its one event. Each method changes the state
 * synchronously, so a caller that checks then moves without an await cannot be raced.
 */
import { randomUUID } from 'node:crypto';
import { ACTIVE_STATES, IllegalTransition, TRANSITIONS, canTransition, type HandoffState, type Transition } from './states';
import { HandoffNotFound, LeaseLost, type HandoffEvent, type HandoffRecord, type NewHandoff } from './queue';
import type { Entry, Territory } from './memoryTypes';

/** As the Redis stream (XADD MAXLEN ~ 10000). */
const MAX_EVENTS = 10_000;

export abstract class MemoryQueueCore {
  protected readonly territories = new Map<string, Territory>();
  private insertion = 0;

  constructor(
    /** Seconds, or per territory (its `retentionDays`). */
    private readonly retentionSeconds: number | ((territory: string) => number),
    protected readonly now: () => number = Date.now,
  ) {}

  protected territory(name: string): Territory {
    let t = this.territories.get(name);
    if (!t) {
      t = {
        entries: new Map(),
        citizens: new Map(),
        messages: new Map(),
        events: [],
        lastMs: 0,
        lastSeq: 0,
        waits: [],
        duty: new Map(),
      };
      this.territories.set(name, t);
    }
    return t;
  }

  protected expiry(territory: string): number {
    const seconds = typeof this.retentionSeconds === 'function' ? this.retentionSeconds(territory) : this.retentionSeconds;
    return this.now() + seconds * 1000;
  }

  /** A live entry (lazy expiry: an expired one is forgotten here). */
  protected entry(t: Territory, id: string): Entry | undefined {
    const e = t.entries.get(id);
    if (e && e.expiresAt <= this.now()) {
      t.entries.delete(id);
      if (t.citizens.get(e.record.citizenKey) === id) t.citizens.delete(e.record.citizenKey);
      return undefined;
    }
    return e;
  }

  protected mustEntry(t: Territory, id: string): Entry {
    const e = this.entry(t, id);
    if (!e) throw new HandoffNotFound(id);
    return e;
  }

  protected live(t: Territory): Entry[] {
    const out: Entry[] = [];
    for (const id of [...t.entries.keys()]) {
      const e = this.entry(t, id);
      if (e) out.push(e);
    }
    return out;
  }

  protected active(t: Territory, citizenKey: string): Entry | undefined {
    const id = t.citizens.get(citizenKey);
    if (id === undefined) return undefined;
    const e = this.entry(t, id);
    if (!e || !ACTIVE_STATES.includes(e.record.state)) {
      t.citizens.delete(citizenKey);
      return undefined;
    }
    return e;
  }

  protected queue(t: Territory): Entry[] {
    return this.live(t)
      .filter((e) => e.record.state === 'waiting')
      .sort(
        (a, b) =>
          a.band - b.band ||
          a.record.priority - b.record.priority ||
          a.seq - b.seq,
      );
  }

  /** IllegalTransition unless TRANSITIONS allows this transition from the entry's state. */
  protected check(transition: Transition, e: Entry): void {
    if (!canTransition(transition, e.record.state)) throw new IllegalTransition(transition, e.record.state);
  }

  /**
   * Moves an entry along a named transition and emits its one event. Callers check first (before changing
   * anything else); checked again here, so no path moves an entry where TRANSITIONS does not allow it.
   */
  protected move(t: Territory, e: Entry, transition: Transition, now: number, mediatorId?: string): void {
    this.check(transition, e);
    const def = TRANSITIONS[transition];
    e.record.state = def.to;
    e.expiresAt = this.expiry(e.record.territory);
    if (ACTIVE_STATES.includes(def.to)) t.citizens.set(e.record.citizenKey, e.record.id);
    else if (t.citizens.get(e.record.citizenKey) === e.record.id) t.citizens.delete(e.record.citizenKey);
    this.emit(t, { type: def.event, transition, id: e.record.id, state: def.to, at: now, mediatorId });
  }

  protected emit(t: Territory, event: Omit<HandoffEvent, 'streamId'>): void {
    // "<ms>-<seq>" as Redis: strictly increasing even when two events share a millisecond or the
    // given clock goes back.
    const ms = Math.max(Math.floor(event.at), 0);
    if (ms > t.lastMs) {
      t.lastMs = ms;
      t.lastSeq = 0;
    } else {
      t.lastSeq += 1;
    }
    const out: HandoffEvent = { streamId: `${t.lastMs}-${t.lastSeq}`, ...event };
    if (out.mediatorId === undefined) delete out.mediatorId;
    t.events.push(out);
    if (t.events.length > MAX_EVENTS) t.events.splice(0, t.events.length - MAX_EVENTS);
  }

  /** The lease checks of heartbeat / release / close: state first, then the token. */
  protected leased(t: Territory, id: string, token: string, transition: Transition): Entry {
    const e = this.mustEntry(t, id);
    this.check(transition, e);
    if (!token || e.leaseToken !== token) throw new LeaseLost(id);
    return e;
  }

  protected putBack(t: Territory, e: Entry, transition: 'release' | 'lease-expired', now: number): void {
    const mediatorId = e.record.mediatorId;
    e.band = 0;
    // Its wait starts again (for the expiry and the estimate); its place is kept by arrival order.
    e.record.enqueuedAt = now;
    e.leaseToken = undefined;
    delete e.record.mediatorId;
    delete e.record.claimedAt;
    delete e.record.leaseExpiresAt;
    this.move(t, e, transition, now, mediatorId);
  }

  protected newRecord(input: NewHandoff, state: HandoffState, now: number): Entry {
    const record: HandoffRecord = {
      territory: input.territory,
      citizenKey: input.citizenKey,
      reference: structuredClone(input.reference),
      channel: input.channel,
      locale: input.locale,
      reason: input.reason,
      transcript: structuredClone(input.transcript),
      id: randomUUID(),
      state,
      priority: input.priority ?? 0,
      createdAt: now,
      enqueuedAt: now,
    };
    for (const f of ['personKey', 'guideId', 'guideTitle', 'stepId', 'stepTitle', 'stepNumber', 'stepTotal', 'stage', 'said'] as const) {
      if (input[f] !== undefined) (record as unknown as Record<string, unknown>)[f] = input[f];
    }
    return { record, band: 1, seq: this.insertion++, expiresAt: this.expiry(input.territory) };
  }
}
