/** `pasapas purge [--dry-run]` with the server's REDIS_URL and STATE_TTL_DAYS (see src/privacy/purge.ts). */
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { createRedis } from '../storage/redis';
import { purge } from './purge';

export async function runPurgeCli(args: string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream; env?: Record<string, string | undefined> }): Promise<number> {
  const cfg = loadConfig(io.env);
  if (!cfg.ok) {
    io.err.write(`configuration errors:\n${cfg.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return 2;
  }
  if (!cfg.config.redis) {
    io.err.write('purge needs REDIS_URL: without it, everything lives in the server process and ends with it.\n');
    return 2;
  }
  const redis = createRedis(cfg.config.redis, createLogger('silent'));
  await redis.connect();
  try {
    const dryRun = args.includes('--dry-run');
    const r = await purge(redis, cfg.config.redis.keyPrefix, cfg.config.stateTtlSeconds, Date.now(), dryRun);
    io.out.write(`${dryRun ? 'dry run: nothing changed\n' : ''}${JSON.stringify(r, null, 2)}\n`);
    return 0;
  } finally {
    redis.disconnect();
  }
}
