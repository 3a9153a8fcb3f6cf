/**
 * ProConnect sign-in (issue 20) against a real OpenID Connect provider (`oidc-provider`, started by the test on a
 * loopback port): the browser's round trip is played by fetch with a cookie jar. Happy path (agent matched by e-mail,
 * case-insensitive, to an account a coordinator created; the session works like a password one, a territory that
 * requires two-factor included); wrong state, wrong nonce, an expired ID token, an unknown agent: a French page with
 * the reason, no session, nothing created, and every outcome in the territory's audit log. Memory and real Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { FIXTURE_DIALOGS, startTestApp, type TestApp } from '../helpers/app';

const PASSWORD = 'correct-horse-battery';
const CLIENT_ID = 'pasapas-test';
const CLIENT_SECRET = 'test-client-secret-0123456789';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function startProvider(redirectUri: string): Promise<{ child: ChildProcess; issuer: string }> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'helpers', 'oidcProvider.mjs')], {
    env: { ...process.env, NODE_ENV: 'test', CLIENT_ID, CLIENT_SECRET, REDIRECT_URI: redirectUri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`oidc provider exited (${code}): ${errors}`)));
  });
  return { child, issuer: (JSON.parse(line) as { issuer: string }).issuer };
}

/** A browser: follows redirects by hand, keeping each origin's cookies; `rewrite` lets a test tamper with a URL on the way. */
async function browse(start: string, rewrite: (url: URL) => URL = (u) => u) {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop++) {
    url = rewrite(url);
    const cookies = jar.get(url.origin) ?? new Map<string, string>();
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair.split('=');
      if (/Max-Age=0/i.test(c)) cookies.delete(k.trim());
      else cookies.set(k.trim(), v.join('='));
    }
    jar.set(url.origin, cookies);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location && !location.startsWith('/mediator/')) {
      url = new URL(location, url);
      continue;
    }
    return { res, text: await res.text(), cookies: (origin: string) => jar.get(origin) ?? new Map<string, string>() };
  }
  throw new Error('too many redirects');
}

