/**
 * Security review #10, finding 2: `Last-Event-ID: garbage` on GET /api/mediator/events made
 * `XRANGE (garbage` reject with nobody to catch it, and the whole server (every citizen, every
 * mediator) went down. Reproduced against the real server process (`src/cli.ts serve`, run from
 * source through the swc require hook) on the real Redis: a bad id is now a 400 with its reason and
 * the process keeps serving. And the last line of defence: a rejection nobody handles is logged and
 * the process goes on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../../src/paths';
import { RedisAccounts } from '../../src/mediator/accounts';
import { connectRedis, deletePrefix, randomPrefix, REDIS_TEST_URL } from '../helpers/redis';
import { freePort } from '../widget/support';

jest.setTimeout(60_000);

const REGISTER = join(ROOT, 'test/handoff/fixtures/swc-register.js');
const PASSWORD = 'un-mot-de-passe-assez-long';

interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--require', REGISTER, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => output, exited };
}

const alive = (c: Child) => c.proc.exitCode === null && c.proc.signalCode === null;

describe('the real server on Redis', () => {
  const prefix = randomPrefix();
  let server: Child | undefined;
  let base = '';

  afterAll(async () => {
    if (server && alive(server)) {
      server.proc.kill('SIGKILL');
      await server.exited;
    }
    const admin = await connectRedis();
    await deletePrefix(admin, prefix);
    admin.disconnect();
  });

  test('a bad Last-Event-ID (header or ?lastEventId=) is a 400 with its reason, and the server keeps serving', async () => {
    const admin = await connectRedis();
    await new RedisAccounts(admin, prefix).add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
    admin.disconnect();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = run([join(ROOT, 'src/cli.ts'), 'serve'], {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      WARMUP_RECOGNIZERS: 'false',
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
    });
    for (let i = 0; ; i++) {
      if (!alive(server)) throw new Error(`the server exited at startup:\n${server.output()}`);
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      if (i > 400) throw new Error(`the server did not start:\n${server.output()}`);
      await sleep(50);
    }
    const login = await fetch(`${base}/api/mediator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ territory: 'demo', username: 'lea', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    for (const [query, header] of [
      ['', 'garbage'],
      ['?lastEventId=garbage', undefined],
      ['', '1-2-3'],
      ['', '(1-0'],
      ['', '99999999999999999999-0'],
      ['?lastEventId=-', undefined],
      ['', '00'],
    ] as const) {
      const res = await fetch(`${base}/api/mediator/events${query}`, { headers: { ...auth, ...(header ? { 'last-event-id': header } : {}) } });
      const body = await res.text();
      expect({ query, header, status: res.status, body }).toEqual({
        query,
        header,
        status: 400,
        body: JSON.stringify({ error: { code: 'BadRequest', message: 'Last-Event-ID: a stream id "<ms>-<seq>" as sent in the id: lines, or 0 (from the start)' } }),
      });
    }
    // The unhandled rejection used to end the process a moment after the request.
    await sleep(500);
    expect({ alive: alive(server), output: server.output() }).toEqual({ alive: true, output: expect.not.stringContaining('Invalid stream ID') });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/api/mediator/me`, { headers: auth })).status).toBe(200);

    // A real id still resumes the stream, and "0" replays it from the start (API clients).
    for (const id of ['1700000000000-0', '0']) {
      const ctrl = new AbortController();
      const stream = await fetch(`${base}/api/mediator/events?lastEventId=${id}`, { headers: auth, signal: ctrl.signal });
      expect({ id, status: stream.status, type: stream.headers.get('content-type') }).toEqual({ id, status: 200, type: expect.stringContaining('text/event-stream') });
      ctrl.abort();
    }

    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

test('a promise rejected with nobody to handle it is logged with its stack, and the process keeps running', async () => {
  const child = run([join(__dirname, 'fixtures', 'unhandled-rejection-child.ts')], { NODE_ENV: 'test' });
  const code = await child.exited;
  const out = child.output();
  expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining('still serving') });
  const line = out.split('\n').find((l) => l.includes('unhandled promise rejection'));
  expect(line).toBeDefined();
  const entry = JSON.parse(line!) as { level: number; err: { message: string; stack: string } };
  expect(entry.level).toBe(50);
  expect(entry.err.message).toBe('one request failed: XRANGE (garbage');
  expect(entry.err.stack).toContain('unhandled-rejection-child.ts');
});
