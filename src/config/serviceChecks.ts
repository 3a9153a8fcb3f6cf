/**
 * The checks across the service's own variables (those of src/config/envSchema.ts) that one variable's schema
 * cannot make: which Redis, what production requires, the optional services that come as a whole set. Each
 * adds to the errors (startup refuses) and warnings (the startup log) `loadConfig` (src/config.ts) collects.
 */
import type { ServiceEnv } from './envSchema';
import { parseClusterNodes, parseSentinels, type RedisClusterTarget, type RedisSentinelTarget } from './redisTargets';

/** Redis (one server, Sentinel or a cluster) and what production requires; the Redis target found, if any. */
export function checkServiceEnv(
  e: ServiceEnv,
  production: boolean,
  errors: string[],
  warnings: string[],
): { cluster?: RedisClusterTarget; sentinel?: RedisSentinelTarget } {
  let cluster: RedisClusterTarget | undefined;
  if (e.REDIS_CLUSTER_NODES) {
    const c = parseClusterNodes(e.REDIS_CLUSTER_NODES);
    if (c.ok) cluster = c.cluster;
    else errors.push(`REDIS_CLUSTER_NODES: ${c.error}`);
    if (e.REDIS_URL) errors.push('REDIS_CLUSTER_NODES: set REDIS_URL (one server) or REDIS_CLUSTER_NODES (a cluster), not both');
  }
  let sentinel: RedisSentinelTarget | undefined;
  if (e.REDIS_SENTINELS) {
    if (e.REDIS_CLUSTER_NODES) errors.push('REDIS_SENTINELS: set REDIS_SENTINELS (a primary watched by Sentinel) or REDIS_CLUSTER_NODES (a cluster), not both');
    else if (!e.REDIS_URL) errors.push('REDIS_SENTINELS: also set REDIS_URL=redis://[:password@]<Sentinel group name>[/db] (its host is the group name)');
    else {
      const s = parseSentinels(e.REDIS_SENTINELS, e.REDIS_URL);
      if (s.ok) sentinel = s.sentinel;
      else errors.push(`REDIS_SENTINELS: ${s.error}`);
    }
  }
  if (production && !e.REDIS_URL && !e.REDIS_CLUSTER_NODES) {
    errors.push('REDIS_URL: required when NODE_ENV=production (the embedded in-memory mode loses data on restart); or REDIS_CLUSTER_NODES for a Redis Cluster');
  }
  if (production && !e.PUBLIC_BASE_URL) {
    errors.push('PUBLIC_BASE_URL: required when NODE_ENV=production (used for links and webhook signatures)');
  }
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    errors.push('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID');
  }
  if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_TENANT_ID) {
    errors.push('MICROSOFT_APP_TENANT_ID: required for a SingleTenant app');
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    errors.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (the whole request includes its headers)');
  }
  if (production && !e.CONTACT_HASH_SECRET) {
    errors.push('CONTACT_HASH_SECRET: required when NODE_ENV=production (the key of the hashes of citizens\' phone numbers, shared by every instance; see docs/privacy.md)');
  } else if (!e.CONTACT_HASH_SECRET && (e.REDIS_URL || e.REDIS_CLUSTER_NODES)) {
    warnings.push('CONTACT_HASH_SECRET is not set: a random key is used, so after a restart SMS, WhatsApp and Telegram citizens start new conversations (set it: 32 characters or more, the same on every instance)');
  }
  if (production && !e.DIRECTLINE_TOKEN_SECRET) {
    errors.push('DIRECTLINE_TOKEN_SECRET: required when NODE_ENV=production (shared by every instance)');
  }
  return { cluster, sentinel };
}

/** Speech-to-text and ProConnect: each all or none. */
export function checkOptionalServices(e: ServiceEnv, production: boolean, errors: string[], warnings: string[]): void {
  // Speech-to-text: all three or none (production refuses half of it; development leaves it off and says so).
  const stt = [e.STT_API_BASE_URL, e.STT_API_KEY, e.STT_MODEL];
  if (stt.some(Boolean) && !stt.every(Boolean)) {
    const missing = ['STT_API_BASE_URL', 'STT_API_KEY', 'STT_MODEL'].filter((_, i) => !stt[i]).join(', ');
    if (production) errors.push(`${missing}: required with the other STT_ variables (voice notes)`);
    else warnings.push(`${missing}: not set, voice notes stay off (the other STT_ variables are set)`);
  }
  // ProConnect: all four or none (production refuses half of it; development leaves it off and says so).
  const pcNames = ['PROCONNECT_ISSUER', 'PROCONNECT_CLIENT_ID', 'PROCONNECT_CLIENT_SECRET', 'PROCONNECT_REDIRECT_URL'] as const;
  const pc = [e.PROCONNECT_ISSUER, e.PROCONNECT_CLIENT_ID, e.PROCONNECT_CLIENT_SECRET, e.PROCONNECT_REDIRECT_URL];
  if (pc.some(Boolean) && !pc.every(Boolean)) {
    const missing = pcNames.filter((_, i) => !pc[i]).join(', ');
    if (production) errors.push(`${missing}: required with the other PROCONNECT_ variables (ProConnect sign-in)`);
    else warnings.push(`${missing}: not set, ProConnect sign-in stays off (the other PROCONNECT_ variables are set)`);
  }
}