describe.each([
  ['embedded (memory)', false],
  ['Redis', true],
] as const)('ProConnect sign-in — %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;
  let dir: string;
  let provider: { child: ChildProcess; issuer: string };

  const as = async (who: Record<string, string>) => {
    const r = await fetch(`${provider.issuer}/_test/user`, { method: 'POST', body: JSON.stringify(who) });
    expect(r.status).toBe(204);
  };
  const skew = async (seconds: number) => {
    expect((await fetch(`${provider.issuer}/_test/skew`, { method: 'POST', body: JSON.stringify({ seconds }) })).status).toBe(204);
  };
  const signIn = (territory = 'demo', rewrite?: (u: URL) => URL) => browse(`${base}/api/mediator/proconnect/login?territory=${territory}`, rewrite);
  const refusals = async () => (await ta.app.audit.list('demo', 1000)).filter((e) => e.action === 'proconnect-refused').map((e) => e.detail);
  const accountCount = async () => (await ta.app.mediators.list('demo')).length;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startProvider(`${base}/api/mediator/proconnect/callback`);
    // The demo territory with ProConnect on, and two-factor required (a ProConnect sign-in counts as strong).
    dir = mkdtempSync(join(tmpdir(), 'pasapas-pc-'));
    const demo = readFileSync(join(__dirname, '..', 'fixtures', 'territories', 'demo.yaml'), 'utf8');
    writeFileSync(join(dir, 'demo.yaml'), `${demo}\nsecurity:\n  require2fa: true\n  proconnect: true\n`);
    writeFileSync(join(dir, 'hub.yaml'), readFileSync(join(__dirname, '..', 'fixtures', 'territories', 'hub.yaml'), 'utf8'));
    ta = await startTestApp({
      redis,
      dialogsDir: FIXTURE_DIALOGS,
      menu: ['essai'],
      territoriesDir: dir,
      env: { PROCONNECT_ISSUER: provider.issuer, PROCONNECT_CLIENT_ID: CLIENT_ID, PROCONNECT_CLIENT_SECRET: CLIENT_SECRET, PROCONNECT_REDIRECT_URL: `${base}/api/mediator/proconnect/callback` },
    });
    await new Promise<void>((r) => ta.app.server.listen(port, '127.0.0.1', () => r()));
    await ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD, email: 'Lea.Martin@Example.gouv.fr' });
    await ta.app.mediators.add({ territory: 'demo', username: 'paul', name: 'Paul', password: PASSWORD });
  });
  afterAll(async () => {
    provider?.child.kill();
    await ta?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => skew(0));

  it('an agent whose e-mail a coordinator gave an account signs in: the same session as a password sign-in, no TOTP asked', async () => {
    await as({ sub: 'agent-lea', email: 'lea.martin@example.GOUV.fr', given_name: 'Léa', usual_name: 'Martin' });
    const { res, cookies } = await signIn();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/mediator/');
    const session = cookies(base).get('pasapas_session');
    expect(session).toBeTruthy();
    expect(cookies(base).has('pasapas_pc')).toBe(false);
    const me = await fetch(`${base}/api/mediator/me`, { headers: { cookie: `pasapas_session=${session}` } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as Record<string, unknown>;
    expect([body.username, body.territory, typeof body.csrfToken, body.twoFactorSetupRequired]).toEqual(['lea', 'demo', 'string', undefined]);
    // The territory requires two-factor, yet this session works (not enrol-only): ProConnect counts as strong.
    const queue = await fetch(`${base}/api/mediator/queue`, { headers: { cookie: `pasapas_session=${session}` } });
    expect(queue.status).toBe(200);
    // The cookie session takes a POST with the CSRF token from /me, like the console does.
    const presence = await fetch(`${base}/api/mediator/presence`, {
      method: 'POST',
      headers: { cookie: `pasapas_session=${session}`, 'x-csrf-token': String(body.csrfToken), 'content-type': 'application/json' },
      body: JSON.stringify({ onDuty: false }),
    });
    expect(presence.status).toBeLessThan(300);
    const logins = (await ta.app.audit.list('demo', 1000)).filter((e) => e.action === 'login');
    expect(logins.map((e) => [e.mediatorId, e.detail])).toContainEqual(['demo:lea', 'proconnect']);
  });

  it('an agent no account has: a French page saying so, no session, no account created, a line in the audit log', async () => {
    await as({ sub: 'agent-x', email: 'inconnu@example.gouv.fr', given_name: 'Jean', usual_name: 'Inconnu' });
    const before = await accountCount();
    const { res, text, cookies } = await signIn();
    expect(res.status).toBe(403);
    expect(text).toContain('Aucun compte de médiateur de ce territoire n&#39;a votre adresse e-mail');
    expect(cookies(base).has('pasapas_session')).toBe(false);
    expect(await accountCount()).toBe(before);
    expect(await refusals()).toContain('unknown');
  });

  it('a wrong state (the callback tampered with): refused, nothing created', async () => {
    await as({ sub: 'agent-lea', email: 'lea.martin@example.gouv.fr', given_name: 'Léa', usual_name: 'Martin' });
    const { res, text, cookies } = await signIn('demo', (u) => {
      if (u.pathname === '/api/mediator/proconnect/callback') u.searchParams.set('state', 'forged-state-value');
      return u;
    });
    expect(res.status).toBe(400);
    expect(text).toContain('data-reason="state"');
    expect(text).toContain("La connexion a expiré ou n'a pas été commencée ici.".replace("'", '&#39;'));
    expect(cookies(base).has('pasapas_session')).toBe(false);
  });

  it('a disabled account: refused with its reason; a state started in another browser: refused', async () => {
    await as({ sub: 'agent-lea', email: 'lea.martin@example.gouv.fr', given_name: 'Léa', usual_name: 'Martin' });
    await ta.app.mediators.update('demo', 'lea', { disabled: true });
    try {
      const { res, text, cookies } = await signIn();
      expect(res.status).toBe(403);
      expect(text).toContain('Votre compte est désactivé.');
      expect(cookies(base).has('pasapas_session')).toBe(false);
      expect(await refusals()).toContain('disabled');
    } finally {
      await ta.app.mediators.update('demo', 'lea', { disabled: false });
    }
    // Another browser (no pasapas_pc cookie) brings back a genuine code and state: refused, the state is spent.
    const start = await fetch(`${base}/api/mediator/proconnect/login?territory=demo`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location')!);
    const done = await browse(authorize.href, (u) => u);
    expect(done.res.status).toBe(400);
    expect(done.text).toContain('data-reason="state"');
  });

  it('a wrong nonce (the request to the provider tampered with): the ID token is refused', async () => {
    await as({ sub: 'agent-lea', email: 'lea.martin@example.gouv.fr', given_name: 'Léa', usual_name: 'Martin' });
    const { res, text, cookies } = await signIn('demo', (u) => {
      if (u.origin === provider.issuer && u.searchParams.has('nonce')) u.searchParams.set('nonce', 'a-nonce-we-never-sent');
      return u;
    });
    expect(res.status).toBe(400);
    expect(text).toContain('data-reason="nonce"');
    expect(cookies(base).has('pasapas_session')).toBe(false);
    expect(await refusals()).toContain('nonce');
  });

  it('an ID token already expired (the provider\'s clock two hours behind): refused', async () => {
    await as({ sub: 'agent-lea', email: 'lea.martin@example.gouv.fr', given_name: 'Léa', usual_name: 'Martin' });
    await skew(-2 * 3600);
    const { res, text, cookies } = await signIn();
    expect(res.status).toBe(400);
    expect(text).toContain('data-reason="expired"');
    expect(cookies(base).has('pasapas_session')).toBe(false);
    expect(await refusals()).toContain('expired');
  });

  it('the console login page offers "S\'identifier avec ProConnect" for the territories that have it, and only them', async () => {
    const page = await (await fetch(`${base}/mediator/`)).text();
    expect(page).toContain('<a id="pc-proconnect-link" class="pc-proconnect" href="/api/mediator/proconnect/login">S&#39;identifier avec ProConnect</a>');
    expect(page).toContain('"proconnect":["demo"]');
  });

  it('a territory without ProConnect: 404 and the page says to use the password', async () => {
    const { res, text } = await signIn('hub');
    expect(res.status).toBe(404);
    expect(text).toContain("ProConnect n&#39;est pas ouvert pour ce territoire.");
  });

  // Last: it uses up this address's sign-in starts.
  it('more than 30 sign-ins started from one address in 15 minutes: 429 with Retry-After and a French page', async () => {
    const answers: Response[] = [];
    for (let i = 0; i < 31; i++) answers.push(await fetch(`${base}/api/mediator/proconnect/login?territory=demo`, { redirect: 'manual' }));
    expect(answers[0].status).toBe(302);
    const last = answers[answers.length - 1];
    expect([last.status, last.headers.get('retry-after')]).toEqual([429, '900']);
    expect(await last.text()).toContain('Trop de tentatives depuis cet ordinateur.');
  });
});
