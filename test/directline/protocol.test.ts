/**
 * The self-hosted Direct Line 3.0 API driven by the real client library (botframework-directlinejs)
 * in Node, against two server instances sharing one real Redis.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { createServer as createNetServer } from 'node:net';
import WebSocket from 'ws';
import type { Activity } from 'botbuilder';
import { startTestApp, type TestApp } from '../helpers/app';
import { randomPrefix } from '../helpers/redis';
import { TokenService } from '../../src/channels/directline/tokens';

// The browser globals the client library expects, from well-known Node implementations.
(globalThis as Record<string, unknown>).XMLHttpRequest = require('xhr2');
(globalThis as Record<string, unknown>).WebSocket = WebSocket;
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs') as typeof import('botframework-directlinejs');

const SECRET = 'a-test-secret-of-at-least-32-characters!';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  ta: TestApp;
  base: string;
}

async function instance(prefix: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ta = await startTestApp({
    redis: true,
    prefix,
    env: { PUBLIC_BASE_URL: base, DIRECTLINE_TOKEN_SECRET: SECRET, UPLOAD_MAX_BYTES: '4096', ...env },
  });
  await new Promise<void>((r) => ta.app.server.listen(port, '127.0.0.1', () => r()));
  return { ta, base };
}

async function generate(base: string, origin = base, territory = 'demo') {
  const res = await fetch(`${base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ territory }),
  });
  return { status: res.status, body: (await res.json()) as { token: string; conversationId: string; expires_in: number } };
}

function userIdOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user;
}

/** Collects bot activities and waits for one whose text contains a fragment. */
class Inbox {
  readonly all: Partial<Activity>[] = [];
  private waiters: Array<{ fragment: string; resolve: (a: Partial<Activity>) => void; from: number }> = [];

  push(a: Partial<Activity>) {
    this.all.push(a);
    this.waiters = this.waiters.filter((w) => {
      const hit = this.all.slice(w.from).find((x) => (x.text ?? '').includes(w.fragment));
      if (hit) w.resolve(hit);
      return !hit;
    });
  }

  waitFor(fragment: string, from = 0, ms = 8000): Promise<Partial<Activity>> {
    const hit = this.all.slice(from).find((x) => (x.text ?? '').includes(fragment));
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no activity containing "${fragment}" within ${ms} ms; got:\n${this.all.map((a) => a.text).join('\n---\n')}`)), ms);
      this.waiters.push({ fragment, from, resolve: (a) => { clearTimeout(timer); resolve(a); } });
    });
  }
}

function connect(domain: string, token: string, extra: Record<string, unknown> = {}) {
  const dl = new DirectLine({ domain: `${domain}/v3/directline`, token, webSocket: true, ...extra } as never);
  const inbox = new Inbox();
  const sub = dl.activity$.subscribe((a) => inbox.push(a as unknown as Partial<Activity>));
  const post = (text: string, userId: string) =>
    new Promise<string>((resolve, reject) => {
      dl.postActivity({ type: 'message', from: { id: userId }, text } as never).subscribe(resolve, reject);
    });
  const end = () => {
    sub.unsubscribe();
    dl.end();
  };
  return { dl, inbox, post, end };
}

describe('Direct Line 3.0 with botframework-directlinejs, two instances on one Redis', () => {
  const prefix = randomPrefix();
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    a = await instance(prefix);
    b = await instance(prefix);
  });
  afterAll(async () => {
    await a.ta.app.close();
    a.ta.admin?.disconnect();
    await b.ta.close();
  });

  test('welcome, a guide, resume with a watermark on ANOTHER instance, live push across instances', async () => {
    const { body } = await generate(a.base);
    const userId = userIdOf(body.token);
    expect(userId).toMatch(/^dl_/);

    const first = connect(a.base, body.token);
    const welcome = await first.inbox.waitFor('Bonjour ! Je suis Pas à pas');
    expect(welcome.from).toMatchObject({ id: 'pasapas', role: 'bot' });
    const menu = await first.inbox.waitFor('Que voulez-vous faire ?');
    expect(menu.suggestedActions?.actions.map((x) => x.title)).toContain('Me connecter avec FranceConnect');
    // Standard imBack actions (the label is what a tap sends), each with the key the bot understands when typed.
    for (const a of menu.suggestedActions?.actions ?? []) expect(a).toMatchObject({ type: 'imBack', value: a.title, channelData: { key: expect.stringMatching(/^[0-9]$/) } });
    expect(menu.suggestedActions?.actions.find((x) => x.title === 'Parler à un conseiller')?.channelData).toEqual({ key: '0' });

    const sentId = await first.post('Me connecter avec FranceConnect', userId);
    const echo = await first.inbox.waitFor('Me connecter avec FranceConnect', 0);
    expect(first.inbox.all.some((x) => x.id === sentId && x.from?.id === userId)).toBe(true);
    expect(echo).toBeDefined();
    await first.inbox.waitFor('Je vous aide pour : Me connecter avec FranceConnect');
    await first.post('1', userId);
    await first.inbox.waitFor('Étape 1 sur 7');
    const seen = first.inbox.all.length;

    // A message posted through instance B reaches the socket held by instance A.
    const viaB = await fetch(`${b.base}/v3/directline/conversations/${body.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({ type: 'message', from: { id: userId }, text: '1' }),
    });
    expect(viaB.status).toBe(200);
    await first.inbox.waitFor('Étape 2 sur 7', seen);
    first.end();

