import { Writable } from 'node:stream';
import { checkMaxmemoryPolicy } from '../../src/storage/redis';
import { createLogger } from '../../src/logger';
import { connectRedis } from '../helpers/redis';

test('startup warns loudly unless Redis is set to noeviction', async () => {
  const redis = await connectRedis();
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write(c, _e, cb) { lines.push(String(c)); cb(); } }));
  const original = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
  try {
    await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    expect(await checkMaxmemoryPolicy(redis, logger)).toBe('allkeys-lru');
    expect(lines.join('')).toMatch(/maxmemory-policy is \\?"allkeys-lru\\?".*noeviction/);
    lines.length = 0;
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    expect(await checkMaxmemoryPolicy(redis, logger)).toBe('noeviction');
    expect(lines).toEqual([]);
  } finally {
    await redis.config('SET', 'maxmemory-policy', original);
    redis.disconnect();
  }
});
