/**
 * Deadline reminders the citizen asked for. In Redis: a due set (score = next time) shared by every
 * instance, one hash per reminder, and each citizen's index (for "mes rappels" and STOP). Taking due
 * reminders is one Lua script that also pushes them out of reach for a lease, so two instances
 * never send the same reminder; every multi-key change is one script. Memory twin for the default.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';
import { scripts, type ScriptCommands } from '../storage/scripts';
import type { ConversationReference } from 'botbuilder';
import type { ReminderKind } from './schedule';

export interface Reminder {
  id: string;
  citizenKey: string;
  kind: ReminderKind;
  locale: 'fr' | 'en';
  territory: string;
  reference: Partial<ConversationReference>;
  /** When it was set up (the CAF rhythm counts from there). */
  anchor: number;
  /** Next time it falls. */
  due: number;
}

export type NewReminder = Omit<Reminder, 'id'>;

export interface ReminderStore {
  add(r: NewReminder): Promise<Reminder>;
  list(citizenKey: string): Promise<Reminder[]>;
  cancel(citizenKey: string, id: string): Promise<boolean>;
  cancelAll(citizenKey: string): Promise<number>;
  /** Reminders due at `now`, each kept from the other instances for `leaseMs`. */
  takeDue(now: number, leaseMs: number, max: number): Promise<Reminder[]>;
  /** Its next time, after it was sent (ignored if it was cancelled meanwhile). */
  reschedule(r: Reminder, due: number): Promise<void>;
}

export class RedisReminderStore implements ReminderStore {
  private readonly client: RedisClient;
  private readonly scripts: ScriptCommands;
  /** One hash slot for all reminder keys ({rem}) so the scripts also run on Redis Cluster. */
  private readonly keys: Keyspace;

  constructor(redis: RedisClient, prefix: string) {
    this.client = redis;
    this.scripts = scripts(redis);
    this.keys = keyspace(prefix);
  }

  private get due() {
    return this.keys.reminderDue();
  }
  private index(citizenKey: string) {
    return this.keys.reminderIndex(citizenKey);
  }

  async add(r: NewReminder): Promise<Reminder> {
    const reminder: Reminder = { ...r, id: randomUUID() };
    await this.scripts.reminderAdd([this.due, this.keys.reminderRecord(reminder.id), this.index(r.citizenKey)], reminder.id, r.due, JSON.stringify(reminder));
    return reminder;
  }

  async list(citizenKey: string): Promise<Reminder[]> {
    const ids = await this.client.smembers(this.index(citizenKey));
    if (!ids.length) return [];
    const pipe = this.client.pipeline();
    for (const id of ids) pipe.hget(this.keys.reminderRecord(id), 'data');
    pipe.zmscore(this.due, ...ids);
    const res = (await pipe.exec()) ?? [];
    const scores = res[res.length - 1][1] as Array<string | null>;
    return ids
      .map((_, i) => res[i][1] as string | null)
      .map((data, i) => (data ? { ...(JSON.parse(data) as Reminder), due: Number(scores[i] ?? 0) } : undefined))
      .filter((r): r is Reminder => r !== undefined)
      .sort((a, b) => a.due - b.due);
  }

  /** Cancel these ids if they are the citizen's: one script that declares every key it touches. */
  private async cancelIds(citizenKey: string, ids: string[]): Promise<[number, number]> {
    const hashes = ids.map((id) => this.keys.reminderRecord(id));
    return this.scripts.reminderCancel([this.due, this.index(citizenKey), ...hashes], ...ids);
  }

  async cancel(citizenKey: string, id: string): Promise<boolean> {
    return (await this.cancelIds(citizenKey, [id]))[0] > 0;
  }

  async cancelAll(citizenKey: string): Promise<number> {
    // Read the ids, cancel them; again if one was added in between (STOP must leave none).
    let total = 0;
    for (let round = 0; round < 10; round += 1) {
      const ids = await this.client.smembers(this.index(citizenKey));
      if (!ids.length) break;
      const [n, left] = await this.cancelIds(citizenKey, ids);
      total += n;
      if (left === 0) break;
    }
    return total;
  }

  async takeDue(now: number, leaseMs: number, max: number): Promise<Reminder[]> {
    // Candidates first, then one script that declares their keys and takes those still due.
    const ids = await this.client.zrangebyscore(this.due, '-inf', now, 'LIMIT', 0, max);
    if (!ids.length) return [];
    const hashes = ids.map((id) => this.keys.reminderRecord(id));
    const taken = await this.scripts.reminderTake([this.due, ...hashes], now, leaseMs, ...ids);
    return taken.map((d) => JSON.parse(d) as Reminder);
  }

  async reschedule(r: Reminder, due: number): Promise<void> {
    await this.client.zadd(this.due, 'XX', due, r.id);
  }
}

export class MemoryReminderStore implements ReminderStore {
  private readonly reminders = new Map<string, Reminder>();

  async add(r: NewReminder): Promise<Reminder> {
    const reminder: Reminder = { ...r, id: randomUUID() };
    this.reminders.set(reminder.id, reminder);
    return { ...reminder };
  }

  async list(citizenKey: string): Promise<Reminder[]> {
    return [...this.reminders.values()].filter((r) => r.citizenKey === citizenKey).sort((a, b) => a.due - b.due).map((r) => ({ ...r }));
  }

  async cancel(citizenKey: string, id: string): Promise<boolean> {
    const r = this.reminders.get(id);
    if (!r || r.citizenKey !== citizenKey) return false;
    return this.reminders.delete(id);
  }

  async cancelAll(citizenKey: string): Promise<number> {
    let n = 0;
    for (const r of [...this.reminders.values()]) if (r.citizenKey === citizenKey && this.reminders.delete(r.id)) n += 1;
    return n;
  }

  async takeDue(now: number, leaseMs: number, max: number): Promise<Reminder[]> {
    const due = [...this.reminders.values()].filter((r) => r.due <= now).sort((a, b) => a.due - b.due).slice(0, max);
    for (const r of due) r.due = now + leaseMs;
    return due.map((r) => ({ ...r }));
  }

  async reschedule(r: Reminder, due: number): Promise<void> {
    const stored = this.reminders.get(r.id);
    if (stored) stored.due = due;
  }
}

/**
 * A reminder is the citizen's request to be written to later: while it exists, their messaging
 * address is kept (beyond the retention period of conversations) so it can reach them.
 */
export function keepingContacts(store: ReminderStore, keep: (r: Reminder) => Promise<void>): ReminderStore {
  return {
    add: async (r) => {
      const added = await store.add(r);
      await keep(added);
      return added;
    },
    list: (k) => store.list(k),
    cancel: (k, id) => store.cancel(k, id),
    cancelAll: (k) => store.cancelAll(k),
    takeDue: (now, lease, max) => store.takeDue(now, lease, max),
    reschedule: async (r, due) => {
      await store.reschedule(r, due);
      await keep({ ...r, due });
    },
  };
}
