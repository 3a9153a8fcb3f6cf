/**
 * The ioredis client of the process (one per process, shared by every store): a `Redis` for one
 * server (REDIS_URL) or a `Cluster` for Redis Cluster (REDIS_CLUSTER_NODES). Stores accept either
 * (`RedisClient`): every command they send names its keys, every multi-key change is one Lua script
 * whose keys share a hash tag, so the same code runs on both. See docs/scaling.md.
 */
import { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisTarget } from '../config';

export type RedisClient = Redis | Cluster;

/**
 * The client of one server (or of Sentinel's primary): the commands issued in one turn of the event loop leave in
 * one socket write. The socket is corked at the first command of a turn and uncorked at `setImmediate` (after that
 * turn's I/O callbacks), so the commands of every conversation handled in it travel together, and their replies come
 * back in one read. ioredis's automatic pipelining batched the same way, but keeps one batch in flight at a time (the
 * next waits for the replies of the one before, so a busy server waited for Redis between batches) and builds a
 * Pipeline and a promise per command around each batch. Measured with `node dist/bench/index.js --only <path>
 * --rounds 1 --seconds 8`, the two run alternately, twice each (2 vCPUs, others working): server CPU per turn SMS
 * 346/327 → 277/300 µs, web chat 326/306 → 286/240, lean HTTP 246/225 → 188/223. Commands still go in the order
 * they are issued; nothing changes for a command waiting in the offline queue (written when Redis is back).
 */
export class CorkedRedis extends Redis {
  private corked = false;
  /** Work that sends its commands with this turn's, last (`beforeSending`). */
  private last: Array<() => void> = [];

  override sendCommand(...args: Parameters<Redis['sendCommand']>): unknown {
    this.cork();
    return super.sendCommand(...args);
  }

  /**
   * Run `send` at the end of this turn of the event loop, just before its commands leave, so that the commands it
   * sends go in the same write (a count summed over the turn's conversations: territories/smsBudgetStore.ts). When
   * nothing can be batched (not connected yet), at setImmediate.
   */
  beforeSending(send: () => void): void {
    if (!this.cork()) {
      setImmediate(send);
      return;
    }
    this.last.push(send);
  }

