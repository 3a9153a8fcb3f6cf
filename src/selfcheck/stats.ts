/**
 * Anonymous self-check statistics per territory and month, for the territory's inclusion
 * reporting: how many people did it, how many answered yes to each question, and where they were
 * oriented. Counters only: no identity, no individual answers.
 */
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';
import { SELF_CHECK_QUESTIONS, type Orientation, type SelfCheckAnswers } from './orientation';

export type SelfCheckCounts = Record<string, number>;

export interface SelfCheckStats {
  record(territory: string, at: number, answers: SelfCheckAnswers, orientation: Orientation): Promise<void>;
  /** Counters of one month ("2026-11"): count, <question>:yes, orientation:<level>. */
  month(territory: string, month: string): Promise<SelfCheckCounts>;
}

export function monthOf(at: number): string {
  const f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(at));
  return f.slice(0, 7);
}

function fields(answers: SelfCheckAnswers, orientation: Orientation): string[] {
  return ['count', ...SELF_CHECK_QUESTIONS.filter((q) => answers[q]).map((q) => `${q}:yes`), `orientation:${orientation}`];
}

/** Kept 25 months: a territory reports on a year and compares with the year before. */
const KEEP_SECONDS = 25 * 31 * 86_400;

export class RedisSelfCheckStats implements SelfCheckStats {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  private key(territory: string, month: string): string {
    return this.keys.selfCheckStats(territory, month);
  }

  async record(territory: string, at: number, answers: SelfCheckAnswers, orientation: Orientation): Promise<void> {
    const key = this.key(territory, monthOf(at));
    const tx = this.redis.multi();
    for (const f of fields(answers, orientation)) tx.hincrby(key, f, 1);
    await tx.expire(key, KEEP_SECONDS).exec();
  }

  async month(territory: string, month: string): Promise<SelfCheckCounts> {
    const h = await this.redis.hgetall(this.key(territory, month));
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Number(v)]));
  }
}

export class MemorySelfCheckStats implements SelfCheckStats {
  private readonly counts = new Map<string, SelfCheckCounts>();

  async record(territory: string, at: number, answers: SelfCheckAnswers, orientation: Orientation): Promise<void> {
    const key = `${territory}|${monthOf(at)}`;
    const c = this.counts.get(key) ?? {};
    for (const f of fields(answers, orientation)) c[f] = (c[f] ?? 0) + 1;
    this.counts.set(key, c);
  }

  async month(territory: string, month: string): Promise<SelfCheckCounts> {
    return { ...(this.counts.get(`${territory}|${month}`) ?? {}) };
  }
}
