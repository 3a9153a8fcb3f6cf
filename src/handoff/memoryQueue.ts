/**
 * HandoffQueue in memory: the embedded default (one process, no Redis). Same contract as
 * RedisHandoffQueue (test/handoff/queue.contract.test.ts runs both). Every method changes its state
 * synchronously, without an await between the check and the change, so fifty concurrent claims
 * still have exactly one winner.
 *
 * Clocks: the optional `now` of each call sets the timestamps of that call (enqueuedAt, leases,
 * events…); retention, like Redis' EXPIRE, runs on the instance clock (`now` of the constructor).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ACTIVE_STATES,
  IllegalTransition,
  MESSAGE_STATES,
  TRANSITIONS,
  canTransition,
  type HandoffState,
  type Outcome,
  type Transition,
} from './states';
import {
  HandoffNotFound,
  LeaseLost,
  type Claim,
  type HandoffEvent,
  type HandoffMessage,
  type HandoffQueue,
  type HandoffRecord,
  type NewHandoff,
} from './queue';

/** As the Redis stream (XADD MAXLEN ~ 10000). */
const MAX_EVENTS = 10_000;
/** averageWaitMs: the last waits kept. */
const MAX_WAITS = 20;
const MAX_NOTE = 2000;

import { copy, parseStreamId, type Entry, type Territory } from './memoryTypes';

export class MemoryHandoffQueue implements HandoffQueue {
  private readonly territories = new Map<string, Territory>();
  private insertion = 0;