  /** Cork the stream for this turn of the event loop if it is not yet; false when it cannot be (not ready). */
  private cork(): boolean {
    if (this.corked) return true;
    const stream = this.stream;
    if (this.status !== 'ready' || !stream?.writable) return false;
    this.corked = true;
    stream.cork();
    setImmediate(() => {
      const last = this.last;
      this.last = [];
      for (const send of last) {
        try {
          send();
        } catch (err) {
          // Logged as the client's errors are (createRedis); the turn of the event loop goes on.
          this.emit('error', err);
        }
      }
      this.corked = false;
      // The stream corked, even if a reconnection replaced it since (then this one is closed and uncorks nothing).
      stream.uncork();
    });
    return true;
  }
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

export function createRedis(target: RedisTarget, logger: Logger): RedisClient {
  const retryStrategy = (attempt: number) => Math.min(attempt * 200, 2000);
  let client: RedisClient;
  if (target.cluster) {
    const { nodes, username, password, tls } = target.cluster;
    client = new Cluster(nodes, {
      lazyConnect: true,
      enableAutoPipelining: true,
      // Every read goes to the master of its slot: a replica may lag behind a claim or a state write.
      scaleReads: 'master',
      clusterRetryStrategy: retryStrategy,
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 300,
      retryDelayOnTryAgain: 100,
      maxRedirections: 16,
      slotsRefreshTimeout: 2000,
      // Node addresses as the cluster announces them (IPs, or TLS host names that must not be re-resolved).
      dnsLookup: (address, callback) => callback(null, address),
      redisOptions: {
        username,
        password,
        tls: tls ? {} : undefined,
        maxRetriesPerRequest: 2,
      },
    });
    client.on('node error', (err: Error, node: string) => logger.warn({ err, node }, 'redis cluster node error'));
    client.on('+node', (node: Redis) => logger.debug({ node: `${node.options.host}:${node.options.port}` }, 'redis cluster node added'));
  } else if (target.sentinel) {
    const s = target.sentinel;
    client = new CorkedRedis({
      sentinels: s.sentinels,
      name: s.name,
      db: s.db,
      username: s.username,
      password: s.password,
      tls: s.tls ? {} : undefined,
      enableTLSForSentinelMode: s.tls,
      sentinelUsername: s.sentinelAuth.username,
      sentinelPassword: s.sentinelAuth.password,
      sentinelTLS: s.sentinelAuth.tls ? {} : undefined,
      // Told by the sentinels (+switch-master) when a replica is promoted, rather than waiting for an error.
      failoverDetector: true,
      lazyConnect: true,
      // Batched by CorkedRedis instead (one write per turn of the event loop, no wait between batches).
      enableAutoPipelining: false,
      // As for one server (below): commands fail fast while no primary answers, and the client keeps trying.
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, 500),
      sentinelRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    });
  } else {
    client = new CorkedRedis(target.url, {
      lazyConnect: true,
      // Batched by CorkedRedis instead (one write per turn of the event loop, no wait between batches).
      enableAutoPipelining: false,
      // While Redis is away, commands wait in the offline queue and ioredis fails them every
      // maxRetriesPerRequest + 1 failed reconnection attempts. Failing them at each attempt, with an attempt
      // at most every 500 ms, a command fails within 0.5 s (a turn answers 503 within about 1.5 s: it also
      // tries its recovery writes) and Redis back is seen within 0.5 s (docs/reliability.md). With 2 retries
      // and a back-off up to 2 s, requests waited up to 6 s during an outage.
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, 500),
    });
  }
  client.on('error', (err: Error) => logger.warn({ err }, 'redis error'));
  client.on('ready', () => logger.info({ cluster: isCluster(client) }, 'redis ready'));
  return client;
}

/** The connections to check: the server, or every master of the cluster. */
function servers(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/**
 * SCAN … MATCH over the whole keyspace, one batch of keys at a time: on a cluster, every master
 * (each holds its own slots; the cluster client alone would scan one random node). Commands on the
 * keys found go through `client` as usual (routed to their slot).
 */
export async function scanKeys(client: RedisClient, pattern: string, count: number, onBatch: (keys: string[]) => Promise<void>): Promise<void> {
  for (const node of servers(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length) await onBatch(keys);
    } while (cursor !== '0');
  }
}

/** Readiness: the server answers; on a cluster, the client is ready and every master answers (each serves slots). */
export async function pingRedis(client: RedisClient): Promise<void> {
  if (isCluster(client) && client.status !== 'ready') throw new Error(`redis cluster ${client.status}`);
  const nodes = servers(client);
  if (nodes.length === 0) throw new Error('no redis master known');
  await Promise.all(nodes.map((n) => n.ping()));
}

/**
 * The handoff queue and the conversations must never be evicted: warn loudly unless Redis runs
 * with maxmemory-policy noeviction (on a cluster: on every master). Returns the policy (the first
 * one that is not noeviction on a cluster; undefined when CONFIG is not allowed).
 */
export async function checkMaxmemoryPolicy(client: RedisClient, logger: Logger): Promise<string | undefined> {
  let result: string | undefined;
  for (const node of servers(client)) {
    const where = isCluster(client) ? { node: `${node.options.host}:${node.options.port}` } : {};
    try {
      const reply = (await node.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply[1];
      if (policy !== 'noeviction') {
        logger.warn(
          { policy, ...where },
          `REDIS maxmemory-policy is "${policy}": under memory pressure Redis may DELETE waiting handoffs and conversations. Set maxmemory-policy noeviction (see docs/handoff.md).`,
        );
      }
      if (result === undefined || result === 'noeviction') result = policy;
    } catch {
      logger.warn(where, 'could not read Redis maxmemory-policy (CONFIG disabled?): make sure it is noeviction');
    }
  }
  return result;
}
