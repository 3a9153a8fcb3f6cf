/**
 * The one-server client (CorkedRedis, src/storage/redis.ts) sends the commands issued in one turn of the event loop
 * in one socket write, in the order they were issued, and keeps doing so on the new socket after a reconnection (real
 * Redis, random key prefix, cleaned up).
 */
import { createRedis, CorkedRedis } from '../../src/storage/redis';
import { createLogger } from '../../src/logger';
import { REDIS_TEST_URL, randomPrefix } from '../helpers/redis';

interface Socketish {
  _write(...args: unknown[]): unknown;
  _writev(...args: unknown[]): unknown;
}

describe('CorkedRedis (real Redis)', () => {
  let client: CorkedRedis;
  const prefix = randomPrefix();
  let writes = 0;

  beforeAll(async () => {
    client = createRedis({ url: REDIS_TEST_URL }, createLogger('silent')) as CorkedRedis;
    expect(client).toBeInstanceOf(CorkedRedis);
    await client.connect();
    countWrites();
  });

  /** Count the socket's low-level writes (one per syscall-level write: a writev carries many chunks). */
  function countWrites(): void {
    const socket = client.stream as unknown as Socketish;
    const write = socket._write.bind(socket);
    const writev = socket._writev.bind(socket);
    socket._write = (...args) => {
      writes += 1;
      return write(...args);
    };
    socket._writev = (...args) => {
      writes += 1;
      return writev(...args);
    };
  }
  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length) await client.del(...keys);
    await client.quit();
  });

  it('sends the commands of one turn of the event loop in one write, in their order', async () => {
    writes = 0;
    const key = `${prefix}counter`;
    const replies = await Promise.all([client.set(key, '1'), client.incr(key), client.incrby(key, 10), client.get(key), ...Array.from({ length: 20 }, (_, i) => client.set(`${prefix}k${i}`, String(i)))]);
    expect(replies.slice(0, 4)).toEqual(['OK', 2, 12, '12']);
    expect(writes).toBe(1);
  });

  it('beforeSending: what it sends goes last in the same write as the commands of that turn', async () => {
    writes = 0;
    const key = `${prefix}summed`;
    let late: Promise<unknown> | undefined;
    const first = client.set(key, '5');
    client.beforeSending(() => {
      late = client.incrby(key, 2);
    });
    const second = client.incr(key);
    await first;
    await second;
    expect(await late).toBe(8);
    expect(writes).toBe(1);
  });

  it('beforeSending with no command yet in the turn: it still runs at the end of the turn', async () => {
    writes = 0;
    const key = `${prefix}alone`;
    const sent = new Promise((resolve) => client.beforeSending(() => resolve(client.set(key, 'x'))));
    expect(await sent).toBe('OK');
    expect(writes).toBe(1);
  });

  it('after a reconnection, commands go on the new socket, still together', async () => {
    const old = client.stream;
    const ready = new Promise((resolve) => client.once('ready', resolve));
    client.disconnect(true);
    await ready;
    expect(client.stream).not.toBe(old);
    writes = 0;
    countWrites();
    expect(await Promise.all([client.get(`${prefix}counter`), client.get(`${prefix}k3`), client.incr(`${prefix}counter`)])).toEqual(['12', '3', 13]);
    expect(writes).toBe(1);
  });
});