    // Reload: the same conversation on instance B, from the start (history) ...
    const again = connect(b.base, body.token, { conversationId: body.conversationId });
    await again.inbox.waitFor('Bonjour ! Je suis Pas à pas');
    await again.inbox.waitFor('Étape 2 sur 7');
    // ... and it goes on there.
    const before = again.inbox.all.length;
    await again.post('1', userId);
    await again.inbox.waitFor('Étape 3 sur 7', before);
    again.end();

    // Reconnect with a watermark: only what came after it.
    const history = await fetch(`${b.base}/v3/directline/conversations/${body.conversationId}/activities?watermark=0`, {
      headers: { authorization: `Bearer ${body.token}` },
    }).then((r) => r.json() as Promise<{ activities: Partial<Activity>[]; watermark: string }>);
    const w = Number(history.watermark) - 2;
    const resumed = connect(a.base, body.token, { conversationId: body.conversationId, watermark: String(w) });
    await resumed.inbox.waitFor('Étape 3 sur 7');
    expect(resumed.inbox.all.some((x) => (x.text ?? '').includes('Bonjour ! Je suis Pas à pas'))).toBe(false);
    resumed.end();
  });

  test('polling (no WebSocket) works the same', async () => {
    const { body } = await generate(a.base);
    const userId = userIdOf(body.token);
    const c = connect(a.base, body.token, { webSocket: false, pollingInterval: 200 });
    await c.inbox.waitFor('Que voulez-vous faire ?');
    await c.post('english', userId);
    await c.inbox.waitFor('OK, I will write to you in English.');
    c.end();
  });

  test('tokens: only allowed origins get one; expired, forged or foreign tokens get 403; unknown conversation 404', async () => {
    expect((await generate(a.base, 'https://evil.example')).status).toBe(403);
    expect((await generate(a.base, a.base, 'no-such-territory')).status).toBe(404);
    const noOrigin = await fetch(`${a.base}/v3/directline/tokens/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo' }),
    });
    expect(noOrigin.status).toBe(403);

    const { body: one } = await generate(a.base);
    const { body: two } = await generate(a.base);
    const start = (token: string) => fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await start(one.token)).status).toBe(201);
    expect((await start(one.token)).status).toBe(200); // idempotent
    // Token of conversation two on conversation one.
    const foreign = await fetch(`${a.base}/v3/directline/conversations/${one.conversationId}/activities`, { headers: { authorization: `Bearer ${two.token}` } });
    expect(foreign.status).toBe(403);
    // Not yet started: 404.
    const unknown = await fetch(`${a.base}/v3/directline/conversations/${two.conversationId}`, { headers: { authorization: `Bearer ${two.token}` } });
    expect(unknown.status).toBe(404);
    // Expired: same secret, issued an hour ago (expired 30 minutes ago).
    const old = new TokenService(SECRET, 1800, () => a.ta.clock.now - 3600_000); // the app runs on its test clock
    const expired = await old.issue({ conversationId: one.conversationId, territory: 'demo', userId: userIdOf(one.token) });
    const r = await fetch(`${a.base}/v3/directline/conversations/${one.conversationId}`, { headers: { authorization: `Bearer ${expired}` } });
    expect(r.status).toBe(403);
    // Forged: another secret.
    const forged = await new TokenService('another-secret-of-32-characters-at-least', 1800).issue({ conversationId: one.conversationId, territory: 'demo', userId: userIdOf(one.token) });
    expect((await fetch(`${a.base}/v3/directline/conversations/${one.conversationId}`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(403);
    // A token expired within the grace (a laptop that slept) can still be refreshed; one from days ago
    // (the next person at a shared computer) and a forged one cannot.
    const renewed = await fetch(`${a.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${expired}` } });
    expect(renewed.status).toBe(200);
    const daysOld = await new TokenService(SECRET, 1800, () => a.ta.clock.now - 3 * 86_400_000).issue({ conversationId: one.conversationId, territory: 'demo', userId: userIdOf(one.token) });
    expect((await fetch(`${a.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${daysOld}` } })).status).toBe(403);
    expect((await fetch(`${a.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${forged}` } })).status).toBe(403);
    // Refresh gives a working token for the same conversation.
    const refreshed = await fetch(`${a.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${one.token}` } }).then((x) => x.json() as Promise<{ token: string; conversationId: string }>);
    expect(refreshed.conversationId).toBe(one.conversationId);
    expect((await fetch(`${a.base}/v3/directline/conversations/${one.conversationId}`, { headers: { authorization: `Bearer ${refreshed.token}` } })).status).toBe(200);
  });

  test('a WebSocket with a foreign token is refused', async () => {
    const { body: one } = await generate(a.base);
    const { body: two } = await generate(a.base);
    await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${one.token}` } });
    const url = `${a.base.replace('http', 'ws')}/v3/directline/conversations/${one.conversationId}/stream?t=${two.token}`;
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('open', () => resolve('open'));
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('error', () => resolve('error'));
    });
    expect(outcome).toBe('403');
  });

  test('bad JSON → 400, oversize → 413, wrong type → 415, and the server keeps serving', async () => {
    const { body } = await generate(a.base);
    await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
    const url = `${a.base}/v3/directline/conversations/${body.conversationId}/activities`;
    const post = (data: string, type = 'application/json') =>
      fetch(url, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${body.token}` }, body: data });
    expect((await post('{"type": "mess')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message', text: 'x'.repeat(20_000) }))).status).toBe(413);
    expect((await post('hello', 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ type: 'nonsense' }))).status).toBe(400);
    const ok = await post(JSON.stringify({ type: 'message', text: 'menu' }));
    expect(ok.status).toBe(200);
  });

  test('attachments of the wrong shape → 400 with the field named, and the conversation still reads', async () => {
    const { body } = await generate(a.base);
    await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
    const url = `${a.base}/v3/directline/conversations/${body.conversationId}/activities`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${body.token}` };
    const post = (activity: unknown) => fetch(url, { method: 'POST', headers, body: JSON.stringify(activity) });
    for (const attachments of ['x', { contentType: 'image/png' }, [42], [{ contentUrl: 'https://example.org/a.png' }]]) {
      const res = await post({ type: 'message', text: 'bonjour', attachments });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^attachments/);
    }
    expect((await post({ type: 'message', text: 'bonjour', entities: 'x' })).status).toBe(400);
    expect((await post({ type: 'message', text: 'menu', attachments: [{ contentType: 'text/plain', name: 'note.txt' }] })).status).toBe(200);
    const read = await fetch(url, { headers: { authorization: `Bearer ${body.token}` } });
    expect(read.status).toBe(200);
    const { activities } = (await read.json()) as { activities: Partial<Activity>[] };
    expect(activities.some((x) => (x.text ?? '').includes('Que voulez-vous faire'))).toBe(true);
  });

  test('photo upload: a PNG is accepted and acknowledged; other types 415; too big 413', async () => {
    const { body } = await generate(a.base);
    await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
    const url = `${a.base}/v3/directline/conversations/${body.conversationId}/upload?userId=${userIdOf(body.token)}`;
    const upload = (bytes: Buffer, type: string, name: string) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
      return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${body.token}` }, body: form });
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const ok = await upload(png, 'image/png', 'ecran.png');
    expect(ok.status).toBe(200);
    const history = await fetch(`${a.base}/v3/directline/conversations/${body.conversationId}/activities`, { headers: { authorization: `Bearer ${body.token}` } })
      .then((r) => r.json() as Promise<{ activities: Partial<Activity>[] }>);
    const sent = history.activities.find((x) => x.attachments?.length);
    expect(sent?.attachments?.[0].contentType).toBe('image/png');
    expect(history.activities.some((x) => (x.text ?? '').includes("j'ai bien reçu votre photo"))).toBe(true);
    const file = await fetch(sent!.attachments![0].contentUrl!, { headers: { authorization: `Bearer ${body.token}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);

    expect((await upload(Buffer.from('not an image'), 'text/plain', 'a.txt')).status).toBe(415);
    expect((await upload(Buffer.from('GIF89a....'), 'image/png', 'fake.png')).status).toBe(415);
    expect((await upload(Buffer.concat([png, Buffer.alloc(8000)]), 'image/png', 'big.png')).status).toBe(413);
    const json = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  test('the client library reports a clean connection', async () => {
    const { body } = await generate(a.base);
    const c = connect(a.base, body.token);
    const statuses: number[] = [];
    const sub = c.dl.connectionStatus$.subscribe((s: number) => statuses.push(s));
    await c.inbox.waitFor('Que voulez-vous faire ?');
    expect(statuses).toContain(ConnectionStatus.Online);
    sub.unsubscribe();
    c.end();
  });
});
