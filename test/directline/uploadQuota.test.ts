/** The photo quota stores (memory and real Redis) keep the same contract: check, take, give back, reset. */
import type { Redis } from 'ioredis';
import { MemoryQuotaStore, QUOTA_WINDOW_MS, RedisQuotaStore, UploadQuotas, type QuotaStore } from '../../src/channels/directline/uploadQuota';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';

let redis: Redis;
const prefix = randomPrefix();
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const stores: Array<[string, () => QuotaStore]> = [
  ['memory', () => new MemoryQuotaStore()],
  ['redis', () => new RedisQuotaStore(redis, prefix)],
];

describe.each(stores)('%s quota store', (name, make) => {
  const now = Date.UTC(2026, 10, 27, 9);
  it('counts photos and bytes in a window, refuses beyond, gives back, resets', async () => {
    const store = make();
    const q = { count: 2, bytes: 1000 };
    const key = `conv:{${name}-1}`;
    expect(await store.check(key, q, now)).toBe(0);
    expect(await store.take(key, 600, q, now)).toBe(0);
    const tooBig = await store.take(key, 401, q, now); // 1001 bytes
    expect(tooBig).toBeGreaterThan(QUOTA_WINDOW_MS - 60_000);
    expect(tooBig).toBeLessThanOrEqual(QUOTA_WINDOW_MS);
    expect(await store.take(key, 400, q, now)).toBe(0); // 1000 bytes, 2 photos: full
    expect(await store.check(key, q, now)).toBeGreaterThan(0);
    await store.give(key, 400);
    expect(await store.check(key, q, now)).toBe(0);
    expect(await store.take(key, 300, q, now)).toBe(0);
    expect(await store.take(key, 1, q, now)).toBeGreaterThan(0); // third photo
    await store.reset(key);
    expect(await store.take(key, 1000, q, now)).toBe(0);
    // Giving back what was never taken creates nothing.
    await store.give(`conv:{${name}-never}`, 10);
    expect(await store.check(`conv:{${name}-never}`, { count: 1, bytes: 0 }, now)).toBe(0);
  });

  it('UploadQuotas counts a photo in every scope or in none', async () => {
    const quotas = new UploadQuotas(make(), { perConversation: { count: 5, bytes: 0 }, perIp: { count: 1, bytes: 0 }, perTerritoryBytes: 0 });
    const who = { conversationId: `${name}-c`, ip: '192.0.2.1', territory: 'demo' };
    const first = await quotas.take(who, 10, now);
    expect(first.ok).toBe(true);
    // The address is full: refused, and the conversation's count was given back.
    const second = await quotas.take({ ...who }, 10, now);
    expect(second).toMatchObject({ ok: false, scope: 'ip' });
    expect(await quotas.full({ ...who, ip: '192.0.2.2' }, now)).toBeNull();
    if (first.ok) await first.release();
    expect((await quotas.take(who, 10, now)).ok).toBe(true);
  });
});

it('a memory window ends after 24 hours', async () => {
  const store = new MemoryQuotaStore();
  const q = { count: 1, bytes: 0 };
  const t0 = Date.UTC(2026, 10, 27, 9);
  expect(await store.take('k', 1, q, t0)).toBe(0);
  expect(await store.take('k', 1, q, t0 + 3600_000)).toBe(QUOTA_WINDOW_MS - 3600_000);
  expect(await store.take('k', 1, q, t0 + QUOTA_WINDOW_MS)).toBe(0);
});
