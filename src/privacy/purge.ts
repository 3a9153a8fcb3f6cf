/**
 * `pasapas purge [--dry-run]`: the retention promise for whatever lost its expiry (a key written by an
 * old version, restored from a backup, or touched by hand). Every key under the prefix is classified:
 * - personal data (conversation state, web chat, messaging contacts, dedup keys, handoff records,
 *   messages and citizen pointers, rate-limit counters) without a TTL gets the retention period;
 * - anonymous statistics without a TTL get their 25 months;
 * - event streams are trimmed to the retention period (handoff events) or 13 months (mediator audit);
 * - kept by design: mediator accounts, reminders (until cancelled), queues and presence sets.
 * Anything unknown is reported, never deleted.
 */
import { scanKeys, type RedisClient } from '../storage/redis';

export interface PurgeReport {
  scanned: number;
  expirySet: Record<string, number>;
  streamEntriesTrimmed: number;
  kept: number;
  unknown: string[];
}

const PERSONAL: Array<[string, RegExp]> = [
  ['conversation state', /^state:/],
  ['web chat', /^dl:\{[^}]+\}:/],
  ['messaging contacts', /^contact:/],
  ['dedup keys', /^dedup:/],
  ['handoff records', /^ho:\{[^}]+\}:(h|m|citizen):/],
  ['rate limits', /^rl:/],
  ['mediator sessions', /^med:session:/],
];
const STATS = /^stats:/;
const KEPT = /^(med:\{[^}]+\}:(acct:|accts$)|rem:\{rem\}:|ho:\{[^}]+\}:(queue|leases|callbacks|duty|seq|waits)$)/;
const HANDOFF_EVENTS = /^ho:\{[^}]+\}:events$/;
const AUDIT = /^med:\{[^}]+\}:audit$/;

const STATS_SECONDS = 25 * 31 * 86_400;
const AUDIT_MS = 13 * 31 * 86_400_000;

export async function purge(redis: RedisClient, prefix: string, retentionSeconds: number, now: number, dryRun: boolean): Promise<PurgeReport> {
  const report: PurgeReport = { scanned: 0, expirySet: {}, streamEntriesTrimmed: 0, kept: 0, unknown: [] };
  // On a cluster, every master's keys.
  await scanKeys(redis, `${prefix}*`, 1000, async (keys) => {
    for (const key of keys) {
      report.scanned += 1;
      const name = key.slice(prefix.length);
      if (HANDOFF_EVENTS.test(name) || AUDIT.test(name)) {
        const keepMs = HANDOFF_EVENTS.test(name) ? retentionSeconds * 1000 : AUDIT_MS;
        const minId = `${Math.max(0, now - keepMs)}-0`;
        if (dryRun) report.streamEntriesTrimmed += (await redis.xrange(key, '-', `(${minId}`)).length;
        else report.streamEntriesTrimmed += await redis.xtrim(key, 'MINID', minId);
        continue;
      }
      if (KEPT.test(name)) {
        report.kept += 1;
        continue;
      }
      const category = PERSONAL.find(([, re]) => re.test(name))?.[0] ?? (STATS.test(name) ? 'statistics' : undefined);
      if (!category) {
        report.unknown.push(name);
        continue;
      }
      if ((await redis.ttl(key)) !== -1) continue;
      report.expirySet[category] = (report.expirySet[category] ?? 0) + 1;
      if (!dryRun) await redis.expire(key, category === 'statistics' ? STATS_SECONDS : retentionSeconds);
    }
  });
  return report;
}
