/**
 * Where Redis is, as the environment says it (REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES): the targets'
 * types and the parsing of the multi-node variables. Pure: src/config.ts reads the environment and calls these.
 */

/** A Redis Cluster: seed nodes (the client discovers the others) and what every node connection uses. */
export interface RedisClusterTarget {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
  tls: boolean;
}
/**
 * A primary and its replicas watched by Sentinel: the client asks the sentinels where the primary is
 * and follows failovers. `name` is Sentinel's name of the group (REDIS_URL's host, as redis-rb does).
 */
export interface RedisSentinelTarget {
  sentinels: Array<{ host: string; port: number }>;
  /** The sentinels' own AUTH and TLS (from the REDIS_SENTINELS entries). */
  sentinelAuth: { username?: string; password?: string; tls: boolean };
  name: string;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
}

/** One Redis server (REDIS_URL), a primary found through Sentinel (REDIS_SENTINELS + REDIS_URL), or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisTarget =
  | { url: string; cluster?: undefined; sentinel?: undefined }
  | { url?: undefined; cluster: RedisClusterTarget; sentinel?: undefined }
  | { url?: undefined; cluster?: undefined; sentinel: RedisSentinelTarget };

/**
 * REDIS_SENTINELS (`host:port` or `redis[s]://[user:password@]host:port` entries, the sentinels' own
 * credentials) with REDIS_URL `redis[s]://[user:password@]<group name>[/db]` for the primary.
 */
export function parseSentinels(sentinels: string, url: string): { ok: true; sentinel: RedisSentinelTarget } | { ok: false; error: string } {
  const s = parseClusterNodes(sentinels);
  if (!s.ok) return { ok: false, error: s.error.replace('a cluster has only database 0', 'a sentinel has no database') };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, error: 'REDIS_URL must be redis[s]://[user:password@]<Sentinel group name>[/db]' };
  }
  const db = u.pathname === '' || u.pathname === '/' ? 0 : Number(u.pathname.slice(1));
  if (!u.hostname || u.port || !Number.isInteger(db) || db < 0) {
    return { ok: false, error: 'with REDIS_SENTINELS, REDIS_URL names the Sentinel group instead of a host: redis[s]://[user:password@]<group name>[/db], no port' };
  }
  const { nodes, ...sentinelAuth } = s.cluster;
  return {
    ok: true,
    sentinel: {
      sentinels: nodes,
      sentinelAuth,
      name: decodeURIComponent(u.hostname),
      db,
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      tls: u.protocol === 'rediss:',
    },
  };
}

/**
 * REDIS_CLUSTER_NODES: comma-separated seed nodes, each `host:port` or `redis[s]://[user:password@]host:port`.
 * Every entry must use the same scheme and credentials (they are the cluster's, not a node's).
 */
export function parseClusterNodes(value: string): { ok: true; cluster: RedisClusterTarget } | { ok: false; error: string } {
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return { ok: false, error: 'at least one host:port' };
  const nodes: RedisClusterTarget['nodes'] = [];
  const auth = new Set<string>();
  let first: { username?: string; password?: string; tls: boolean } | undefined;
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `redis://${entry}`);
    } catch {
      return { ok: false, error: `"${entry}" is not host:port nor a redis:// URL` };
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return { ok: false, error: `"${entry}": redis:// or rediss:// only` };
    const port = Number(url.port || '6379');
    if (!url.hostname || !Number.isInteger(port) || port < 1 || port > 65535 || (url.pathname !== '' && url.pathname !== '/')) {
      return { ok: false, error: `"${entry}" is not host:port (no database number: a cluster has only database 0)` };
    }
    const these = {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      tls: url.protocol === 'rediss:',
    };
    first ??= these;
    auth.add(JSON.stringify(these));
    nodes.push({ host: url.hostname.replace(/^\[|\]$/g, ''), port });
  }
  if (auth.size > 1) return { ok: false, error: 'every node must use the same scheme and credentials' };
  return { ok: true, cluster: { nodes, ...first! } };
}
