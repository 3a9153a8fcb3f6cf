/**
 * Real Redis for tests: a random key prefix per test, cleaned up after. Redis must answer:
 * these tests fail (never skip) when it does not.
 */
import { randomBytes } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '../../src/storage/redis';

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

/** A store's Redis for a test: one server, or the test cluster (see connectCluster). */
export type Connect = () => Promise<RedisClient>;

/**
 * The Redis Cluster started by test/cluster/globalSetup.ts (`npm run test:cluster`): its seed
 * nodes are in REDIS_TEST_CLUSTER_NODES. Fails (never skips) without it.
 */
export function clusterTestNodes(): string {
  const nodes = process.env.REDIS_TEST_CLUSTER_NODES;
  if (!nodes) throw new Error('REDIS_TEST_CLUSTER_NODES is not set: run the cluster tests with `npm run test:cluster` (it starts the cluster)');
  return nodes;
}

export async function connectCluster(): Promise<Cluster> {
  const nodes = clusterTestNodes()
    .split(',')
    .map((n) => ({ host: n.slice(0, n.lastIndexOf(':')), port: Number(n.slice(n.lastIndexOf(':') + 1)) }));
  const client = new Cluster(nodes, {
    lazyConnect: true,
    scaleReads: 'master',
    dnsLookup: (address, callback) => callback(null, address),
    redisOptions: { maxRetriesPerRequest: 1 },
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw new Error(`the test Redis Cluster does not answer at ${nodes.map((n) => `${n.host}:${n.port}`).join(',')} (${(err as Error).message})`);
  }
  return client;
}

/** Every key under the prefix; on a cluster, SCAN runs on each master (each holds its own slots). */
export async function keysWithPrefix(client: RedisClient, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const node of client instanceof Cluster ? client.nodes('master') : [client]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      out.push(...keys);
    } while (cursor !== '0');
  }
  return out;
}

export async function deletePrefix(client: RedisClient, prefix: string): Promise<void> {
  const keys = await keysWithPrefix(client, prefix);
  // One key per command: on a cluster the keys live in many slots.
  await Promise.all(keys.map((k) => client.unlink(k)));
}
