/**
 * The memory handoff queue's side log (src/handoff/memoryQueue.ts is the queue): the messages exchanged
 * during a handoff, the territory's event stream, the average wait, mediators' presence and erasure.
 * None of these is a transition: they read or add to a handoff without moving it.
 */
import { IllegalTransition, MESSAGE_STATES } from './states';
import type { HandoffEvent, HandoffMessage } from './queue';
import { parseStreamId } from './memoryTypes';
import { MemoryQueueCore } from './memoryCore';

export abstract class MemoryQueueActivity extends MemoryQueueCore {
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
