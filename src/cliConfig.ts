/**
 * What every maintenance command (mediator accounts, reports, purge) does first: read the server's
 * configuration (every error listed, exit 2), insist on Redis (the embedded mode keeps everything in
 * the server process), and open one connection that is always closed.
 */
import { loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { createRedis, type RedisClient } from './storage/redis';

export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  env?: Record<string, string | undefined>;
}

/** The server's configuration with Redis, or undefined after saying why (the caller exits 2). */
export function redisConfig(io: CliIo, withoutRedis: string): (Config & { redis: NonNullable<Config['redis']> }) | undefined {
  const cfg = loadConfig(io.env);
  if (!cfg.ok) {
    io.err.write(`configuration errors:\n${cfg.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return undefined;
  }
  if (!cfg.config.redis) {
    io.err.write(`${withoutRedis}\n`);
    return undefined;
  }
  return cfg.config as Config & { redis: NonNullable<Config['redis']> };
}

/** Run `work` with a connected client, closed afterwards whatever happens. */
export async function withRedis<T>(config: Config & { redis: NonNullable<Config['redis']> }, work: (redis: RedisClient) => Promise<T>): Promise<T> {
  const redis = createRedis(config.redis, createLogger('silent'));
  await redis.connect();
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}
