/**
 * Fault tolerance of RedisHandoffQueue against REAL Redis processes (never mocked):
 * - a client process SIGKILLed mid-way through its requests, then run again (idempotent requests);
 * - the Redis server itself SIGKILLed (crash) and restarted with AOF (appendfsync always), while the
 *   same ioredis client waits and reconnects on its own;
 * - a lease that expires on the real clock.
 * Random key prefix per test, cleaned up; these tests fail (never skip) without Redis or redis-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { LeaseLost, type HandoffEvent, type HandoffRecord, type NewHandoff } from '../../src/handoff/queue';
import { RedisHandoffQueue } from '../../src/handoff/redisQueue';
import { IllegalTransition } from '../../src/handoff/states';
import { createLogger } from '../../src/logger';
import { ROOT } from '../../src/paths';
import { REDIS_TEST_URL, connectRedis, deletePrefix, keysWithPrefix, randomPrefix } from '../helpers/redis';
import { TERRITORIES, childHandoff } from './fixtures/enqueue-child';

const silent = createLogger('silent');
const RETENTION = 3600;
const LEASE = 120_000;

function citizen(territory: string, key: string): NewHandoff {
  return {
    territory,
    citizenKey: key,
    reference: { channelId: 'webchat', serviceUrl: 'http://127.0.0.1/' },
    channel: 'webchat',
    locale: 'fr-FR',
    reason: 'command',
    transcript: [{ from: 'citizen', text: 'conseiller', at: 1_700_000_000_000 }],
  };
}

/** Every event of a territory (events() pages by 100 by default). */
async function allEvents(q: RedisHandoffQueue, territory: string): Promise<HandoffEvent[]> {
  return q.events(territory, '0', 100_000);
}

// ---------------------------------------------------------------------------------------------
// 1. A client process killed mid-way
// ---------------------------------------------------------------------------------------------

const CHILD = join(ROOT, 'test/handoff/fixtures/enqueue-child.ts');
const REGISTER = join(ROOT, 'test/handoff/fixtures/swc-register.js');
const TOTAL = 200;

interface Ack {
  i: number;
  id: string;
  created: boolean;
}

interface ChildRun {
  acks: Ack[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the enqueue child; with killAfter, SIGKILLs it as soon as that many acknowledgements were read. */
function runChild(prefix: string, killAfter?: number, timeoutMs = 15_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', REGISTER, CHILD, prefix, String(TOTAL), REDIS_TEST_URL], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`enqueue child timed out after ${timeoutMs} ms (${acks.length} acks)\n${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ok (\d+) (\S+) ([01])$/.exec(line);
        if (!m) {
          stderr += `unexpected stdout line: ${line}\n`;
          continue;
        }
        acks.push({ i: Number(m[1]), id: m[2], created: m[3] === '1' });
      }
      if (killAfter !== undefined && !killed && acks.length >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ acks, code, signal, stderr });
    });
  });
}