  constructor(
    /** Seconds, or per territory (its `retentionDays`). */
    private readonly retentionSeconds: number | ((territory: string) => number),
    private readonly now: () => number = Date.now,
  ) {}

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  private territory(name: string): Territory {
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

  private expiry(territory: string): number {
    const seconds = typeof this.retentionSeconds === 'function' ? this.retentionSeconds(territory) : this.retentionSeconds;
    return this.now() + seconds * 1000;
  }

  /** A live entry (lazy expiry: an expired one is forgotten here). */
  private entry(t: Territory, id: string): Entry | undefined {
    const e = t.entries.get(id);
    if (e && e.expiresAt <= this.now()) {
      t.entries.delete(id);
      if (t.citizens.get(e.record.citizenKey) === id) t.citizens.delete(e.record.citizenKey);
      return undefined;
    }
    return e;
  }

  private mustEntry(t: Territory, id: string): Entry {
    const e = this.entry(t, id);
    if (!e) throw new HandoffNotFound(id);
    return e;
  }

  private live(t: Territory): Entry[] {
    const out: Entry[] = [];
    for (const id of [...t.entries.keys()]) {
      const e = this.entry(t, id);
      if (e) out.push(e);
    }
    return out;
  }

  private active(t: Territory, citizenKey: string): Entry | undefined {
    const id = t.citizens.get(citizenKey);
    if (id === undefined) return undefined;
    const e = this.entry(t, id);
    if (!e || !ACTIVE_STATES.includes(e.record.state)) {
      t.citizens.delete(citizenKey);
      return undefined;
    }
    return e;
  }

  private queue(t: Territory): Entry[] {
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
  private check(transition: Transition, e: Entry): void {
    if (!canTransition(transition, e.record.state)) throw new IllegalTransition(transition, e.record.state);
  }

  /**
   * Moves an entry along a named transition and emits its one event. Callers check first (before changing
   * anything else); checked again here, so no path moves an entry where TRANSITIONS does not allow it.
   */
  private move(t: Territory, e: Entry, transition: Transition, now: number, mediatorId?: string): void {
    this.check(transition, e);
    const def = TRANSITIONS[transition];
    e.record.state = def.to;
    e.expiresAt = this.expiry(e.record.territory);
    if (ACTIVE_STATES.includes(def.to)) t.citizens.set(e.record.citizenKey, e.record.id);
    else if (t.citizens.get(e.record.citizenKey) === e.record.id) t.citizens.delete(e.record.citizenKey);
    this.emit(t, { type: def.event, transition, id: e.record.id, state: def.to, at: now, mediatorId });
  }

  private emit(t: Territory, event: Omit<HandoffEvent, 'streamId'>): void {
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
  private leased(t: Territory, id: string, token: string, transition: Transition): Entry {
    const e = this.mustEntry(t, id);
    this.check(transition, e);
    if (!token || e.leaseToken !== token) throw new LeaseLost(id);
    return e;
  }

  private putBack(t: Territory, e: Entry, transition: 'release' | 'lease-expired', now: number): void {
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

  private newRecord(input: NewHandoff, state: HandoffState, now: number): Entry {
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
    for (const f of ['personKey', 'guideId', 'guideTitle', 'stepId', 'stepTitle', 'stepNumber', 'stepTotal'] as const) {
      if (input[f] !== undefined) (record as unknown as Record<string, unknown>)[f] = input[f];
    }
    return { record, band: 1, seq: this.insertion++, expiresAt: this.expiry(input.territory) };
  }

  // ── HandoffQueue ─────────────────────────────────────────────────────────────────────────────

  async request(input: NewHandoff, now = this.now()): Promise<{ record: HandoffRecord; created: boolean }> {
    const t = this.territory(input.territory);
    const existing = this.active(t, input.citizenKey);
    if (existing) return { record: copy(existing.record), created: false };
    const e = this.newRecord(input, 'bot', now);
    t.entries.set(e.record.id, e);
    this.move(t, e, 'request', now);
    return { record: copy(e.record), created: true };
  }

  async get(territory: string, id: string): Promise<HandoffRecord | undefined> {
    const t = this.territories.get(territory);
    const e = t && this.entry(t, id);
    return e ? copy(e.record) : undefined;
  }

  async activeFor(territory: string, citizenKey: string): Promise<HandoffRecord | undefined> {
    const t = this.territories.get(territory);
    const e = t && this.active(t, citizenKey);
    return e ? copy(e.record) : undefined;
  }

  async position(territory: string, id: string): Promise<number | undefined> {
    const t = this.territories.get(territory);
    if (!t) return undefined;
    const index = this.queue(t).findIndex((e) => e.record.id === id);
    return index < 0 ? undefined : index + 1;
  }

  async waiting(territory: string): Promise<HandoffRecord[]> {
    const t = this.territories.get(territory);
    return t ? this.queue(t).map((e) => copy(e.record)) : [];
  }

  async claim(territory: string, id: string, mediatorId: string, leaseMs: number, now = this.now()): Promise<Claim> {
    const t = this.territory(territory);
    const e = this.mustEntry(t, id);
    this.check('claim', e);
    const leaseToken = randomBytes(16).toString('base64url');
    const leaseExpiresAt = now + leaseMs;
    e.leaseToken = leaseToken;
    Object.assign(e.record, { mediatorId, claimedAt: now, leaseExpiresAt });
    t.waits.push(now - e.record.enqueuedAt);
    if (t.waits.length > MAX_WAITS) t.waits.splice(0, t.waits.length - MAX_WAITS);
    this.move(t, e, 'claim', now, mediatorId);
    return { leaseToken, leaseExpiresAt, record: copy(e.record) };
  }

  async transfer(territory: string, id: string, leaseToken: string, toMediatorId: string, leaseMs: number, now = this.now()): Promise<Claim> {
    const t = this.territory(territory);
    const e = this.leased(t, id, leaseToken, 'transfer');
    const token = randomBytes(16).toString('base64url');
    e.leaseToken = token;
    Object.assign(e.record, { mediatorId: toMediatorId, claimedAt: now, leaseExpiresAt: now + leaseMs });
    this.move(t, e, 'transfer', now, toMediatorId);
    return { leaseToken: token, leaseExpiresAt: now + leaseMs, record: copy(e.record) };
  }

  async moveOut(territory: string, id: string, leaseToken: string, to: { territory: string; id: string }, now = this.now()): Promise<void> {
    const t = this.territory(territory);
    const e = this.leased(t, id, leaseToken, 'transfer-territory');
    const mediatorId = e.record.mediatorId;
    e.leaseToken = undefined;
    delete e.record.leaseExpiresAt;
    Object.assign(e.record, { movedTo: { ...to }, closedAt: now });
    this.move(t, e, 'transfer-territory', now, mediatorId);
  }

  async leaseOf(territory: string, id: string, mediatorId: string): Promise<string | undefined> {
    const e = this.entry(this.territory(territory), id);
    return e && e.record.state === 'with_mediator' && e.record.mediatorId === mediatorId ? e.leaseToken : undefined;
  }

  async heartbeat(territory: string, id: string, leaseToken: string, leaseMs: number, now = this.now()): Promise<number> {
    const t = this.territory(territory);
    // Not a transition (no event): when not with a mediator, IllegalTransition names "release",
    // the transition a lease holder could make from with_mediator.
    const e = this.leased(t, id, leaseToken, 'release');
    e.record.leaseExpiresAt = now + leaseMs;
    e.expiresAt = this.expiry(territory);
    return e.record.leaseExpiresAt;
  }

  async release(territory: string, id: string, leaseToken: string, now = this.now()): Promise<void> {
    const t = this.territory(territory);
    this.putBack(t, this.leased(t, id, leaseToken, 'release'), 'release', now);
  }

  async reapLeases(territory: string, now = this.now()): Promise<string[]> {
    const t = this.territories.get(territory);
    if (!t) return [];
    const due = this.live(t)
      .filter((e) => e.record.state === 'with_mediator' && (e.record.leaseExpiresAt ?? 0) <= now)
      .sort((a, b) => (a.record.leaseExpiresAt ?? 0) - (b.record.leaseExpiresAt ?? 0) || a.seq - b.seq);
    for (const e of due) this.putBack(t, e, 'lease-expired', now);
    return due.map((e) => e.record.id);
  }

  async close(
    territory: string,
    id: string,
    leaseToken: string,
    outcome: Outcome,
    note?: string,
    now = this.now(),
  ): Promise<void> {
    const t = this.territory(territory);
    const e = this.leased(t, id, leaseToken, 'close');
    e.leaseToken = undefined;
    delete e.record.leaseExpiresAt;
    e.record.outcome = outcome;
    if (note) e.record.note = note.slice(0, MAX_NOTE);
    e.record.closedAt = now;
    this.move(t, e, 'close', now, e.record.mediatorId);
  }

  async cancel(territory: string, id: string, now = this.now()): Promise<void> {
    const t = this.territory(territory);
    const e = this.mustEntry(t, id);
    this.check('cancel', e);
    e.record.closedAt = now;
    this.move(t, e, 'cancel', now);
  }

  async expireWaiting(territory: string, maxWaitMs: number, now = this.now()): Promise<string[]> {
    const t = this.territories.get(territory);
    if (!t) return [];
    const due = this.queue(t).filter((e) => now - e.record.enqueuedAt >= maxWaitMs);
    for (const e of due) {
      e.record.closedAt = now;
      this.move(t, e, 'expire', now);
    }
    return due.map((e) => e.record.id);
  }

  async requestCallback(
    input: NewHandoff & { existingId?: string; phone: string; callAt: number },
    now = this.now(),
  ): Promise<HandoffRecord> {
    const t = this.territory(input.territory);
    let e: Entry | undefined;
    if (input.existingId !== undefined) {
      e = this.mustEntry(t, input.existingId);
      // One active handoff per citizen: if they have another one, that one is the one to call back.
      const other = this.active(t, e.record.citizenKey);
      if (other) e = other;
    } else {
      e = this.active(t, input.citizenKey);
    }
    if (e?.record.state === 'callback_requested') return copy(e.record);
    if (e) this.check('request-callback', e);
    if (!e) {
      e = this.newRecord(input, 'bot', now);
      t.entries.set(e.record.id, e);
    }
    e.record.callbackPhone = input.phone;
    e.record.callbackAt = input.callAt;
    delete e.record.closedAt; // from "expired": active again
    this.move(t, e, 'request-callback', now);
    return copy(e.record);
  }

  async callbackDone(territory: string, id: string, outcome: Outcome, mediatorId: string, now = this.now()): Promise<void> {
    const t = this.territory(territory);
    const e = this.mustEntry(t, id);
    this.check('callback-done', e);
    Object.assign(e.record, { outcome, mediatorId, closedAt: now });
    this.move(t, e, 'callback-done', now, mediatorId);
  }

  async callbacks(territory: string): Promise<HandoffRecord[]> {
    const t = this.territories.get(territory);
    if (!t) return [];
    return this.live(t)
      .filter((e) => e.record.state === 'callback_requested')
      .sort((a, b) => (a.record.callbackAt ?? 0) - (b.record.callbackAt ?? 0) || a.seq - b.seq)
      .map((e) => copy(e.record));
  }

  async addMessage(territory: string, id: string, message: HandoffMessage): Promise<void> {
    const t = this.territory(territory);
    const e = this.mustEntry(t, id);
    const state = e.record.state;
    if (!MESSAGE_STATES.includes(state)) throw new IllegalTransition('message' as never, state);
    let m = t.messages.get(id);
    if (!m || m.expiresAt <= this.now()) {
      m = { list: [], expiresAt: 0 };
      t.messages.set(id, m);
    }
    m.list.push(structuredClone(message));
    m.expiresAt = this.expiry(territory);
    this.emit(t, {
      type: 'handoff.message',
      transition: 'message',
      id,
      state,
      at: message.at,
      mediatorId: message.mediatorId,
      messageIndex: m.list.length - 1,
    });
  }

  async eraseCitizen(territory: string, citizenKey: string): Promise<number> {
    const t = this.territory(territory);
    let erased = 0;
    for (const [id, e] of [...t.entries]) {
      if (e.record.citizenKey !== citizenKey) continue;
      t.entries.delete(id);
      t.messages.delete(id);
      if (t.citizens.get(citizenKey) === id) t.citizens.delete(citizenKey);
      erased += 1;
    }
    return erased;
  }

  async messages(territory: string, id: string, after = 0): Promise<HandoffMessage[]> {
    const t = this.territories.get(territory);
    const m = t?.messages.get(id);
    if (!t || !m) return [];
    if (m.expiresAt <= this.now()) {
      t.messages.delete(id);
      return [];
    }
    return m.list.slice(Math.max(0, after)).map((x) => structuredClone(x));
  }

  async setNotifiedPosition(territory: string, id: string, position: number): Promise<void> {
    const t = this.territories.get(territory);
    const e = t && this.entry(t, id);
    if (!e) return; // gone (closed and expired, or another territory's id): nothing to remember
    e.record.notifiedPosition = position;
  }

  async events(territory: string, afterStreamId = '0', count = 100): Promise<HandoffEvent[]> {
    const t = this.territories.get(territory);
    if (!t) return [];
    const fromStart = afterStreamId === '0' || afterStreamId === '' || afterStreamId === '-';
    const [ams, aseq] = parseStreamId(afterStreamId);
    const out: HandoffEvent[] = [];
    for (const ev of t.events) {
      if (out.length >= count) break;
      if (!fromStart) {
        const [ms, seq] = parseStreamId(ev.streamId);
        if (ms < ams || (ms === ams && seq <= aseq)) continue;
      }
      out.push({ ...ev });
    }
    return out;
  }

  async averageWaitMs(territory: string): Promise<number | undefined> {
    const waits = this.territories.get(territory)?.waits ?? [];
    return waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : undefined;
  }

  async setPresence(territory: string, mediatorId: string, onDuty: boolean, ttlMs: number, now = this.now()): Promise<void> {
    const duty = this.territory(territory).duty;
    if (onDuty) duty.set(mediatorId, now + ttlMs);
    else duty.delete(mediatorId);
  }

  async isOnDuty(territory: string, mediatorId: string, now = this.now()): Promise<boolean> {
    return (this.territories.get(territory)?.duty.get(mediatorId) ?? 0) > now;
  }

  async onDutyCount(territory: string, now = this.now()): Promise<number> {
    const duty = this.territories.get(territory)?.duty;
    if (!duty) return 0;
    let n = 0;
    for (const expiry of duty.values()) if (expiry > now) n += 1;
    return n;
  }

  async close_(): Promise<void> {
    this.territories.clear();
  }
}
