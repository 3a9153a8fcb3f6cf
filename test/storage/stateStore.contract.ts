/**
 * One contract, every implementation of StateStore: the in-memory store of the embedded default,
 * the Redis store against a real server, and (`npm run test:cluster`) against a Redis Cluster
 * (random key prefix per test, cleaned up). Run by stateStore.contract.test.ts and
 * test/cluster/contracts.test.ts.
 */
import { MemoryStateStore } from '../../src/storage/memoryStore';
import { RedisStateStore } from '../../src/storage/redisStore';
import { EtagConflictError, type StateStore } from '../../src/storage/stateStore';
import { createLogger } from '../../src/logger';
import type { RedisClient } from '../../src/storage/redis';
import { deletePrefix, keysWithPrefix, randomPrefix, type Connect } from '../helpers/redis';

interface Harness {
  store: StateStore;
  /** Let `seconds` pass (real time for Redis, a fake clock for memory). */
  elapse(seconds: number): Promise<void>;
  cleanup(): Promise<void>;
}
export type Implementation = [string, () => Promise<Harness>];

const TTL = 2;

export const memoryStateStore: Implementation = [
  'memory',
  async () => {
    let now = 1_000_000;
    const store = new MemoryStateStore(TTL, () => now);
    return {
      store,
      elapse: async (s) => {
        now += s * 1000;
      },
      cleanup: async () => undefined,
    };
  },
];

export function redisStateStore(name: string, connect: Connect): Implementation {
  return [
    name,
    async () => {
      const redis = await connect();
      const prefix = randomPrefix();
      const store = new RedisStateStore(redis, prefix, TTL, createLogger('silent'));
      return {
        store,
        elapse: (s) => new Promise((r) => setTimeout(r, s * 1000 + 150)),
        cleanup: async () => {
          await deletePrefix(redis, prefix);
          redis.disconnect();
        },
      };
    },
  ];
}

