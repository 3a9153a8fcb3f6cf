/** Jest global setup of `npm run test:cluster`: start the 3-master Redis Cluster, hand its nodes to the tests. */
import { startRedisCluster, type RunningCluster } from './redisCluster';

declare global {
  var pasapasTestCluster: RunningCluster | undefined;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const cluster = await startRedisCluster();
  globalThis.pasapasTestCluster = cluster;
  // Test workers are forked after this and inherit the environment.
  process.env.REDIS_TEST_CLUSTER_NODES = cluster.nodes;
  // A run interrupted before the teardown still stops the servers.
  process.once('exit', () => cluster.killNow());
  process.stdout.write(`\nRedis Cluster (3 masters, AOF) on ${cluster.nodes}, ready in ${Date.now() - started} ms\n`);
}
