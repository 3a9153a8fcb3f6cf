/**
 * Security review #10, finding 14 (the mediator's routes): with Redis unreachable, every mediator
 * route answers 503 + Retry-After with a generic message, never a 500 nor the driver's words; and
 * Redis back, the same session works again. The app talks to the real test Redis through a relay
 * the test cuts (test/mediator/redisProxy.ts).
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp } from '../helpers/app';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';
import { RedisProxy } from './redisProxy';

const PASSWORD = 'un-mot-de-passe-assez-long';
const proxy = new RedisProxy();
const prefix = randomPrefix();
let ta: TestApp;
let base: string;

beforeAll(async () => {
  await proxy.start();
  ta = await startTestApp({ env: { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix } });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
  await ta.app.mediators.add({ territory: 'demo', username: 'coord', name: 'Coordinatrice', password: PASSWORD, role: 'coordinateur' });
});

afterAll(async () => {
  if (!proxy.listening) await proxy.restore(); // the app closes its Redis connection cleanly
  await ta?.close();
  await proxy.cut();
  const admin = await connectRedis();
  await deletePrefix(admin, prefix);
  admin.disconnect();
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}/api/mediator${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') ?? '', text: await res.text() };
}

test('Redis unreachable: every mediator route answers 503 + Retry-After, generic; Redis back: the session works again', async () => {
  const login = await fetch(`${base}/api/mediator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ territory: 'demo', username: 'coord', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { token, csrfToken } = (await login.json()) as { token: string; csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const bearer = { authorization: `Bearer ${token}` };
  const consoleAuth = { cookie, 'x-csrf-token': csrfToken };
  expect((await call('GET', '/me', bearer)).status).toBe(200);

  await proxy.cut();
  const routes: Array<[string, string, Record<string, string>, unknown?]> = [
    ['GET', '/me', bearer],
    ['GET', '/me', { cookie }],
    ['GET', '/events', bearer],
    ['GET', '/events', { cookie }],
    ['GET', '/queue', bearer],
    ['GET', '/callbacks', bearer],
    ['GET', '/report', bearer],
    ['GET', '/handoffs/some-id/messages', bearer],
    ['POST', '/handoffs/some-id/claim', bearer],
    ['POST', '/handoffs/some-id/heartbeat', bearer],
    ['POST', '/handoffs/some-id/messages', bearer, { text: 'Bonjour' }],
    ['POST', '/handoffs/some-id/release', bearer],
    ['POST', '/handoffs/some-id/close', bearer, { outcome: 'fait-pour' }],
    ['POST', '/callbacks/some-id/done', bearer, {}],
    ['POST', '/presence', consoleAuth, { onDuty: true }],
    ['POST', '/logout', consoleAuth],
    ['POST', '/login', {}, { territory: 'demo', username: 'coord', password: PASSWORD }],
    ['GET', '/replies?locale=fr', bearer],
    ['PUT', '/replies', bearer, { locale: 'fr', replies: [{ title: 'Bonjour', text: 'Bonjour.' }] }],
    ['GET', '/handoffs/0b0e7a52-3a4f-4c1e-9d55-3f0d2c5e8a11/typing', bearer],
    ['POST', '/handoffs/0b0e7a52-3a4f-4c1e-9d55-3f0d2c5e8a11/typing', bearer],
  ];
  for (const [method, path, headers, body] of routes) {
    const r = await call(method, path, headers, body);
    expect({ route: `${method} ${path}`, status: r.status, retryAfter: r.retryAfter, type: r.type }).toEqual({
      route: `${method} ${path}`,
      status: 503,
      retryAfter: '1',
      type: expect.stringContaining('application/json'),
    });
    expect(JSON.parse(r.text)).toEqual({ error: { code: 'ServiceUnavailable', message: 'temporarily unavailable, retry shortly' } });
  }

  await proxy.restore();
  let me = await call('GET', '/me', bearer);
  for (let i = 0; i < 50 && me.status === 503; i++) {
    await sleep(100);
    me = await call('GET', '/me', bearer);
  }
  expect(me.status).toBe(200);
  expect(JSON.parse(me.text)).toMatchObject({ id: 'demo:coord', territory: 'demo' });
  expect((await call('GET', '/queue', bearer)).status).toBe(200);
});