export const stateStoreContract = (implementations: Implementation[]): void =>
describe.each(implementations)('StateStore contract: %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  test('reads back what was written, with an eTag', async () => {
    await h.store.write({ a: { step: 'ouvrir', n: 2, nested: { fr: 'é' } } });
    const items = await h.store.read(['a', 'missing']);
    expect(items.a).toMatchObject({ step: 'ouvrir', n: 2, nested: { fr: 'é' } });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  test('a write with the current eTag succeeds and changes the eTag', async () => {
    await h.store.write({ a: { v: 1 } });
    const first = (await h.store.read(['a'])).a;
    await h.store.write({ a: { ...first, v: 2 } });
    const second = (await h.store.read(['a'])).a;
    expect(second.v).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  test('a stale write is rejected, not silently overwritten', async () => {
    await h.store.write({ a: { v: 1 } });
    const seenByA = (await h.store.read(['a'])).a;
    const seenByB = (await h.store.read(['a'])).a;
    await h.store.write({ a: { ...seenByA, v: 'A' } });
    await expect(h.store.write({ a: { ...seenByB, v: 'B' } })).rejects.toBeInstanceOf(EtagConflictError);
    expect((await h.store.read(['a'])).a.v).toBe('A');
  });

  test('eTag "*" and no eTag write unconditionally', async () => {
    await h.store.write({ a: { v: 1 } });
    await h.store.write({ a: { v: 2, eTag: '*' } });
    await h.store.write({ a: { v: 3 } });
    expect((await h.store.read(['a'])).a.v).toBe(3);
  });

  test('delete removes items', async () => {
    await h.store.write({ a: { v: 1 }, b: { v: 2 } });
    await h.store.delete(['a']);
    const items = await h.store.read(['a', 'b']);
    expect(items.a).toBeUndefined();
    expect(items.b.v).toBe(2);
  });

  test('the log: lines appended with writes, the last ones kept, never read with the item, erased and expired with it', async () => {
    expect(await h.store.readLog('a')).toEqual([]);
    await h.store.write({ a: { v: 1 } }, { log: { lines: ['{"n":1}', '{"n":2}'], keep: 3 } });
    await h.store.write({ a: { v: 2 } }); // a write without lines keeps the log
    expect(await h.store.readLog('a')).toEqual(['{"n":1}', '{"n":2}']);
    await h.store.write({ a: { v: 3 } }, { log: { lines: ['{"n":3}', 'é «x»'], keep: 3 } });
    expect(await h.store.readLog('a')).toEqual(['{"n":2}', '{"n":3}', 'é «x»']);
    const item = (await h.store.read(['a'])).a;
    expect(item).toEqual({ v: 3, eTag: item.eTag });
    // A stale write adds nothing to the log.
    await h.store.write({ a: { ...item, v: 4 } });
    await expect(h.store.write({ a: { ...item, v: 5 } }, { log: { lines: ['{"n":5}'], keep: 3 } })).rejects.toBeInstanceOf(EtagConflictError);
    expect(await h.store.readLog('a')).toEqual(['{"n":2}', '{"n":3}', 'é «x»']);
    // A line is one line.
    await expect(h.store.write({ a: { v: 6 } }, { log: { lines: ['two\nlines'], keep: 3 } })).rejects.toThrow(/without a newline/);
    await h.store.delete(['a']);
    expect(await h.store.readLog('a')).toEqual([]);
    await h.store.write({ b: { v: 1 } }, { log: { lines: ['x'], keep: 3 } });
    await h.elapse(TTL + 0.5);
    expect(await h.store.readLog('b')).toEqual([]);
  });

  test('items expire after the retention TTL, which every write refreshes', async () => {
    await h.store.write({ a: { v: 1 } });
    expect(await h.store.ttlSeconds('a')).toBeGreaterThan(0);
    expect(await h.store.ttlSeconds('a')).toBeLessThanOrEqual(TTL);
    await h.elapse(1);
    const item = (await h.store.read(['a'])).a;
    await h.store.write({ a: { ...item, v: 2 } }); // refreshes the TTL
    await h.elapse(1.2);
    expect((await h.store.read(['a'])).a?.v).toBe(2);
    await h.elapse(TTL);
    expect((await h.store.read(['a'])).a).toBeUndefined();
    expect(await h.store.ttlSeconds('a')).toBeUndefined();
  });
});

/** What only the Redis store promises (key names, corrupted values, racing writers). */
export const redisStateStoreDetails = (label: string, connect: Connect): void =>
describe(`RedisStateStore on ${label}`, () => {
  let redis: RedisClient;
  let prefix: string;
  beforeEach(async () => {
    redis = await connect();
    prefix = randomPrefix();
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  test('keys carry the configured prefix', async () => {
    const store = new RedisStateStore(redis, prefix, 60, createLogger('silent'));
    await store.write({ 'sms/conversations/x': { v: 1 } });
    expect(await keysWithPrefix(redis, prefix)).toEqual([`${prefix}state:sms/conversations/x`]);
  });

  test('corrupted JSON or a foreign key type reads as absent, and the next write repairs it', async () => {
    const store = new RedisStateStore(redis, prefix, 60, createLogger('silent'));
    await redis.hset(`${prefix}state:bad`, 'e', '1', 'v', '{not json');
    await redis.set(`${prefix}state:string`, 'garbage');
    expect(await store.read(['bad', 'string'])).toEqual({});
    await store.write({ bad: { v: 1 }, string: { v: 2 } });
    const items = await store.read(['bad', 'string']);
    expect(items.bad.v).toBe(1);
    expect(items.string.v).toBe(2);
  });

  test('concurrent writers with the same eTag: exactly one wins', async () => {
    const store = new RedisStateStore(redis, prefix, 60, createLogger('silent'));
    await store.write({ k: { v: 0 } });
    const seen = (await store.read(['k'])).k;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.write({ k: { ...seen, v: i + 1 } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(19);
  });
});
