/**
 * Security review #10, finding 11 (login CSRF): /api/mediator/login accepted form-encoded bodies, so
 * another site could log a browser into an account of its choosing. Now the login takes JSON only
 * (415 otherwise: a cross-site page cannot send JSON without a CORS preflight, which is never
 * granted), and the login and every cookie-authenticated POST refuse a foreign `Origin` (it must be
 * PUBLIC_BASE_URL's). Without an Origin header, a cookie POST still needs its X-CSRF-Token (the
 * documented fallback). Bearer-token API clients are unaffected. Checked in production mode (only
 * PUBLIC_BASE_URL's origin) and in development (the request's own host is also accepted).
 */
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/app';

const PASSWORD = 'correct-horse-battery';
const PUBLIC = 'https://pasapas.example';
const EVIL = 'https://evil.example';

async function listen(ta: TestApp): Promise<string> {
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
}

describe('production (NODE_ENV=production, PUBLIC_BASE_URL set)', () => {
  let ta: TestApp;
  let base: string;

  beforeAll(async () => {
    ta = await startTestApp({
      redis: true,
      env: { NODE_ENV: 'production', PUBLIC_BASE_URL: PUBLIC, DIRECTLINE_TOKEN_SECRET: 'a-csrf-test-secret-of-32-characters-or-more' },
    });
    base = await listen(ta);
    await ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
  });
  afterAll(() => ta.close());

  async function post(path: string, body: string | undefined, headers: Record<string, string>) {
    const res = await fetch(`${base}/api/mediator${path}`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, cookie: res.headers.get('set-cookie'), error: text ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined };
  }
  const credentials = { territory: 'demo', username: 'lea', password: PASSWORD };

  test('the login takes JSON only: a form (what another site can post) is 415 and sets no cookie', async () => {
    const form = new URLSearchParams(credentials).toString();
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', form],
      ['text/plain', JSON.stringify(credentials)],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="territory"\r\n\r\ndemo\r\n--x--\r\n`],
    ] as const) {
      expect({ type, ...(await post('/login', body, { 'content-type': type, origin: EVIL })) }).toEqual({ type, status: 415, cookie: null, error: 'UnsupportedMediaType' });
      expect({ type, ...(await post('/login', body, { 'content-type': type })) }).toMatchObject({ type, status: 415, cookie: null });
    }
    expect(await post('/login', JSON.stringify(credentials), {})).toMatchObject({ status: 415, cookie: null });
    expect(await post('/login', JSON.stringify(credentials), { 'content-type': 'application/json; charset=utf-8' })).toMatchObject({ status: 200 });
  });

  test("the login refuses another site's Origin; ours and none (an API client) are fine", async () => {
    const json = JSON.stringify(credentials);
    expect(await post('/login', json, { 'content-type': 'application/json', origin: EVIL })).toEqual({ status: 403, cookie: null, error: 'Forbidden' });
    expect(await post('/login', json, { 'content-type': 'application/json', origin: 'null' })).toMatchObject({ status: 403, cookie: null });
    expect(await post('/login', json, { 'content-type': 'application/json', origin: base })).toMatchObject({ status: 403 }); // not PUBLIC_BASE_URL
    expect(await post('/login', json, { 'content-type': 'application/json', origin: PUBLIC })).toMatchObject({ status: 200, cookie: expect.stringContaining('pasapas_session=') });
    expect(await post('/login', json, { 'content-type': 'application/json' })).toMatchObject({ status: 200 });
  });

  test('cookie POSTs: a foreign Origin is refused even with the CSRF token; without Origin the CSRF token is required; bearer unaffected', async () => {
    const login = await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: PUBLIC }, body: JSON.stringify(credentials) });
    const { token, csrfToken } = (await login.json()) as { token: string; csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const body = JSON.stringify({ onDuty: true });
    const json = { 'content-type': 'application/json' };
    expect(await post('/presence', body, { ...json, cookie, 'x-csrf-token': csrfToken, origin: EVIL })).toMatchObject({ status: 403, error: 'Forbidden' });
    expect(await post('/presence', body, { ...json, cookie, 'x-csrf-token': csrfToken, origin: 'null' })).toMatchObject({ status: 403 });
    expect(await post('/presence', body, { ...json, cookie, 'x-csrf-token': csrfToken, origin: base })).toMatchObject({ status: 403 });
    expect(await post('/presence', body, { ...json, cookie, 'x-csrf-token': csrfToken, origin: PUBLIC })).toMatchObject({ status: 200 });
    expect(await post('/presence', body, { ...json, cookie, 'x-csrf-token': csrfToken })).toMatchObject({ status: 200 }); // no Origin: the CSRF token
    expect(await post('/presence', body, { ...json, cookie })).toMatchObject({ status: 403 });
    expect(await post('/presence', body, { ...json, cookie, origin: PUBLIC })).toMatchObject({ status: 403 }); // our Origin still needs the token
    // A form body is never accepted on the API, whatever the authentication.
    expect(await post('/presence', 'onDuty=true', { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-csrf-token': csrfToken, origin: PUBLIC })).toMatchObject({ status: 415 });
    // Bearer tokens cannot be sent by another site: no Origin check, no CSRF token.
    expect(await post('/presence', body, { ...json, authorization: `Bearer ${token}`, origin: EVIL })).toMatchObject({ status: 200 });
    // GETs are not changed.
    expect((await fetch(`${base}/api/mediator/me`, { headers: { cookie, origin: PUBLIC } })).status).toBe(200);
    // Logout is a cookie POST too.
    expect(await post('/logout', undefined, { cookie, 'x-csrf-token': csrfToken, origin: EVIL })).toMatchObject({ status: 403 });
    expect(await post('/logout', undefined, { cookie, 'x-csrf-token': csrfToken, origin: PUBLIC })).toMatchObject({ status: 204 });
  });
});

test('development: the console opened on the server\'s own address (Origin = its host) works; another site does not', async () => {
  const ta = await startTestApp({ redis: false });
  try {
    const base = await listen(ta);
    await ta.app.mediators.add({ territory: 'demo', username: 'dev', name: 'Dev', password: PASSWORD });
    const body = JSON.stringify({ territory: 'demo', username: 'dev', password: PASSWORD });
    const evil = await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: EVIL }, body });
    expect(evil.status).toBe(403);
    const ok = await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body });
    expect(ok.status).toBe(200);
    const { csrfToken } = (await ok.json()) as { csrfToken: string };
    const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0];
    const presence = (origin: string) =>
      fetch(`${base}/api/mediator/presence`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, origin }, body: JSON.stringify({ onDuty: false }) });
    expect((await presence(base)).status).toBe(200);
    expect((await presence(EVIL)).status).toBe(403);
  } finally {
    await ta.close();
  }
});
