/** Jest global teardown of `npm run test:cluster`: stop the Redis Cluster and remove its folder. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.pasapasTestCluster?.stop();
  globalThis.pasapasTestCluster = undefined;
}
