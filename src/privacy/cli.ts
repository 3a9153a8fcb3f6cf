/** `pasapas purge [--dry-run]` with the server's REDIS_URL and STATE_TTL_DAYS (see src/privacy/purge.ts). */
import { redisConfig, withRedis, type CliIo } from '../cliConfig';
import { purge } from './purge';

export async function runPurgeCli(args: string[], io: CliIo): Promise<number> {
  const config = redisConfig(io, 'purge needs REDIS_URL: without it, everything lives in the server process and ends with it.');
  if (!config) return 2;
  const dryRun = args.includes('--dry-run');
  const r = await withRedis(config, (redis) => purge(redis, config.redis.keyPrefix, config.stateTtlSeconds, Date.now(), dryRun));
  io.out.write(`${dryRun ? 'dry run: nothing changed\n' : ''}${JSON.stringify(r, null, 2)}\n`);
  return 0;
}
