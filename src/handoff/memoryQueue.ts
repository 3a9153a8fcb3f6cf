/**
 * HandoffQueue in memory: the embedded default (one process, no Redis). Same contract as
 * RedisHandoffQueue (test/handoff/queue.contract.test.ts runs both). Every method changes its state
 * synchronously, without an await between the check and the change, so fifty concurrent claims
 * still have exactly one winner.
 *
 * Three modules, one class: memoryCore.ts holds the state and moves entries along TRANSITIONS,
 * memoryActivity.ts the messages, events and presence, this file the queue's transitions and reads.
 *
 * Clocks: the optional `now` of each call sets the timestamps of that call (enqueuedAt, leases,
 * events…); retention, like Redis' EXPIRE, runs on the instance clock (`now` of the constructor).
 */
import { randomBytes } from 'node:crypto';
import type { Outcome } from './states';
import type { Claim, HandoffQueue, HandoffRecord, NewHandoff } from './queue';
import { copy, type Entry } from './memoryTypes';
import { MemoryQueueActivity } from './memoryActivity';

/** averageWaitMs: the last waits kept. */
const MAX_WAITS = 20;
const MAX_NOTE = 2000;

export class MemoryHandoffQueue extends MemoryQueueActivity implements HandoffQueue {

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
}
