/**
 * createStores (src/stores.ts), the one place that chooses between Redis and the embedded stores: without
 * REDIS_URL everything is in the process (a bare machine runs `npm start`); with it, every store is on Redis
 * and every Lua script is defined on the client at startup.
 */
import pino from 'pino';
import { createStores } from '../src/stores';
import { ContactIds } from '../src/privacy/contactIds';
import { SCRIPTS } from '../src/storage/scripts';
import { MemoryHandoffQueue } from '../src/handoff/memoryQueue';
import { RedisHandoffQueue } from '../src/handoff/redisQueue';
import { MemoryStateStore } from '../src/storage/memoryStore';
import { RedisStateStore } from '../src/storage/redisStore';
import { MemoryRateLimiter, RedisRateLimiter } from '../src/storage/rateLimiter';
import { testConfig, TEST_CONTACT_HASH_SECRET } from './helpers/app';
import { REDIS_TEST_URL, connectRedis, deletePrefix, randomPrefix } from './helpers/redis';

const options = { logger: pino({ level: 'silent' }), retentionSeconds: () => 86_400, contactIds: ContactIds.keyed(TEST_CONTACT_HASH_SECRET) };

test('without REDIS_URL: every store is embedded, and works', async () => {
  const stores = await createStores(testConfig(), options);
  expect(stores.redis).toBeNull();
  expect(stores.queue).toBeInstanceOf(MemoryHandoffQueue);
  expect(stores.state).toBeInstanceOf(MemoryStateStore);
  expect(stores.limiter).toBeInstanceOf(MemoryRateLimiter);
  expect(stores.memoryWatch).toBeUndefined();
  const m = await stores.mediators.add({ territory: 'demo', username: 'zoe', name: 'Zoé', password: 'a-long-password-123' });
  const { token } = await stores.sessions.create(m, Date.now());
  expect(await stores.sessions.peek(token, Date.now())).toBeDefined();
  // Removing the account ends its sessions (the two stores are wired together).
  expect(await stores.mediators.remove('demo', 'zoe')).toBe(true);
  expect(await stores.sessions.peek(token, Date.now())).toBeUndefined();
});

describe('with REDIS_URL', () => {
  const prefix = randomPrefix();
  afterAll(async () => {
    const admin = await connectRedis();
    await deletePrefix(admin, prefix);
    admin.disconnect();
  });

  it('every store is on Redis and every script is defined on the client', async () => {
    const stores = await createStores(testConfig({ REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix }), options);
    try {
      expect(stores.queue).toBeInstanceOf(RedisHandoffQueue);
      expect(stores.state).toBeInstanceOf(RedisStateStore);
      expect(stores.limiter).toBeInstanceOf(RedisRateLimiter);
      for (const name of Object.keys(SCRIPTS)) expect([name, `pasapas_${name}` in stores.redis!]).toEqual([name, true]);
      const { record } = await stores.queue.request({ territory: 'demo', citizenKey: 'c'.repeat(32), reference: {}, channel: 'directline', locale: 'fr', reason: 'test' } as never);
      expect(record.state).toBe('waiting');
    } finally {
      await stores.stats.close?.();
      await stores.activityLog.close();
      await stores.redis!.quit();
    }
  });
});
