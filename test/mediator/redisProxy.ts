/**
 * A TCP relay in front of the test Redis, so a test can make the real Redis unreachable for the
 * app under test (and only for it): `cut()` closes every relayed connection and refuses new ones,
 * `restore()` accepts them again on the same port. Nothing is mocked: the app speaks to Redis.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { REDIS_TEST_URL } from '../helpers/redis';

export class RedisProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly target = new URL(REDIS_TEST_URL);
  port = 0;

  /** REDIS_TEST_URL (its credentials and database) through the relay. */
  get url(): string {
    const u = new URL(REDIS_TEST_URL);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect({ host: this.target.hostname, port: Number(this.target.port || 6379) });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Redis unreachable: open connections dropped, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  async restore(): Promise<void> {
    await this.start();
  }
}