describe('a client process SIGKILLed mid-way', () => {
  let redis: Redis;
  let redis2: Redis;
  let prefix: string;
  beforeEach(async () => {
    redis = await connectRedis();
    redis2 = await connectRedis();
    prefix = randomPrefix();
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
    redis2.disconnect();
  });

  test('SIGKILL mid-way loses nothing: run again, 200 handoffs, no duplicate, each claimed exactly once', async () => {
    // First run: killed after about 100 acknowledged requests.
    const first = await runChild(prefix, 100);
    expect(first.stderr).toBe('');
    expect(first.signal).toBe('SIGKILL');
    expect(first.acks.length).toBeGreaterThanOrEqual(100);
    expect(first.acks.length).toBeLessThan(TOTAL);
    expect(first.acks.map((a) => a.i)).toEqual(first.acks.map((_, i) => i));
    expect(first.acks.every((a) => a.created)).toBe(true);
    const acked = first.acks.length;

    // Second run: finishes the job; what was acknowledged is returned as is.
    const second = await runChild(prefix);
    expect(second.stderr).toBe('');
    expect({ code: second.code, signal: second.signal }).toEqual({ code: 0, signal: null });
    expect(second.acks.map((a) => a.i)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    for (const a of first.acks) expect(second.acks[a.i]).toEqual({ i: a.i, id: a.id, created: false });
    // The request in flight when the child died may or may not have been written (then created: false);
    // every later one is new.
    for (const a of second.acks.slice(acked + 1)) expect(a.created).toBe(true);

    const q = new RedisHandoffQueue(redis, prefix, RETENTION, silent);
    const q2 = new RedisHandoffQueue(redis2, prefix, RETENTION, silent);
    const idOf = new Map(second.acks.map((a) => [a.i, a.id]));

    // Exactly 200 waiting (67/67/66), in arrival order, one per citizen, on the right territory.
    const waitingIds: Array<[string, string]> = [];
    for (const [t, territory] of TERRITORIES.entries()) {
      const waiting = await q.waiting(territory);
      const expected = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => i % TERRITORIES.length === t);
      expect(waiting).toHaveLength(expected.length);
      expect(waiting.map((r) => r.citizenKey)).toEqual(expected.map((i) => childHandoff(i).citizenKey));
      expect(waiting.map((r) => r.id)).toEqual(expected.map((i) => idOf.get(i)));
      for (const r of waiting) expect(r).toMatchObject({ territory, state: 'waiting' });
      for (const i of expected) expect((await q.activeFor(territory, childHandoff(i).citizenKey))?.id).toBe(idOf.get(i));
      // No stray record (e.g. half written by the killed process).
      expect(await keysWithPrefix(redis, `${prefix}ho:{${territory}}:h:`)).toHaveLength(expected.length);
      // Exactly one "handoff.requested" per handoff.
      const events = await allEvents(q, territory);
      expect(events.map((e) => e.type)).toEqual(expected.map(() => 'handoff.requested'));
      expect(events.map((e) => e.id)).toEqual(waiting.map((r) => r.id));
      for (const r of waiting) waitingIds.push([territory, r.id]);
    }
    expect(waitingIds).toHaveLength(TOTAL);
    expect(new Set(waitingIds.map(([, id]) => id)).size).toBe(TOTAL);
    const all = new Set(waitingIds.map(([, id]) => id));
    for (const a of first.acks) expect(all.has(a.id)).toBe(true);

    // Two mediators (two connections) race on every handoff: exactly one claim wins each time.
    const results = await Promise.allSettled(
      waitingIds.flatMap(([territory, id]) => [q.claim(territory, id, 'm1', LEASE), q2.claim(territory, id, 'm2', LEASE)]),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(TOTAL);
    expect(lost).toHaveLength(TOTAL);
    for (const r of lost) expect(r.reason).toMatchObject({ name: 'IllegalTransition', transition: 'claim', state: 'with_mediator' });
    for (const r of lost) expect(r.reason).toBeInstanceOf(IllegalTransition);
    for (let k = 0; k < waitingIds.length; k += 1) {
      expect([results[2 * k].status, results[2 * k + 1].status].sort()).toEqual(['fulfilled', 'rejected']);
    }
    for (const territory of TERRITORIES) {
      expect(await q.waiting(territory)).toEqual([]);
      const events = await allEvents(q, territory);
      const claimed = events.filter((e) => e.type === 'handoff.claimed').map((e) => e.id);
      const requested = events.filter((e) => e.type === 'handoff.requested').map((e) => e.id);
      expect(claimed.slice().sort()).toEqual(requested.slice().sort());
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(events).toHaveLength(2 * requested.length);
    }
  }, 20_000);
});

// ---------------------------------------------------------------------------------------------
// 2. The Redis server crashes (SIGKILL) and restarts with AOF
// ---------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One raw PING (no client library, nothing left behind): true once the server answers +PONG (not -LOADING). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

class OwnRedisServer {
  proc?: ChildProcess;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  private log(): string {
    try {
      return readFileSync(join(this.dir, 'redis.log'), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Starts redis-server and resolves once it answers PING (data loaded). */
  async start(): Promise<void> {
    const args = [
      '--port', String(this.port), '--bind', '127.0.0.1', '--daemonize', 'no',
      '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir, '--save', '',
      '--logfile', join(this.dir, 'redis.log'),
    ];
    const proc = spawn('redis-server', args, { stdio: 'ignore' });
    this.proc = proc;
    let failure: Error | undefined;
    proc.once('error', (err) => {
      failure = new Error(`cannot start redis-server (${err.message}): it must be on the PATH, these tests never skip`);
    });
    proc.once('exit', (code, signal) => {
      failure ??= new Error(`redis-server exited at startup (code ${code}, signal ${signal})\n${this.log()}`);
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (failure) throw failure;
      if (await ping(this.port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port}\n${this.log()}`);
      await sleep(50);
    }
  }

  /** A crash: SIGKILL, no shutdown, no save. */
  async crash(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await exited;
  }
}

describe('the Redis server crashes and restarts with AOF', () => {
  let dir: string;
  let server: OwnRedisServer;
  let client: Redis;
  let q: RedisHandoffQueue;
  const T = 'aof-t';
  const prefix = randomPrefix();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pasapas-aof-'));
    server = new OwnRedisServer(await freePort(), dir);
    await server.start();
    // While the server is down, commands wait in the offline queue and the client keeps reconnecting.
    client = new Redis({ host: '127.0.0.1', port: server.port, retryStrategy: () => 100, maxRetriesPerRequest: null });
    client.on('error', () => undefined); // ECONNREFUSED while the server is down: expected
    q = new RedisHandoffQueue(client, prefix, RETENTION, silent);
  }, 15_000);

  afterAll(async () => {
    client?.disconnect();
    await server?.crash();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function crashAndRestart(whileDown?: () => Promise<void>): Promise<void> {
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await server.crash();
    await closed;
    expect(client.status).not.toBe('ready');
    await whileDown?.();
    await server.start();
  }

  const runId = async () => /run_id:(\w+)/.exec(await client.info('server'))?.[1];

  test('Redis restart with AOF keeps the queue, the leases and the events; a command sent while down completes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await q.request(citizen(T, `aof-${i}`))).record.id);
    const claimedIdx = [0, 3, 11, 20, 29];
    const claims = [];
    for (const i of claimedIdx) claims.push(await q.claim(T, ids[i], `m-${i}`, LEASE));
    const waitingBefore = (await q.waiting(T)).map((r) => r.id);
    expect(waitingBefore).toEqual(ids.filter((_, i) => !claimedIdx.includes(i)));
    const recordsBefore = await Promise.all(ids.map((id) => q.get(T, id)));
    const eventsBefore = await allEvents(q, T);
    expect(eventsBefore).toHaveLength(35);
    const runBefore = await runId();

    // Crash; while the server is down, a request is issued: it waits, then completes after the restart.
    let pending: Promise<{ record: HandoffRecord; created: boolean }> | undefined;
    let settled = false;
    await crashAndRestart(async () => {
      pending = q.request(citizen(T, 'during-outage'));
      void pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      await sleep(300);
      expect(settled).toBe(false);
    });
    const during = await pending!;
    expect(during.created).toBe(true);
    expect(await runId()).not.toBe(runBefore); // really a new server process

    // Everything acknowledged before the crash is there, unchanged; the outage request is last.
    expect((await q.waiting(T)).map((r) => r.id)).toEqual([...waitingBefore, during.record.id]);
    expect(await Promise.all(ids.map((id) => q.get(T, id)))).toEqual(recordsBefore);
    const states = recordsBefore.map((r) => r?.state);
    expect(states.filter((s) => s === 'waiting')).toHaveLength(25);
    expect(states.filter((s) => s === 'with_mediator')).toHaveLength(5);

    // The leases still hold: heartbeats with their tokens work, a wrong token does not.
    for (const c of claims) {
      const before = Date.now();
      expect(await q.heartbeat(T, c.record.id, c.leaseToken, LEASE)).toBeGreaterThanOrEqual(before + LEASE);
    }
    await expect(q.heartbeat(T, claims[0].record.id, 'not-the-token', LEASE)).rejects.toBeInstanceOf(LeaseLost);
    expect(await q.reapLeases(T)).toEqual([]);

    // A new request works and goes last; idempotency survived the restart.
    const fresh = await q.request(citizen(T, 'after-restart'));
    expect(fresh.created).toBe(true);
    expect(await q.position(T, fresh.record.id)).toBe(27);
    expect(await q.request(citizen(T, 'aof-5'))).toMatchObject({ created: false, record: { id: ids[5] } });

    // Events intact, then exactly the two new ones, in order.
    const eventsAfter = await allEvents(q, T);
    expect(eventsAfter.slice(0, 35)).toEqual(eventsBefore);
    expect(eventsAfter.slice(35).map((e) => [e.type, e.id])).toEqual([
      ['handoff.requested', during.record.id],
      ['handoff.requested', fresh.record.id],
    ]);

    // A transition acknowledged right before a second crash is not lost either (appendfsync always).
    const last = await q.claim(T, fresh.record.id, 'm-last', LEASE);
    await crashAndRestart();
    expect(await q.get(T, fresh.record.id)).toEqual(last.record);
    expect((await allEvents(q, T)).at(-1)).toMatchObject({ type: 'handoff.claimed', id: fresh.record.id, mediatorId: 'm-last' });
    expect(await q.heartbeat(T, fresh.record.id, last.leaseToken, LEASE)).toBeGreaterThan(Date.now());
  }, 20_000);
});

// ---------------------------------------------------------------------------------------------
// 3. A lease expiring on the real clock
// ---------------------------------------------------------------------------------------------

describe('lease expiry on the real clock', () => {
  let redis: Redis;
  let prefix: string;
  beforeEach(async () => {
    redis = await connectRedis();
    prefix = randomPrefix();
  });
  afterEach(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  test('Lease expiry returns the handoff to the head, ahead of earlier arrivals; the old token fails', async () => {
    const q = new RedisHandoffQueue(redis, prefix, RETENTION, silent);
    const T = 'lease-t';
    const a = (await q.request(citizen(T, 'early-1'))).record.id;
    const b = (await q.request(citizen(T, 'early-2'))).record.id;
    const x = (await q.request(citizen(T, 'late'))).record.id;
    const c = (await q.request(citizen(T, 'later'))).record.id;
    expect((await q.waiting(T)).map((r) => r.id)).toEqual([a, b, x, c]);

    const old = await q.claim(T, x, 'm-slow', 300);
    expect(old.leaseExpiresAt - old.record.claimedAt!).toBe(300);
    expect(await q.reapLeases(T, old.record.claimedAt! + 299)).toEqual([]);
    await sleep(500); // no heartbeat
    expect(Date.now()).toBeGreaterThan(old.leaseExpiresAt);
    expect(await q.reapLeases(T)).toEqual([x]);
    expect(await q.reapLeases(T)).toEqual([]);

    expect((await q.waiting(T)).map((r) => r.id)).toEqual([x, a, b, c]);
    expect(await q.position(T, x)).toBe(1);
    const rec = await q.get(T, x);
    expect(rec).toMatchObject({ state: 'waiting' });
    expect(rec?.mediatorId).toBeUndefined();
    expect(rec?.leaseExpiresAt).toBeUndefined();
    expect((await allEvents(q, T)).at(-1)).toMatchObject({ type: 'handoff.lease_expired', transition: 'lease-expired', id: x, state: 'waiting', mediatorId: 'm-slow' });

    // The old token holds nothing any more: first while it waits, then once someone else has it.
    const whileWaiting = await q.heartbeat(T, x, old.leaseToken, 300).catch((err: unknown) => err);
    expect(whileWaiting instanceof LeaseLost || whileWaiting instanceof IllegalTransition).toBe(true);
    const fresh = await q.claim(T, x, 'm-next', LEASE);
    await expect(q.heartbeat(T, x, old.leaseToken, 300)).rejects.toBeInstanceOf(LeaseLost);
    await expect(q.release(T, x, old.leaseToken)).rejects.toBeInstanceOf(LeaseLost);
    expect(await q.heartbeat(T, x, fresh.leaseToken, LEASE)).toBeGreaterThan(Date.now());
    expect((await q.get(T, x))?.mediatorId).toBe('m-next');
  }, 20_000);
});
