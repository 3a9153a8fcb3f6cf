/**
 * STOP records written under older key layouts (before hash tags; by the version before keyed ids; kept by
 * `pasapas migrate-contacts` for a citizen it could not tie to an address). The current layout never writes
 * them, so once a citizen's turn has found none, their next turns need not look again: a citizen found clean is
 * remembered for a while (by their keyed user id, never the address), which spares each turn under way two
 * hashes and a Redis command. A record found is carried over to the current layout by the contact store, after
 * which the citizen is clean too.
 */
import { LRUCache } from 'lru-cache';
import { isCluster, type RedisClient } from '../../storage/redis';
import type { Keyspace } from '../../storage/keyspace';
import type { ContactIds } from '../../privacy/contactIds';

/** How long a citizen found without an old STOP is not looked up again (the old layouts are no longer written). */
const CLEAN_FOR_MS = 10 * 60_000;
const MAX_CLEAN = 8192;

export class OldStops {
  private readonly clean = new LRUCache<string, true>({ max: MAX_CLEAN, ttl: CLEAN_FOR_MS, ttlAutopurge: false });

  constructor(
    private readonly redis: RedisClient,
    private readonly ks: Keyspace,
    private readonly ids: ContactIds,
  ) {}

  /** Where a STOP of this citizen may still be under an older layout; none when they were found clean lately. */
  keys(channel: string, address: string, userId: string): string[] {
    if (this.ids.isLegacy || this.clean.has(`${channel}\u0000${userId}`)) return [];
    const oldKey = this.ids.legacyOfLegacy(channel, address);
    return [this.ks.contactStopUntagged(this.ids.addressKey(channel, userId)), this.ks.contactStopUntagged(oldKey), this.ks.contactStopUntagged(this.ids.orphan(channel, oldKey))];
  }

  /**
   * PTTL of each old STOP key (-2: absent). They are in other cluster slots than the citizen's: one PTTL each on a
   * cluster. On one server, one EXISTS over them (sent with the turn's script): they are almost always absent, and
   * only when one is there are the PTTLs asked.
   */
  async ttls(keys: string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    if (!isCluster(this.redis) && (await this.redis.exists(...keys)) === 0) return keys.map(() => -2);
    return Promise.all(keys.map((key) => this.redis.pttl(key)));
  }

  /** This citizen has no old STOP left (none found, or carried over): not looked up again for a while. */
  cleared(channel: string, userId: string): void {
    this.clean.set(`${channel}\u0000${userId}`, true);
  }
}
