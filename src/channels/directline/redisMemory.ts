/**
 * How full Redis is (INFO memory: used_memory against maxmemory; on a cluster, the fullest master).
 * Photos are the only large values Pas à pas writes: above REDIS_MEMORY_WARN_PERCENT of maxmemory the
 * web chat refuses new photos, so what is left stays for the queues and conversations (with
 * `noeviction`, a full Redis refuses every write, in every territory). A line is logged when the
 * threshold is crossed (either way) and at startup; /readyz reports it (still 200: the service works).
 */
import type { Logger } from 'pino';
import { isCluster, type RedisClient } from '../../storage/redis';

export interface MemoryReading {
  usedBytes: number;
  /** 0: no maxmemory set (Redis grows until the machine runs out). */
  maxBytes: number;
  /** usedBytes / maxBytes (0 without maxmemory). */
  ratio: number;
}

/** How long a reading is reused: INFO is cheap but not worth a round trip per photo. */
const FRESH_MS = 10_000;

function field(info: string, name: string): number {
  const m = new RegExp(`^${name}:(\\d+)`, 'm').exec(info);
  return m ? Number(m[1]) : 0;
}

export class RedisMemoryWatch {
  private last: { at: number; reading: MemoryReading } | undefined;
  private over = false;

  constructor(
    private readonly redis: RedisClient,
    /** Share of maxmemory (0–1) above which photos are refused; 0 = never. */
    private readonly threshold: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Read INFO memory now (every master of a cluster: the fullest counts). */
  async read(): Promise<MemoryReading> {
    const nodes = isCluster(this.redis) ? this.redis.nodes('master') : [this.redis];
    let worst: MemoryReading = { usedBytes: 0, maxBytes: 0, ratio: 0 };
    for (const node of nodes) {
      const info = await node.info('memory');
      const usedBytes = field(info, 'used_memory');
      const maxBytes = field(info, 'maxmemory');
      const ratio = maxBytes > 0 ? usedBytes / maxBytes : 0;
      if (ratio > worst.ratio || (worst.ratio === 0 && usedBytes > worst.usedBytes)) worst = { usedBytes, maxBytes, ratio };
    }
    this.last = { at: this.now(), reading: worst };
    this.notice(worst);
    return worst;
  }

  /** A reading at most 10 s old. */
  async current(): Promise<MemoryReading> {
    if (this.last && this.now() - this.last.at < FRESH_MS) return this.last.reading;
    return this.read();
  }

  /** Above the threshold: photos are refused. A failed reading is not "full" (the photo's own write will tell). */
  async full(): Promise<boolean> {
    if (this.threshold <= 0) return false;
    try {
      return (await this.current()).ratio >= this.threshold;
    } catch (err) {
      this.logger.warn({ err }, 'redis memory unknown (INFO memory failed)');
      return false;
    }
  }

  /** What /readyz reports: a sentence per problem (none when all is well). */
  async warnings(): Promise<string[]> {
    if (this.threshold <= 0) return [];
    const r = await this.current();
    return r.ratio >= this.threshold ? [this.describe(r)] : [];
  }

  private describe(r: MemoryReading): string {
    return (
      `redis memory at ${Math.round(r.ratio * 100)} % of maxmemory (${Math.round(r.usedBytes / 1048576)} of ${Math.round(r.maxBytes / 1048576)} MB; ` +
      `warning above ${Math.round(this.threshold * 100)} %): web chat photos are refused until it goes down`
    );
  }

  private notice(r: MemoryReading): void {
    if (this.threshold <= 0) return;
    const over = r.ratio >= this.threshold;
    if (over && !this.over) this.logger.warn({ usedBytes: r.usedBytes, maxBytes: r.maxBytes }, this.describe(r));
    if (!over && this.over) this.logger.info({ usedBytes: r.usedBytes, maxBytes: r.maxBytes }, 'redis memory back under the warning threshold: web chat photos accepted again');
    this.over = over;
  }
}
