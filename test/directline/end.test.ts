/**
 * "Terminer et effacer": DELETE /v3/directline/conversations/:id with the conversation's token ends
 * it on every instance — its activities, photos, handoff, bot state and counters are gone from Redis
 * (a scan of every key finds nothing tied to it), its sockets close, its token reaches nothing.
 */
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { RedisClient } from '../../src/storage/redis';
import { startTestApp, type TestApp } from '../helpers/app';
import { keysWithPrefix, randomPrefix } from '../helpers/redis';

const SECRET = 'an-end-test-secret-of-32-characters-or-more';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

const prefix = randomPrefix();
let a: TestApp;
let b: TestApp;
let baseA: string;
let baseB: string;

async function listen(ta: TestApp): Promise<string> {
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  a = await startTestApp({ redis: true, prefix, onDuty: true, env: { DIRECTLINE_TOKEN_SECRET: SECRET } });
  b = await startTestApp({ redis: true, prefix, env: { DIRECTLINE_TOKEN_SECRET: SECRET } });
  baseA = await listen(a);
  baseB = await listen(b);
});

afterAll(async () => {
  await b.close();
  await a.close();
});

async function api(base: string, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = { origin: a.app.territories.ownOrigin };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}/v3/directline/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

async function dump(redis: RedisClient, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'string') return (await redis.get(key)) ?? '';
  if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
  if (type === 'list') return JSON.stringify(await redis.lrange(key, 0, -1));
  if (type === 'set') return JSON.stringify(await redis.smembers(key));
  if (type === 'zset') return JSON.stringify(await redis.zrange(key, 0, -1));
  if (type === 'stream') return JSON.stringify(await redis.xrange(key, '-', '+'));
  return '';
}

describe('ending a web chat conversation', () => {
  it('erases everything tied to it, on every instance, and its token reaches nothing', async () => {
    const gen = await api(baseA, 'POST', 'tokens/generate', undefined, { territory: 'demo' });
    const { token, conversationId } = gen.body as { token: string; conversationId: string };
    const userId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).user as string;
    expect((await api(baseA, 'POST', 'conversations', token)).status).toBe(201);
    for (const text of ["J'habite rue des Lilas", 'conseiller', 'oui']) {
      expect((await api(baseA, 'POST', `conversations/${conversationId}/activities`, token, { type: 'message', text })).status).toBe(200);
    }
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'ecran.png');
    const up = await fetch(`${baseA}/v3/directline/conversations/${conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(up.status).toBe(200);
    expect((await a.app.queue.waiting('demo')).some((r) => r.reference.conversation?.id === conversationId)).toBe(true);

    // A socket held by the other instance.
    const ws = new WebSocket(`${baseB.replace('http', 'ws')}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));

    const traces = [conversationId, userId, 'Lilas'];
    const found = async () => {
      const hits: string[] = [];
      for (const key of await keysWithPrefix(a.admin!, prefix)) {
        const value = await dump(a.admin!, key);
        for (const trace of traces) if (key.includes(trace) || value.includes(trace)) hits.push(`${key} ∋ ${trace}`);
      }
      return hits;
    };
    expect((await found()).length).toBeGreaterThan(3);

    // Someone else's token, or none: refused, nothing erased.
    const other = await api(baseA, 'POST', 'tokens/generate', undefined, { territory: 'demo' });
    expect((await api(baseA, 'DELETE', `conversations/${conversationId}`, (other.body as { token: string }).token)).status).toBe(403);
    expect((await api(baseA, 'DELETE', `conversations/${conversationId}`)).status).toBe(403);

    const ended = await fetch(`${baseA}/v3/directline/conversations/${conversationId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(ended.status).toBe(204);

    expect(await closed).toBe(1000);
    expect(await found()).toEqual([]);
    expect((await a.app.queue.waiting('demo')).some((r) => r.reference.conversation?.id === conversationId)).toBe(false);
    for (const base of [baseA, baseB]) {
      expect((await api(base, 'GET', `conversations/${conversationId}`, token)).status).toBe(404);
      expect((await api(base, 'GET', `conversations/${conversationId}/activities`, token)).status).toBe(404);
      expect((await api(base, 'POST', `conversations/${conversationId}/activities`, token, { type: 'message', text: 'bonjour' })).status).toBe(404);
    }
    expect(await found()).toEqual([]); // nothing written back by those attempts
    // Ending twice: the conversation is already gone.
    expect((await api(baseB, 'DELETE', `conversations/${conversationId}`, token)).status).toBe(404);
  });

  it('accepts a token expired within the refresh grace (a page that slept), not an older one', async () => {
    const gen = await api(baseA, 'POST', 'tokens/generate', undefined, { territory: 'demo' });
    const { token, conversationId } = gen.body as { token: string; conversationId: string };
    expect((await api(baseA, 'POST', 'conversations', token)).status).toBe(201);
    const gen2 = await api(baseA, 'POST', 'tokens/generate', undefined, { territory: 'demo' });
    const second = gen2.body as { token: string; conversationId: string };
    expect((await api(baseA, 'POST', 'conversations', second.token)).status).toBe(201);

    const ttlMs = a.app.config.directLine.tokenTtlSeconds * 1000;
    for (const ta of [a, b]) ta.clock.advance(ttlMs + 10 * 60_000);
    expect((await api(baseA, 'DELETE', `conversations/${conversationId}`, token)).status).toBe(204);
    for (const ta of [a, b]) ta.clock.advance(2 * 3600_000);
    expect((await api(baseA, 'DELETE', `conversations/${second.conversationId}`, second.token)).status).toBe(403);
  });
});
