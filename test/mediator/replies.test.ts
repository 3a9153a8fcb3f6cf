/**
 * GET/PUT /api/mediator/replies (issue 19): the team's canned replies per territory and language — the same
 * contract on real Redis and in memory. Coordinators edit, mediators read; a territory never sees another's.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app';
import { defaultReplies, MemoryReplyStore, RedisReplyStore, type ReplyStore } from '../../src/mediator/replies';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';
import type { RedisClient } from '../../src/storage/redis';

const TERRITORIES = join(__dirname, '..', 'fixtures', 'territories');
const PASSWORD = 'correct-horse-battery';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('the canned replies API on %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;

  const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      json = { raw: text };
    }
    return { status: res.status, body: json };
  };
  const tokenOf = async (territory: string, username: string) => {
    const r = await call('POST', '/api/mediator/login', undefined, { territory, username, password: PASSWORD });
    expect(r.status).toBe(200);
    return r.body!.token as string;
  };
  const errorOf = (r: { body: Record<string, unknown> | null }) => r.body?.error as { code: string; message: string } | undefined;

  beforeAll(async () => {
    ta = await startTestApp({ redis, territoriesDir: TERRITORIES });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    await ta.app.mediators.add({ territory: 'demo', username: 'coco', name: 'Coco', password: PASSWORD, role: 'coordinateur' });
    await ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
    await ta.app.mediators.add({ territory: 'horaires', username: 'zoe', name: 'Zoé', password: PASSWORD, role: 'coordinateur' });
  });
  afterAll(() => ta.close());

  test('the defaults until a coordinator saves; then the saved list, for every mediator of the territory only', async () => {
    const lea = await tokenOf('demo', 'lea');
    const first = await call('GET', '/api/mediator/replies?locale=fr', lea);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ territory: 'demo', locale: 'fr', replies: defaultReplies('fr'), custom: false });
    expect((first.body!.replies as unknown[]).length).toBeGreaterThan(3);
    // No locale: French.
    expect((await call('GET', '/api/mediator/replies', lea)).body!.locale).toBe('fr');
    expect((await call('GET', '/api/mediator/replies?locale=en', lea)).body!.replies).toEqual(defaultReplies('en'));

    const coco = await tokenOf('demo', 'coco');
    const replies = [
      { title: 'Bonjour', text: 'Bonjour, je suis Coco. Je lis votre message.' },
      { title: '  Impôts  ', text: '  Votre numéro fiscal est sur votre avis d\'impôt.  ' },
    ];
    const put = await call('PUT', '/api/mediator/replies', coco, { locale: 'fr', replies });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      territory: 'demo',
      locale: 'fr',
      custom: true,
      updatedBy: 'demo:coco',
      updatedAt: ta.app.now(),
      replies: [replies[0], { title: 'Impôts', text: "Votre numéro fiscal est sur votre avis d'impôt." }],
    });
    // Every mediator of the territory reads the saved list; the other language keeps its defaults.
    expect((await call('GET', '/api/mediator/replies?locale=fr', lea)).body).toEqual(put.body);
    expect((await call('GET', '/api/mediator/replies?locale=en', lea)).body!.custom).toBe(false);
    // Another territory: its own defaults, untouched; its coordinator's save does not reach demo.
    const zoe = await tokenOf('horaires', 'zoe');
    expect((await call('GET', '/api/mediator/replies?locale=fr', zoe)).body).toEqual({ territory: 'horaires', locale: 'fr', replies: defaultReplies('fr'), custom: false });
    expect((await call('PUT', '/api/mediator/replies', zoe, { locale: 'fr', replies: [{ title: 'Horaires', text: 'Nous sommes ouverts le matin.' }] })).status).toBe(200);
    expect((await call('GET', '/api/mediator/replies?locale=fr', lea)).body).toEqual(put.body);
    // The audit log has the edit.
    expect((await ta.app.audit.list('demo', 10)).map((e) => e.action)).toContain('replies-edit');
    // An empty list is the team's choice: no replies.
    expect((await call('PUT', '/api/mediator/replies', coco, { locale: 'en', replies: [] })).body).toMatchObject({ locale: 'en', replies: [], custom: true });
  });

  test('only coordinators edit (403, nothing written); a session is needed (401)', async () => {
    const lea = await tokenOf('demo', 'lea');
    const before = (await call('GET', '/api/mediator/replies?locale=fr', lea)).body;
    const r = await call('PUT', '/api/mediator/replies', lea, { locale: 'fr', replies: [{ title: 'X', text: 'Y' }] });
    expect(r.status).toBe(403);
    expect(errorOf(r)?.code).toBe('Forbidden');
    // Even with a broken body: the role comes first.
    expect((await call('PUT', '/api/mediator/replies', lea, { nope: true })).status).toBe(403);
    expect((await call('GET', '/api/mediator/replies?locale=fr', lea)).body).toEqual(before);
    expect((await call('GET', '/api/mediator/replies')).status).toBe(401);
    expect((await call('PUT', '/api/mediator/replies', undefined, { locale: 'fr', replies: [] })).status).toBe(401);
  });

  test('a bad request says which field and why (400), or that the body is not JSON (415)', async () => {
    const coco = await tokenOf('demo', 'coco');
    const cases: Array<[unknown, RegExp]> = [
      [{ replies: [] }, /^locale: /],
      [{ locale: 'de', replies: [] }, /^locale: /],
      [{ locale: 'fr' }, /^replies: /],
      [{ locale: 'fr', replies: [{ title: '', text: 'Bonjour.' }] }, /^replies\.0\.title: empty title/],
      [{ locale: 'fr', replies: [{ title: 'A', text: '   ' }] }, /^replies\.0\.text: empty text/],
      [{ locale: 'fr', replies: [{ title: 'x'.repeat(61), text: 'Bonjour.' }] }, /^replies\.0\.title: title: 60 characters at most/],
      [{ locale: 'fr', replies: [{ title: 'A', text: 'x'.repeat(1001) }] }, /^replies\.0\.text: text: 1000 characters at most/],
      [{ locale: 'fr', replies: [{ title: 'A', text: 'B', extra: 1 }] }, /^replies\.0: /],
      [{ locale: 'fr', replies: [{ title: 'Bonjour', text: 'B' }, { title: 'bonjour ', text: 'C' }] }, /^replies\.1\.title: "bonjour" is already the title of another reply/],
      [{ locale: 'fr', replies: Array.from({ length: 31 }, (_, i) => ({ title: `R${i}`, text: 'Bonjour.' })) }, /^replies: 30 replies at most/],
      [{ locale: 'fr', replies: [], more: 1 }, /^body: /],
    ];
    for (const [body, message] of cases) {
      const r = await call('PUT', '/api/mediator/replies', coco, body);
      expect([JSON.stringify(body).slice(0, 80), r.status, errorOf(r)?.code]).toEqual([JSON.stringify(body).slice(0, 80), 400, 'BadRequest']);
      expect(errorOf(r)?.message).toMatch(message);
    }
    expect((await call('GET', '/api/mediator/replies?locale=de', coco)).status).toBe(400);
    const form = await call('PUT', '/api/mediator/replies', coco, 'locale=fr', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    // Nothing of it was saved.
    expect((await call('GET', '/api/mediator/replies?locale=fr', coco)).body!.replies).not.toEqual(expect.arrayContaining([expect.objectContaining({ title: 'R0' })]));
  });

  test('a cookie PUT needs the CSRF header and our own Origin', async () => {
    const login = await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username: 'coco', password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const body = JSON.stringify({ locale: 'fr', replies: [{ title: 'Cookie', text: 'Envoyé par la console.' }] });
    const put = (headers: Record<string, string>) => fetch(`${base}/api/mediator/replies`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers }, body });
    expect((await put({})).status).toBe(403);
    expect((await put({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' })).status).toBe(403);
    expect((await put({ 'x-csrf-token': csrfToken })).status).toBe(200);
  });
});

describe.each([
  ['memory', false],
  ['real Redis', true],
] as const)('the reply store on %s', (_name, onRedis) => {
  let client: RedisClient | undefined;
  let prefix: string;
  let store: ReplyStore;

  beforeAll(async () => {
    prefix = randomPrefix();
    if (onRedis) client = await connectRedis();
    store = onRedis ? new RedisReplyStore(client!, prefix) : new MemoryReplyStore();
  });
  afterAll(async () => {
    if (client) {
      await deletePrefix(client, prefix);
      client.disconnect();
    }
  });

  test('one list per territory and language; a new save replaces it; nothing before', async () => {
    expect(await store.get('demo', 'fr')).toBeUndefined();
    const v = { replies: [{ title: 'A', text: 'Bonjour.' }], updatedAt: 1, updatedBy: 'demo:coco' };
    await store.set('demo', 'fr', v);
    expect(await store.get('demo', 'fr')).toEqual(v);
    expect(await store.get('demo', 'en')).toBeUndefined();
    expect(await store.get('creuse', 'fr')).toBeUndefined();
    const w = { replies: [], updatedAt: 2, updatedBy: 'demo:coco' };
    await store.set('demo', 'fr', w);
    expect(await store.get('demo', 'fr')).toEqual(w);
    if (client) expect(await client.type(`${prefix}med:{demo}:replies:fr`)).toBe('string');
  });
});
