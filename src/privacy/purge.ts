/**
 * `pasapas purge [--dry-run]`: the retention promise for whatever lost its expiry (a key written by an
 * old version, restored from a backup, or touched by hand). Every key under the prefix is classified by its
 * family in storage/keyspace.ts (the one declaration of the key layout and of each family's retention):
 * - personal data (conversation state, web chat, messaging contacts, dedup keys, handoff records,
 *   messages and citizen pointers, rate-limit counters) without a TTL gets the retention period;
 * - anonymous statistics without a TTL get their 25 months;
 * - event streams are trimmed to the retention period (handoff events) or 13 months (mediator audit);
 * - kept by design: mediator accounts, reminders (until cancelled), queues and presence sets.
 * Anything unknown is reported, never deleted.
 */
import { scanKeys, type RedisClient } from '../storage/redis';
import { FAMILIES, familyOf, type FamilyDecl } from '../storage/keyspace';

export interface PurgeReport {
  scanned: number;
  expirySet: Record<string, number>;
  streamEntriesTrimmed: number;
  kept: number;
  unknown: string[];
}

/** What purge does with a key of each family: storage/keyspace.ts says (its `retention`). */
export async function purge(redis: RedisClient, prefix: string, retentionSeconds: number, now: number, dryRun: boolean): Promise<PurgeReport> {
  const report: PurgeReport = { scanned: 0, expirySet: {}, streamEntriesTrimmed: 0, kept: 0, unknown: [] };
  // On a cluster, every master's keys.
  await scanKeys(redis, `${prefix}*`, 1000, async (keys) => {
    for (const key of keys) {
      report.scanned += 1;
      const name = key.slice(prefix.length);
      const family = familyOf(name);
      if (!family) {
        report.unknown.push(name);
        continue;
      }
      const f: FamilyDecl = FAMILIES[family];
      const retention = f.retention;
      if (retention.kind === 'trim') {
        const keepMs = retention.ms ?? retentionSeconds * 1000;
        const minId = `${Math.max(0, now - keepMs)}-0`;
        if (dryRun) report.streamEntriesTrimmed += (await redis.xrange(key, '-', `(${minId}`)).length;
        else report.streamEntriesTrimmed += await redis.xtrim(key, 'MINID', minId);
        continue;
      }
      if (retention.kind === 'kept' || retention.kind === 'channel') {
        report.kept += 1;
        continue;
      }
      if ((await redis.ttl(key)) !== -1) continue;
      report.expirySet[f.category] = (report.expirySet[f.category] ?? 0) + 1;
      if (!dryRun) await redis.expire(key, retention.kind === 'fixed' ? retention.seconds : retentionSeconds);
    }
  });
  return report;
}
