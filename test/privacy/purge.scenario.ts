/**
 * `pasapas purge`: personal data that lost its expiry gets the retention period; old events go; accounts and reminders
 * stay. On one Redis server (purge.test.ts) and on a Redis Cluster, where every master is scanned (test/cluster/privacy.test.ts).
 */
import { purge } from '../../src/privacy/purge';
import type { RedisClient } from '../../src/storage/redis';
import { deletePrefix, randomPrefix, type Connect } from '../helpers/redis';

export const purgeScenario = (label: string, connect: Connect): void =>
describe(`purge on ${label}`, () => {
  let redis: RedisClient;
  let prefix: string;
  beforeEach(async () => {
    redis = await connect();
    prefix = randomPrefix();
    const now = Date.now();
    await redis.hset(`${prefix}state:sms/conversations/abc`, 'v', '{}');
    await redis.set(`${prefix}contact:seen:sms:xyz`, '{"address":"+33612345678"}');
    await redis.hset(`${prefix}ho:{demo}:h:123`, 'data', '{}');
    await redis.rpush(`${prefix}dl:{conv1}:acts`, '{}');
    await redis.set(`${prefix}dedup:sms:aaa`, '1', 'EX', 100);
    await redis.hset(`${prefix}stats:{demo}:c:2026-11-27`, 'handoff:requested', '1');
    await redis.hset(`${prefix}med:{demo}:acct:zoe`, 'name', 'Zoé');
    await redis.zadd(`${prefix}rem:{rem}:due`, now + 1000, 'r1');
    await redis.set(`${prefix}mystery`, '1');
    await redis.xadd(`${prefix}ho:{demo}:events`, `${now - 40 * 86_400_000}-0`, 'type', 'old');
    await redis.xadd(`${prefix}ho:{demo}:events`, `${now - 1000}-0`, 'type', 'recent');
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('a dry run reports and changes nothing', async () => {
    const r = await purge(redis, prefix, 30 * 86_400, Date.now(), true);
    expect(r.expirySet).toEqual({ 'conversation state': 1, 'messaging contacts': 1, 'handoff records': 1, 'web chat': 1, statistics: 1 });
    expect(r.streamEntriesTrimmed).toBe(1);
    expect(r.unknown).toEqual(['mystery']);
    expect(await redis.ttl(`${prefix}state:sms/conversations/abc`)).toBe(-1);
    expect(await redis.xlen(`${prefix}ho:{demo}:events`)).toBe(2);
  });

  it('gives the retention period to personal data, trims old events, keeps accounts and reminders', async () => {
    const r = await purge(redis, prefix, 30 * 86_400, Date.now(), false);
    expect(r.kept).toBe(2);
    for (const key of ['state:sms/conversations/abc', 'contact:seen:sms:xyz', 'ho:{demo}:h:123', 'dl:{conv1}:acts']) {
      const ttl = await redis.ttl(`${prefix}${key}`);
      expect(ttl).toBeGreaterThan(29 * 86_400);
      expect(ttl).toBeLessThanOrEqual(30 * 86_400);
    }
    expect(await redis.ttl(`${prefix}stats:{demo}:c:2026-11-27`)).toBeGreaterThan(700 * 86_400);
    expect(await redis.ttl(`${prefix}dedup:sms:aaa`)).toBeLessThanOrEqual(100);
    expect(await redis.ttl(`${prefix}med:{demo}:acct:zoe`)).toBe(-1);
    expect(await redis.ttl(`${prefix}mystery`)).toBe(-1);
    expect((await redis.xrange(`${prefix}ho:{demo}:events`, '-', '+')).map(([, f]) => f[1])).toEqual(['recent']);
  });
});
