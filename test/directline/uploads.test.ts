/**
 * Photo uploads cannot fill Redis: a photo counts in the conversation's messages a minute, and in
 * daily quotas per conversation (photos and MB), per client address (photos and MB) and per
 * territory (MB), shared by two instances on a real Redis. Beyond: 429 + Retry-After, nothing stored.
 * Stored bytes and refusals are Prometheus metrics.
 */
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app';
import { keysWithPrefix, randomPrefix } from '../helpers/redis';

const SECRET = 'an-uploads-test-secret-of-32-characters-or-more';
const MB = 1024 * 1024;
/** A "PNG" of `size` bytes: its signature, then zeros (the server checks the first bytes). */
const png = (size: number) => Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(size - 8)]);

interface Instance {
  ta: TestApp;
  base: string;
}

async function instance(prefix: string, env: Record<string, string>): Promise<Instance> {
  const ta = await startTestApp({ redis: true, prefix, env: { DIRECTLINE_TOKEN_SECRET: SECRET, TRUST_PROXY: 'true', ...env } });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  return { ta, base: `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}` };
}

async function conversation(i: Instance, ip: string) {
  const headers = { 'content-type': 'application/json', origin: i.ta.app.territories.ownOrigin, 'x-forwarded-for': ip };
  const gen = (await (await fetch(`${i.base}/v3/directline/tokens/generate`, { method: 'POST', headers, body: JSON.stringify({ territory: 'demo' }) })).json()) as { token: string; conversationId: string };
  expect((await fetch(`${i.base}/v3/directline/conversations`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${gen.token}` } })).status).toBe(201);
  return { ...gen, ip };
}

async function upload(i: Instance, c: { token: string; conversationId: string; ip: string }, size = 1000) {
  const form = new FormData();
  form.append('file', new Blob([png(size)], { type: 'image/png' }), 'ecran.png');
  const res = await fetch(`${i.base}/v3/directline/conversations/${c.conversationId}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'x-forwarded-for': c.ip },
    body: form,
  });
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: res.status, code: body?.error?.code, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
}

async function say(i: Instance, c: { token: string; conversationId: string }, text: string) {
  const res = await fetch(`${i.base}/v3/directline/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text }),
  });
  return res.status;
}

async function storedPhotos(i: Instance, prefix: string, conversationId: string): Promise<number> {
  return (await keysWithPrefix(i.ta.admin!, `${prefix}dl:{${conversationId}}:file:`)).length;
}

describe('web chat photos and the messages-a-minute limit', () => {
  const prefix = randomPrefix();
  let a: Instance;
  beforeAll(async () => {
    a = await instance(prefix, { WEBCHAT_MESSAGES_PER_MINUTE: '3' });
  });
  afterAll(() => a.ta.close());

  it('a photo counts as a message', async () => {
    const c = await conversation(a, '192.0.2.1');
    expect(await say(a, c, 'bonjour')).toBe(200);
    expect((await upload(a, c)).status).toBe(200);
    expect(await say(a, c, 'menu')).toBe(200);
    const refused = await upload(a, c);
    expect(refused).toEqual({ status: 429, code: 'TooManyRequests', retryAfter: 60 });
    expect(await storedPhotos(a, prefix, c.conversationId)).toBe(1);
  });
});

describe('web chat daily photo quotas on two instances', () => {
  const prefix = randomPrefix();
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    const env = {
      WEBCHAT_UPLOADS_PER_CONVERSATION_PER_DAY: '3',
      WEBCHAT_UPLOAD_MB_PER_CONVERSATION_PER_DAY: '2',
      WEBCHAT_UPLOADS_PER_IP_PER_DAY: '5',
      WEBCHAT_UPLOAD_MB_PER_IP_PER_DAY: '100',
      WEBCHAT_UPLOAD_MB_PER_TERRITORY_PER_DAY: '6',
    };
    a = await instance(prefix, env);
    b = await instance(prefix, env);
  });
  afterAll(async () => {
    await b.ta.close();
    await a.ta.close();
  });

  it('per conversation: 3 photos a day, counted across instances', async () => {
    const c = await conversation(a, '198.51.100.1');
    const results = [await upload(a, c), await upload(b, c), await upload(a, c), await upload(b, c)];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(results[3].code).toBe('PhotoQuotaExceeded');
    // Retry-After: when the 24-hour window started by the first photo ends.
    expect(results[3].retryAfter).toBeGreaterThan(23 * 3600);
    expect(results[3].retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(await storedPhotos(a, prefix, c.conversationId)).toBe(3);
  });

  it('per conversation: 2 MB a day; a refused photo is not stored nor counted', async () => {
    const c = await conversation(b, '198.51.100.2');
    expect((await upload(a, c, MB)).status).toBe(200);
    const big = await upload(b, c, MB + 10);
    expect([big.status, big.code]).toEqual([429, 'PhotoQuotaExceeded']);
    expect((await upload(a, c, MB - 10)).status).toBe(200); // still fits: the refused one was not counted
    expect(await storedPhotos(a, prefix, c.conversationId)).toBe(2);
  });

  it('per client address: 5 photos a day across its conversations; another address is not affected', async () => {
    const ip = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await conversation(i % 2 ? a : b, ip);
      statuses.push((await upload(a, c)).status, (await upload(b, c)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const other = await conversation(a, '203.0.113.10');
    expect((await upload(b, other)).status).toBe(200);
  });

  it('per territory: 6 MB a day from everyone; then refused, and the metrics say so', async () => {
    // So far: 1 MB + (1 MB - 10 bytes) and 9 photos of 1,000 bytes; three more MB fit, a fourth does not.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await conversation(a, `192.0.2.${100 + i}`);
      statuses.push((await upload(i % 2 ? a : b, c, MB)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const metrics = await (await fetch(`${a.base}/metrics`)).text();
    const stored = Number(/^pasapas_webchat_upload_bytes_stored_total\{territory="demo"\} (\d+)/m.exec(metrics)?.[1] ?? -1);
    expect(stored).toBeGreaterThan(2 * MB);
    expect(metrics).toMatch(/^pasapas_webchat_uploads_refused_total\{territory="demo",reason="territory"\} [1-9]/m);
    expect(metrics).toMatch(/^pasapas_redis_memory_used_bytes \d+/m);
  });
});
