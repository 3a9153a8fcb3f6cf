/**
 * Real Redis for tests: a random key prefix per test, cleaned up after. Redis must answer:
 * these tests fail (never skip) when it does not.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

export function randomPrefix(): string {
  return `test:${randomBytes(6).toString('hex')}:`;
}

export async function connectRedis(): Promise<Redis> {
  const client = new Redis(REDIS_TEST_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new Error(
      `Redis does not answer at ${REDIS_TEST_URL} (${(err as Error).message}). ` +
        'Start it (redis-server) or set REDIS_TEST_URL: Redis tests never skip.',
    );
  }
  return client;
}

export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}

export async function keysWithPrefix(client: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    out.push(...keys);
  } while (cursor !== '0');
  return out;
}
