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

/**
 * `pasapas migrate-contacts [--dry-run]` with the server's REDIS_URL and CONTACT_HASH_SECRET: the keys and records
 * written before contact ids were keyed move to the keyed ids (src/privacy/migrateContacts.ts).
 */
export async function runMigrateContactsCli(args: string[], io: CliIo): Promise<number> {
  const config = redisConfig(io, 'migrate-contacts needs REDIS_URL: without it, nothing outlives the server process.');
  if (!config) return 2;
  if (config.contactHash.ephemeral) {
    io.err.write('migrate-contacts needs CONTACT_HASH_SECRET, the same as the servers\': with a random one, nobody would be found again.\n');
    return 2;
  }
  const dryRun = args.includes('--dry-run');
  const { migrateContacts } = await import('./migrateContacts');
  const { ContactIds } = await import('./contactIds');
  const r = await withRedis(config, (redis) => migrateContacts(redis, config.redis.keyPrefix, ContactIds.keyed(config.contactHash.secret), dryRun));
  io.out.write(`${dryRun ? 'dry run: nothing changed\n' : ''}${JSON.stringify(r, null, 2)}\n`);
  return 0;
}
