/**
 * Security review #10, finding 5: after `pasapas mediator remove` the token still worked on /me,
 * /queue and /events, renewed by every request. Now removing an account or changing its role ends
 * every session of that mediator (sessions are indexed by mediator, in Redis and in memory), an
 * open event stream ends at its next keep-alive, and every session has an absolute lifetime
 * (MEDIATOR_SESSION_MAX_HOURS, 12 h) that activity does not extend.
 */
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { runMediatorCli } from '../../src/mediator/cli';
import { connectRedis, deletePrefix, keysWithPrefix, randomPrefix, REDIS_TEST_URL } from '../helpers/redis';
import { testConfig } from '../helpers/app';
import { loadConfig } from '../../src/config';
import type { App } from '../../src/app';
import type { RedisClient } from '../../src/storage/redis';

const PASSWORD = 'correct-horse-battery';
const HOUR = 3_600_000;

interface Running {
  app: App;
  base: string;
  clock: { now: number };
  prefix?: string;
  admin?: RedisClient;
  close(): Promise<void>;
}

/** The real app (its event streams' keep-alive shortened to 200 ms), listening on a free port. */
async function start(redis: boolean, env: Record<string, string> = {}): Promise<Running> {
  const clock = { now: Date.UTC(2026, 10, 27, 8, 0, 0) };
  const prefix = redis ? randomPrefix() : undefined;
  const admin = redis ? await connectRedis() : undefined;
  const app = await buildApp(testConfig({ ...env, ...(redis ? { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix! } : {}) }), createLogger('silent'), {
    notifier: false,
    demoMediator: false,
    now: () => clock.now,
    mediatorEventsKeepAliveMs: 200,
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    base,
    clock,
    prefix,
    admin,
    async close() {
      await app.close();
      if (admin && prefix) {
        await deletePrefix(admin, prefix);
        admin.disconnect();
      }
    },
  };
}

async function login(r: Running, username: string) {
  const res = await fetch(`${r.base}/api/mediator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ territory: 'demo', username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string; csrfToken: string; mediator: { role: string } };
  return { ...body, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

async function status(r: Running, path: string, headers: Record<string, string>) {
  const ctrl = new AbortController();
  const res = await fetch(`${r.base}/api/mediator${path}`, { headers, signal: ctrl.signal });
  ctrl.abort();
  return res.status;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function sink() {
  const s = new PassThrough();
  const chunks: string[] = [];
  s.on('data', (c) => chunks.push(String(c)));
  return { s, text: () => chunks.join('') };
}

async function cli(r: Running, args: string[]) {
  const out = sink();
  const err = sink();
  const code = await runMediatorCli(args, { out: out.s, err: err.s, input: Readable.from([]), env: { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: r.prefix!, LOG_LEVEL: 'silent' } });
  return { code, out: out.text(), err: err.text() };
}

describe.each([
  ['memory', false],
  ['Redis', true],
] as const)('sessions end with the account (%s)', (_name, redis) => {
  let r: Running;
  beforeAll(async () => {
    r = await start(redis);
  });
  afterAll(() => r.close());

  test('removing the account ends every session of that mediator (bearer and cookie, /me, /queue, /events), not the others', async () => {
    await r.app.mediators.add({ territory: 'demo', username: 'partie', name: 'Partie', password: PASSWORD });
    await r.app.mediators.add({ territory: 'demo', username: 'reste', name: 'Reste', password: PASSWORD });
    const [a, b, other] = [await login(r, 'partie'), await login(r, 'partie'), await login(r, 'reste')];
    for (const path of ['/me', '/queue', '/events']) {
      expect(await status(r, path, bearer(a.token))).toBe(200);
      expect(await status(r, path, { cookie: b.cookie })).toBe(200);
    }
    expect(await r.app.mediators.remove('demo', 'partie')).toBe(true);
    for (const path of ['/me', '/queue', '/events']) {
      expect([path, await status(r, path, bearer(a.token))]).toEqual([path, 401]);
      expect([path, await status(r, path, { cookie: b.cookie })]).toEqual([path, 401]);
      expect([path, await status(r, path, bearer(other.token))]).toEqual([path, 200]);
    }
    if (redis) {
      // Nothing of the removed mediator's sessions is left in Redis: the other mediator's session and its index only.
      const sessionKeys = (await keysWithPrefix(r.admin!, `${r.prefix}med:session:`)).map((k) => k.slice(r.prefix!.length));
      expect(sessionKeys.filter((k) => k.startsWith('med:session:by:'))).toEqual(['med:session:by:demo:reste']);
      expect(sessionKeys.filter((k) => !k.startsWith('med:session:by:'))).toHaveLength(1);
    }
  });

  test('an open event stream ends when its account is removed (at the next keep-alive)', async () => {
    await r.app.mediators.add({ territory: 'demo', username: 'ecoute', name: 'Écoute', password: PASSWORD });
    const s = await login(r, 'ecoute');
    const res = await fetch(`${r.base}/api/mediator/events`, { headers: bearer(s.token) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })();
    await sleep(500);
    await r.app.mediators.remove('demo', 'ecoute');
    expect(await Promise.race([ended, sleep(3000).then(() => 'still open')])).toBe('ended');
  });

  test('a role change ends the sessions: the mediator logs in again with the new rights', async () => {
    await r.app.mediators.add({ territory: 'demo', username: 'promue', name: 'Promue', password: PASSWORD });
    const before = await login(r, 'promue');
    expect(await status(r, '/report', bearer(before.token))).toBe(403);
    expect(await r.app.mediators.setRole('demo', 'promue', 'coordinateur')).toBe(true);
    expect(await status(r, '/me', bearer(before.token))).toBe(401);
    const after = await login(r, 'promue');
    expect(after.mediator.role).toBe('coordinateur');
    expect(await status(r, '/report', bearer(after.token))).toBe(200);
  });

  test('an account removed and created again under the same name: the old sessions stay ended', async () => {
    await r.app.mediators.add({ territory: 'demo', username: 'revient', name: 'Revient', password: PASSWORD });
    const old = await login(r, 'revient');
    await r.app.mediators.remove('demo', 'revient');
    r.clock.now += 1000;
    await r.app.mediators.add({ territory: 'demo', username: 'revient', name: 'Revient', password: PASSWORD });
    expect(await status(r, '/me', bearer(old.token))).toBe(401);
    expect(await status(r, '/me', bearer((await login(r, 'revient')).token))).toBe(200);
  });
});

describe('`pasapas mediator remove` and `set-role` end the sessions held in Redis (every instance)', () => {
  let r: Running;
  beforeAll(async () => {
    r = await start(true);
  });
  afterAll(() => r.close());

  test('remove', async () => {
    await r.app.mediators.add({ territory: 'demo', username: 'sam', name: 'Sam', password: PASSWORD });
    const s = await login(r, 'sam');
    expect(await status(r, '/me', bearer(s.token))).toBe(200);
    const removed = await cli(r, ['remove', '--territory', 'demo', '--username', 'sam']);
    expect(removed).toMatchObject({ code: 0, out: 'removed sam (their sessions are ended)\n' });
    for (const path of ['/me', '/queue', '/events']) expect([path, await status(r, path, bearer(s.token))]).toEqual([path, 401]);
  });

  test('set-role', async () => {
    await r.app.mediators.add({ territory: 'demo', username: 'zoe', name: 'Zoé', password: PASSWORD });
    const s = await login(r, 'zoe');
    expect(await cli(r, ['set-role', '--territory', 'demo', '--username', 'zoe', '--role', 'mediateur'])).toMatchObject({ code: 0, out: 'zoe is already mediateur\n' });
    expect(await status(r, '/me', bearer(s.token))).toBe(200);
    const changed = await cli(r, ['set-role', '--territory', 'demo', '--username', 'zoe', '--role', 'coordinateur']);
    expect(changed).toMatchObject({ code: 0, out: 'zoe is now coordinateur (their sessions are ended: they log in again)\n' });
    expect(await status(r, '/me', bearer(s.token))).toBe(401);
    expect((await login(r, 'zoe')).mediator.role).toBe('coordinateur');
    expect(await cli(r, ['set-role', '--territory', 'demo', '--username', 'nobody', '--role', 'coordinateur'])).toMatchObject({ code: 1 });
    expect(await cli(r, ['set-role', '--territory', 'demo', '--username', 'zoe', '--role', 'admin'])).toMatchObject({ code: 2 });
  });
});

describe.each([
  ['memory', false],
  ['Redis', true],
] as const)('absolute session lifetime (%s)', (_name, redis) => {
  test('12 h by default: activity renews the idle time, not the lifetime', async () => {
    // Idle timeout as long as allowed (12 h), so only the absolute lifetime can end the session here.
    const r = await start(redis, { MEDIATOR_IDLE_TIMEOUT_MINUTES: '720' });
    try {
      await r.app.mediators.add({ territory: 'demo', username: 'journee', name: 'Journée', password: PASSWORD });
      const s = await login(r, 'journee');
      for (let h = 1; h < 12; h++) {
        r.clock.now += HOUR;
        expect([h, await status(r, '/me', bearer(s.token))]).toEqual([h, 200]);
      }
      r.clock.now += HOUR - 1;
      expect(await status(r, '/me', bearer(s.token))).toBe(200);
      r.clock.now += 1;
      expect(await status(r, '/me', bearer(s.token))).toBe(401);
      expect(await status(r, '/events', { cookie: s.cookie })).toBe(401);
    } finally {
      await r.close();
    }
  });

  test('MEDIATOR_SESSION_MAX_HOURS sets it', async () => {
    const r = await start(redis, { MEDIATOR_SESSION_MAX_HOURS: '2' });
    try {
      await r.app.mediators.add({ territory: 'demo', username: 'courte', name: 'Courte', password: PASSWORD });
      const s = await login(r, 'courte');
      for (let m = 0; m < 4; m++) {
        r.clock.now += 25 * 60_000; // under the 30 min idle timeout each time
        expect(await status(r, '/me', bearer(s.token))).toBe(200);
      }
      r.clock.now += 20 * 60_000; // 2 h after the login
      expect(await status(r, '/me', bearer(s.token))).toBe(401);
    } finally {
      await r.close();
    }
  });
});

test('MEDIATOR_SESSION_MAX_HOURS: 12 by default, 1 to 168, anything else refused at startup', () => {
  const defaults = loadConfig({});
  expect(defaults.ok && defaults.config.mediatorSessionMaxSeconds).toBe(12 * 3600);
  for (const bad of ['0', '169', 'douze', '1.5']) {
    const r = loadConfig({ MEDIATOR_SESSION_MAX_HOURS: bad });
    expect({ bad, ok: r.ok, errors: r.ok ? [] : r.errors }).toEqual({ bad, ok: false, errors: [expect.stringContaining('MEDIATOR_SESSION_MAX_HOURS')] });
  }
});
