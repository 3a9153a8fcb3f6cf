/**
 * The sending side of one provider's outbox: at most `perSecond` SMS a second (per instance, on the app's
 * clock), attempts in order of due time, a failed attempt back in the outbox after 2, 4, 8… × `backoffMs`
 * when retrying can help (network, 429, 5xx), a dead letter otherwise or after `maxAttempts`.
 * `flush()` sends what is due now within the rate (called right after a reply is queued, and every second).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ProviderError } from '../webhook/provider';
import type { OutboxJob, OutboxStore } from './store';

export interface OutboxSettings {
  perSecond: number;
  maxAttempts: number;
  backoffMs: number;
}

export interface OutboxWorkerDeps extends OutboxSettings {
  provider: string;
  store: OutboxStore;
  send(job: OutboxJob): Promise<void>;
  now(): number;
  logger: Logger;
  /** How long a taken job is reserved for this instance (another takes it after, if we died). */
  leaseMs?: number;
}

const TICK_MS = 1000;

/** Retrying helps for a network error, 429 and 5xx; not for a refusal (bad number, signature, no credit). */
function retryable(err: unknown): boolean {
  if (!(err instanceof ProviderError)) return true;
  return err.status === 0 || err.status === 429 || err.status >= 500;
}

function reasonOf(err: unknown): string {
  return err instanceof ProviderError ? `HTTP ${err.status}${err.detail ? ` ${err.detail}` : ''}` : 'error';
}

export class OutboxWorker {
  private window = { start: -Infinity, used: 0 };
  private running: Promise<number> = Promise.resolve(0);
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(private readonly deps: OutboxWorkerDeps) {}

  get provider(): string {
    return this.deps.provider;
  }

  /** Queue texts (in order) and try to send them now. */
  async enqueue(jobs: Array<Omit<OutboxJob, 'id' | 'attempts'>>): Promise<void> {
    const now = this.deps.now();
    for (const job of jobs) {
      // Time-sortable ids: jobs due at the same time leave in the order they were queued.
      const id = `${now.toString(36).padStart(10, '0')}${(this.seq++ % 1e6).toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
      await this.deps.store.put(this.deps.provider, { ...job, id, attempts: 0 }, now);
    }
    await this.flush();
  }

  /** Send what is due within the rate; one flush at a time per instance. Returns how many were sent. */
  flush(): Promise<number> {
    this.running = this.running.then(() => this.flushOnce()).catch((err: unknown) => {
      this.deps.logger.error({ err, provider: this.deps.provider }, 'outbox flush failed');
      return 0;
    });
    return this.running;
  }

  private async flushOnce(): Promise<number> {
    const now = this.deps.now();
    if (now - this.window.start >= 1000 || now < this.window.start) this.window = { start: now, used: 0 };
    const room = this.deps.perSecond - this.window.used;
    if (room <= 0) return 0;
    const jobs = await this.deps.store.take(this.deps.provider, now, this.deps.leaseMs ?? 30_000, room);
    let sent = 0;
    // A citizen reads their SMS in the order they were written: once one is put back for a retry, the ones after
    // it to the same number wait with it (the step's question never arrives before the step).
    const waitingFor = new Map<string, number>();
    for (const job of jobs) {
      const due = waitingFor.get(job.to);
      if (due !== undefined) {
        await this.deps.store.put(this.deps.provider, job, due);
        continue;
      }
      this.window.used += 1;
      try {
        await this.deps.send(job);
        await this.deps.store.done(this.deps.provider, job.id);
        sent += 1;
      } catch (err) {
        const retryAt = await this.failed(job, err);
        if (retryAt !== undefined) waitingFor.set(job.to, retryAt);
      }
    }
    return sent;
  }

  /** Back in the outbox (returns when it is due again) or to the dead letters (undefined). */
  private async failed(job: OutboxJob, err: unknown): Promise<number | undefined> {
    const attempts = job.attempts + 1;
    const log = { provider: this.deps.provider, job: job.id, territory: job.territory, attempts, reason: reasonOf(err) };
    if (retryable(err) && attempts < this.deps.maxAttempts) {
      const due = this.deps.now() + this.deps.backoffMs * 2 ** (attempts - 1);
      this.deps.logger.warn({ ...log, due }, 'SMS not sent; retrying later');
      await this.deps.store.put(this.deps.provider, { ...job, attempts }, due);
      return due;
    }
    this.deps.logger.error(log, 'SMS not sent; moved to the dead letters');
    await this.deps.store.dead(this.deps.provider, job.id, { id: job.id, territory: job.territory, attempts, reason: reasonOf(err), at: this.deps.now() });
    return undefined;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.flush().catch(() => undefined);
    }, TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }
}
