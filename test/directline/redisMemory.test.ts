/**
 * Photos must not starve the queues: above REDIS_MEMORY_WARN_PERCENT of Redis maxmemory, a line is
 * logged (at startup too), /readyz stays 200 but lists the warning, and the web chat refuses photos
 * (503 + Retry-After, a kind message in the widget) while text messages go on. A dedicated
 * redis-server with a small maxmemory (test/chaos/support.ts).
 */
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../src/app';
import { createLogger } from '../../src/logger';
import { testConfig } from '../helpers/app';
import { cleanupAll, RedisServer } from '../chaos/support';
import { Redis } from 'ioredis';

jest.setTimeout(60_000);

const SECRET = 'a-redis-memory-test-secret-of-32-characters';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

let redis: RedisServer;
let admin: Redis;
const apps: App[] = [];

async function start(): Promise<{ app: App; base: string; logs: string[] }> {
  const logs: string[] = [];
  const app = await buildApp(
    testConfig({ REDIS_URL: redis.url, DIRECTLINE_TOKEN_SECRET: SECRET, REDIS_KEY_PREFIX: 'mem:', REDIS_MEMORY_WARN_PERCENT: '50' }),
    createLogger('info', { write: (line: string) => void logs.push(line) }),
    { notifier: false },
  );
  apps.push(app);
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, logs };
}

async function conversation(base: string, origin: string) {
  const headers = { 'content-type': 'application/json', origin };
  const gen = (await (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
  expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${gen.token}` } })).status).toBe(201);
  return gen;
}

async function upload(base: string, c: { token: string; conversationId: string }) {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'ecran.png');
  const res = await fetch(`${base}/v3/directline/conversations/${c.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: form });
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: res.status, code: body?.error?.code, retryAfter: res.headers.get('retry-after') };
}

beforeAll(async () => {
  redis = new RedisServer('dl-memory', ['--maxmemory', '32mb']);
  await redis.start();
  admin = new Redis(redis.url);
});

afterAll(async () => {
  for (const app of apps) await app.close();
  admin?.disconnect();
  await cleanupAll();
});

describe('Redis memory and web chat photos', () => {
  it('below the threshold: ready without warning, photos accepted', async () => {
    const { app, base, logs } = await start();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await upload(base, await conversation(base, app.territories.ownOrigin))).status).toBe(200);
    expect(logs.join('')).not.toContain('redis memory at');
  });

  it('above it: a startup line, /readyz 200 with the warning, photos refused kindly, messages still answered', async () => {
    // 18 of 32 MB, plus what Redis uses itself (1 MB at a time: a big command's buffers count too).
    for (let i = 0; i < 18; i++) await admin.set(`filler:${i}`, Buffer.alloc(1024 * 1024, i));
    const { app, base, logs } = await start();
    const line = logs.find((l) => l.includes('redis memory at'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 40, module: 'redis' });

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; warnings?: string[] };
    expect(body.status).toBe('ready');
    expect(body.warnings).toEqual([expect.stringMatching(/^redis memory at \d+ % of maxmemory .*web chat photos are refused/)]);

    const c = await conversation(base, app.territories.ownOrigin);
    expect(await upload(base, c)).toEqual({ status: 503, code: 'PhotosPaused', retryAfter: '600' });
    const said = await fetch(`${base}/v3/directline/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'bonjour' }),
    });
    expect(said.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^pasapas_redis_memory_max_bytes 33554432$/m);
    expect(metrics).toMatch(/^pasapas_webchat_uploads_refused_total\{territory="demo",reason="memory"\} 1$/m);
  });
});
