/**
 * With Redis stopped, every Direct Line route answers 503 with Retry-After and a generic message —
 * never a 500, never the driver's words ("Connection is closed", "ECONNREFUSED"…). A real
 * redis-server on its own port is started, used, then stopped (test/chaos/support.ts).
 */
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { buildApp, type App } from '../../src/app';
import { createLogger } from '../../src/logger';
import { testConfig } from '../helpers/app';
import { cleanupAll, RedisServer } from '../chaos/support';

jest.setTimeout(60_000);

const SECRET = 'a-redis-down-test-secret-of-32-characters-or-more';
const DRIVER_WORDS = /redis|connection|ECONN|MaxRetries|closed|stream isn't writeable|enableOfflineQueue/i;

let redis: RedisServer;
let app: App;
let base: string;

beforeAll(async () => {
  redis = new RedisServer('dl-down');
  await redis.start();
  app = await buildApp(
    testConfig({ REDIS_URL: redis.url, DIRECTLINE_TOKEN_SECRET: SECRET, REDIS_KEY_PREFIX: 'down:' }),
    createLogger('silent'),
    { notifier: false },
  );
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // Redis back before closing: a client quitting while disconnected keeps a timer for 2 s.
  await redis.start().catch(() => undefined);
  for (let i = 0; i < 50 && app?.redis && !(await app.redis.ping().then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
  await app?.close();
  await cleanupAll();
});

async function call(method: string, path: string, init: { token?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { origin: app.territories.ownOrigin, ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/v3/directline/${path}`, { method, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

describe('Direct Line with Redis stopped', () => {
  it('answers 503 + Retry-After with a generic message on every route', async () => {
    // While Redis is up: a conversation to use afterwards.
    const gen = await call('POST', 'tokens/generate', { json: { territory: 'demo' } });
    expect(gen.status).toBe(200);
    const { token, conversationId } = JSON.parse(gen.text) as { token: string; conversationId: string };
    expect((await call('POST', 'conversations', { token })).status).toBe(201);

    await redis.stop();

    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'p.png');
    const results: Record<string, { status: number; retryAfter: string | null; text: string }> = {
      generate: await call('POST', 'tokens/generate', { json: { territory: 'demo' } }),
      start: await call('POST', 'conversations', { token }),
      reconnect: await call('GET', `conversations/${conversationId}`, { token }),
      activities: await call('GET', `conversations/${conversationId}/activities`, { token }),
      post: await call('POST', `conversations/${conversationId}/activities`, { token, json: { type: 'message', text: 'bonjour' } }),
      upload: await call('POST', `conversations/${conversationId}/upload`, { token, body: form }),
      file: await call('GET', `conversations/${conversationId}/files/AAAAAAAAAAAAAAAA`, { token }),
      end: await call('DELETE', `conversations/${conversationId}`, { token }),
    };
    // The WebSocket upgrade too: refused with 503 + Retry-After before any socket is kept.
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`);
    results.stream = await new Promise((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, retryAfter: String(res.headers['retry-after'] ?? ''), text: '' }));
      ws.on('open', () => reject(new Error('the stream opened with Redis stopped')));
      ws.on('error', () => undefined);
    });
    const seen = Object.fromEntries(
      Object.entries(results).map(([route, r]) => [route, { status: r.status, retryAfter: /^\d+$/.test(r.retryAfter ?? ''), generic: !DRIVER_WORDS.test(r.text) }]),
    );
    const expected = Object.fromEntries(Object.keys(results).map((route) => [route, { status: 503, retryAfter: true, generic: true }]));
    expect(seen).toEqual(expected);
  });
});
