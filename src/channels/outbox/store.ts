/**
 * One outbox per SMS provider: jobs wait here until sent, come back after a failed attempt (with backoff),
 * and leave either sent or as a dead letter (kept, capped, without the number or the text). Memory and
 * Redis behind one interface; on Redis each change is one Lua script (outboxAdd, outboxTake, outboxDone)
 * on the keys of one provider's slot (`ob:{ovh}:…`, `ob:{brevo}:…`, storage/keyspace.ts).
 */
import type { RedisClient } from '../../storage/redis';
import { keyspace, type Keyspace } from '../../storage/keyspace';
import { scripts } from '../../storage/scripts';

export interface OutboxJob {
  id: string;
  /** The citizen's number (E.164) and ours. */
  to: string;
  from: string;
  text: string;
  territory: string;
  /** Attempts made so far. */
  attempts: number;
}

export interface DeadLetter {
  id: string;
  territory: string;
  attempts: number;
  /** The provider's status and code, never its message (it may quote the text). */
  reason: string;
  at: number;
}

export const MAX_DEAD_LETTERS = 1000;

/** The providers that send through an outbox (their key families: `ob:{<provider>}:…`). */
export const SMS_OUTBOX_PROVIDERS = ['ovh', 'brevo'] as const;

export interface OutboxStore {
  /** A new job, or one back after a failed attempt, due at `due` (ms). */
  put(provider: string, job: OutboxJob, due: number): Promise<void>;
  /** Up to `max` jobs due at `now`, each leased for `leaseMs` (another instance will not take it meanwhile). */
  take(provider: string, now: number, leaseMs: number, max: number): Promise<OutboxJob[]>;
  /** The job was sent. */
  done(provider: string, id: string): Promise<void>;
  /** The job will never be sent: it leaves the outbox for the dead-letter list. */
  dead(provider: string, id: string, letter: DeadLetter): Promise<void>;
  /** Jobs waiting (due or leased), and the dead letters, newest first. */
  pending(provider: string): Promise<number>;
  deadLetters(provider: string, limit?: number): Promise<DeadLetter[]>;
}

export class MemoryOutbox implements OutboxStore {
  private readonly boxes = new Map<string, { jobs: Map<string, { job: OutboxJob; due: number; seq: number }>; dead: DeadLetter[] }>();
  private seq = 0;

  private box(provider: string) {
    let b = this.boxes.get(provider);
    if (!b) this.boxes.set(provider, (b = { jobs: new Map(), dead: [] }));
    return b;
  }

  async put(provider: string, job: OutboxJob, due: number): Promise<void> {
    this.box(provider).jobs.set(job.id, { job: { ...job }, due, seq: this.seq++ });
  }

  async take(provider: string, now: number, leaseMs: number, max: number): Promise<OutboxJob[]> {
    const due = [...this.box(provider).jobs.values()]
      .filter((e) => e.due <= now)
      .sort((a, b) => a.due - b.due || (a.job.id < b.job.id ? -1 : a.job.id > b.job.id ? 1 : a.seq - b.seq))
      .slice(0, max);
    for (const e of due) e.due = now + leaseMs;
    return due.map((e) => ({ ...e.job }));
  }

  async done(provider: string, id: string): Promise<void> {
    this.box(provider).jobs.delete(id);
  }

  async dead(provider: string, id: string, letter: DeadLetter): Promise<void> {
    const b = this.box(provider);
    b.jobs.delete(id);
    b.dead.unshift(letter);
    b.dead.length = Math.min(b.dead.length, MAX_DEAD_LETTERS);
  }

  async pending(provider: string): Promise<number> {
    return this.box(provider).jobs.size;
  }

  async deadLetters(provider: string, limit = MAX_DEAD_LETTERS): Promise<DeadLetter[]> {
    return this.box(provider).dead.slice(0, limit);
  }
}

export class RedisOutbox implements OutboxStore {
  private readonly keys: Keyspace;
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  async put(provider: string, job: OutboxJob, due: number): Promise<void> {
    await scripts(this.redis).outboxAdd([this.keys.outboxDue(provider), this.keys.outboxJobs(provider)], job.id, due, JSON.stringify(job));
  }

  async take(provider: string, now: number, leaseMs: number, max: number): Promise<OutboxJob[]> {
    const raw = await scripts(this.redis).outboxTake([this.keys.outboxDue(provider), this.keys.outboxJobs(provider)], now, leaseMs, max);
    return raw.map((j) => JSON.parse(j) as OutboxJob);
  }

  async done(provider: string, id: string): Promise<void> {
    await scripts(this.redis).outboxDone([this.keys.outboxDue(provider), this.keys.outboxJobs(provider), this.keys.outboxDead(provider)], id, '', MAX_DEAD_LETTERS);
  }

  async dead(provider: string, id: string, letter: DeadLetter): Promise<void> {
    await scripts(this.redis).outboxDone([this.keys.outboxDue(provider), this.keys.outboxJobs(provider), this.keys.outboxDead(provider)], id, JSON.stringify(letter), MAX_DEAD_LETTERS);
  }

  async pending(provider: string): Promise<number> {
    return this.redis.hlen(this.keys.outboxJobs(provider));
  }

  async deadLetters(provider: string, limit = MAX_DEAD_LETTERS): Promise<DeadLetter[]> {
    const raw = await this.redis.lrange(this.keys.outboxDead(provider), 0, limit - 1);
    return raw.map((l) => JSON.parse(l) as DeadLetter);
  }
}
