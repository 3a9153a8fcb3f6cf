/**
 * The HTTP surface on a real port: health, readiness, the HTTP channel (a guide over HTTP, bad
 * input → 4xx with a reason, the server keeps serving), and the Bot Framework endpoint's guard.
 */
import type { AddressInfo } from 'node:net';
import { FIXTURE_DIALOGS, startTestApp, type TestApp } from '../helpers/app';

async function listen(ta: TestApp): Promise<string> {
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
}

async function post(url: string, body: string | object, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe('HTTP server (embedded default)', () => {
  let ta: TestApp;
  let base: string;
  beforeAll(async () => {
    ta = await startTestApp({ dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] });
    base = await listen(ta);
  });
  afterAll(() => ta.close());

  test('healthz and readyz answer 200', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('a citizen goes through a guide over HTTP, with buttons', async () => {
    const created = await post(`${base}/api/chat/conversations`, {});
    expect(created.status).toBe(201);
    const id = created.body!.conversationId as string;
    const url = `${base}/api/chat/conversations/${id}/messages`;
    const hello = await post(url, { text: 'bonjour' });
    expect(hello.status).toBe(200);
    const replies = hello.body!.replies as Array<{ text: string; buttons?: Array<{ key: string; label: string }> }>;
    expect(replies[0].text).toContain('Bonjour ! Je suis Pas à pas');
    expect(replies[1].buttons).toEqual([
      { key: '1', label: 'Faire un essai' },
      { key: '0', label: 'Parler à un conseiller' },
    ]);
    // Clicking a button sends its label; typing its number works the same.
    const start = await post(url, { text: 'Faire un essai' });
    expect(JSON.stringify(start.body)).toContain('Pour commencer, il vous faut');
    const step = await post(url, { text: '1' });
    expect(JSON.stringify(step.body)).toContain('Étape 1 sur 3');
  });

  test('a message sent again with the same id (a client retrying) is not run twice', async () => {
    const url = `${base}/api/chat/conversations/retry-${Date.now()}/messages`;
    await post(url, { text: 'bonjour', id: 'm1' });
    const start = await post(url, { text: 'Faire un essai', id: 'm2' });
    expect(JSON.stringify(start.body)).toContain('Pour commencer, il vous faut');
    const step = await post(url, { text: '1', id: 'm3' });
    expect(JSON.stringify(step.body)).toContain('Étape 1 sur 3');
    // The answer was lost on the way: the client sends m3 again. Not a second "1" (that would be step 2).
    const again = await post(url, { text: '1', id: 'm3' });
    expect(again).toEqual({ status: 200, body: { replies: [] } });
    const next = await post(url, { text: '1', id: 'm4' });
    expect(JSON.stringify(next.body)).toContain('Étape 2 sur 3');
    expect((await post(url, { text: '1', id: 'un id avec des espaces' })).status).toBe(400);
  });

  test('bad JSON → 400, wrong type → 415, bad id → 400, missing text → 400 with the field', async () => {
    const url = `${base}/api/chat/conversations/abc/messages`;
    expect((await post(url, '{"text": ')).status).toBe(400);
    const wrongType = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'bonjour' });
    expect(wrongType.status).toBe(415);
    const badId = await post(`${base}/api/chat/conversations/${'x'.repeat(65)}/messages`, { text: 'a' });
    expect(badId.status).toBe(400);
    const missing = await post(url, { txt: 'a' });
    expect(missing.status).toBe(400);
    expect(String(missing.body!.message)).toMatch(/text|txt/);
  });

  test('JSON said to be in another charset than UTF-8 → 415 with the reason (its accents would be read broken); UTF-8, said or not → 200', async () => {
    const url = `${base}/api/chat/conversations/charset/messages`;
    const latin1 = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: Buffer.from('{"text":"déclarer mes impôts"}', 'latin1') });
    expect(latin1.status).toBe(415);
    expect(JSON.stringify(await latin1.json())).toContain('UTF-8');
    for (const type of ['application/json; charset=UTF-8', 'application/json;charset="utf-8"', 'application/json']) {
      const ok = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify({ text: 'impôts' }) });
      expect(ok.status).toBe(200);
    }
  });

  test('an oversize body → 413, and the server keeps serving', async () => {
    const big = await post(`${base}/api/chat/conversations/abc/messages`, { text: 'a'.repeat(40_000) });
    expect(big.status).toBe(413);
    const after = await post(`${base}/api/chat/conversations/abc/messages`, { text: 'bonjour' });
    expect(after.status).toBe(200);
  });

  test('/api/messages is disabled without a Bot Framework app id', async () => {
    expect((await post(`${base}/api/messages`, { type: 'message' })).status).toBe(404);
  });
});

describe('HTTP channel with a token, Bot Framework endpoint configured', () => {
  let ta: TestApp;
  let base: string;
  const token = 'a-long-enough-test-token';
  beforeAll(async () => {
    ta = await startTestApp({
      dialogsDir: FIXTURE_DIALOGS,
      menu: ['essai'],
      env: { HTTP_CHANNEL_TOKEN: token, MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000000', MICROSOFT_APP_PASSWORD: 'x' },
    });
    base = await listen(ta);
  });
  afterAll(() => ta.close());

  test('the HTTP channel refuses a missing or wrong token before reading the body', async () => {
    const url = `${base}/api/chat/conversations/abc/messages`;
    expect((await post(url, '{not json')).status).toBe(401);
    expect((await post(url, { text: 'bonjour' }, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await post(url, { text: 'bonjour' }, { authorization: `Bearer ${token}` })).status).toBe(200);
  });

  test('anonymous calls to /api/messages are refused', async () => {
    const res = await post(`${base}/api/messages`, { type: 'message', text: 'bonjour' });
    expect(res.status).toBe(401);
  });
});
