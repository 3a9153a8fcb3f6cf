/**
 * WebSocket limits: one token opened 1,000 sockets. Now at most WEBCHAT_SOCKETS_PER_CONVERSATION (3)
 * per conversation and WEBCHAT_SOCKETS_PER_IP per client address on an instance; the upgrade beyond
 * is refused with 429 + Retry-After before any socket is kept, and a closed socket frees its place.
 */
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';

let ta: TestApp;
let base: string;
const opened: WebSocket[] = [];

beforeAll(async () => {
  ta = await startTestApp({ env: { DIRECTLINE_TOKEN_SECRET: 'a-sockets-test-secret-of-32-characters-or-more', TRUST_PROXY: 'true', WEBCHAT_SOCKETS_PER_IP: '5' } });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const ws of opened) ws.terminate();
  await ta.close();
});

async function conversation(ip: string): Promise<{ token: string; conversationId: string }> {
  const headers = { 'content-type': 'application/json', origin: ta.app.territories.ownOrigin, 'x-forwarded-for': ip };
  const gen = (await (await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
  const res = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${gen.token}` } });
  expect(res.status).toBe(201);
  return gen;
}

/** Open a stream: 'open', or the HTTP status (and Retry-After) of the refused upgrade. */
function open(c: { token: string; conversationId: string }, ip: string): Promise<{ result: 'open' | number; retryAfter?: string; ws: WebSocket }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/${c.conversationId}/stream?t=${encodeURIComponent(c.token)}`, {
    headers: { 'x-forwarded-for': ip },
  });
  opened.push(ws);
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ result: 'open', ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ result: res.statusCode ?? 0, retryAfter: String(res.headers['retry-after'] ?? ''), ws }));
    ws.on('error', () => undefined);
  });
}

const closed = (ws: WebSocket) =>
  new Promise<void>((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });

describe('web chat WebSocket limits', () => {
  it('one conversation: 3 sockets at most, even opened all at once; a closed one frees its place', async () => {
    const c = await conversation('198.51.100.10');
    const results = await Promise.all(Array.from({ length: 10 }, () => open(c, '198.51.100.10')));
    expect(results.filter((r) => r.result === 'open')).toHaveLength(3);
    const refused = results.filter((r) => r.result !== 'open');
    expect(new Set(refused.map((r) => r.result))).toEqual(new Set([429]));
    expect(refused.every((r) => /^\d+$/.test(r.retryAfter ?? ''))).toBe(true);

    await closed(results.find((r) => r.result === 'open')!.ws);
    await new Promise((r) => setTimeout(r, 50));
    expect((await open(c, '198.51.100.10')).result).toBe('open');
    expect((await open(c, '198.51.100.10')).result).toBe(429);
  });

  it('a malformed stream path is refused with 400, and the server goes on', async () => {
    const rejections: unknown[] = [];
    const onRejection = (err: unknown) => rejections.push(err);
    process.on('unhandledRejection', onRejection);
    try {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/%E0%A4%A/stream?t=x`, { handshakeTimeout: 3000 });
      opened.push(ws);
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => resolve(-1));
      });
      expect(status).toBe(400);
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('one client address: WEBCHAT_SOCKETS_PER_IP at most across its conversations; another address is not affected', async () => {
    const ip = '203.0.113.20';
    const results: Array<'open' | number> = [];
    for (let i = 0; i < 3; i++) {
      const c = await conversation(ip);
      results.push((await open(c, ip)).result, (await open(c, ip)).result);
    }
    expect(results).toEqual(['open', 'open', 'open', 'open', 'open', 429]);
    const other = await conversation('203.0.113.21');
    expect((await open(other, '203.0.113.21')).result).toBe('open');
  });
});
