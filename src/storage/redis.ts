/** The ioredis client of the process (one per process, shared by every store). */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export function createRedis(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableAutoPipelining: true,
    // While Redis is away, commands wait in the offline queue and ioredis fails them every
    // maxRetriesPerRequest + 1 failed reconnection attempts. Failing them at each attempt, with an attempt
    // at most every 500 ms, a command fails within 0.5 s (a turn answers 503 within about 1.5 s: it also
    // tries its recovery writes) and Redis back is seen within 0.5 s (docs/reliability.md). With 2 retries
    // and a back-off up to 2 s, requests waited up to 6 s during an outage.
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 500),
  });
  client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
  client.on('ready', () => logger.info('redis ready'));
  return client;
}

/**
 * The handoff queue and the conversations must never be evicted: warn loudly unless Redis runs
 * with maxmemory-policy noeviction. Returns the policy (undefined when CONFIG is not allowed).
 */
export async function checkMaxmemoryPolicy(client: Redis, logger: Logger): Promise<string | undefined> {
  try {
    const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy !== 'noeviction') {
      logger.warn(
        { policy },
        `REDIS maxmemory-policy is "${policy}": under memory pressure Redis may DELETE waiting handoffs and conversations. Set maxmemory-policy noeviction (see docs/handoff.md).`,
      );
    }
    return policy;
  } catch {
    logger.warn('could not read Redis maxmemory-policy (CONFIG disabled?): make sure it is noeviction');
    return undefined;
  }
}
