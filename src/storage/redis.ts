/** The ioredis client of the process (one per process, shared by every store). */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export function createRedis(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
  client.on('ready', () => logger.info('redis ready'));
  return client;
}
