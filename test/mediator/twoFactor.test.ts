/**
 * Two-factor sign-in (TOTP, RFC 6238) for mediators (issue 20): the RFC's test vectors; enrolment with a QR code
 * and recovery codes shown once; a territory that requires it (`security.require2fa`) gives a mediator without one a
 * session that can only enrol; every sign-in then needs a code, console and API alike (one login route); a code is
 * never accepted twice; a recovery code works once; a coordinator resets a lost phone. Memory and real Redis.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import { startTestApp, type TestApp } from '../helpers/app';
import { FIXTURE_DIALOGS } from '../helpers/app';
import { checkTotp, totpCode } from '../../src/mediator/totp';

const PASSWORD = 'correct-horse-battery';

describe('RFC 6238 test vectors (Appendix B)', () => {
  // The RFC's seeds are ASCII strings; its codes have 8 digits. Ours have 6: the last 6 digits of the same number.
  const seed = (ascii: string) => Secret.fromLatin1(ascii).base32;
  const SHA1 = seed('12345678901234567890');
  const VECTORS: Array<[number, string, string, string]> = [
    // time (s), SHA1, SHA256, SHA512
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];

  it('our codes (SHA-1, 6 digits, 30 s) are the last 6 digits of the RFC values, and they check', () => {
    for (const [t, sha1] of VECTORS) {
      expect([t, totpCode(SHA1, t * 1000)]).toEqual([t, sha1.slice(2)]);
      expect(checkTotp(SHA1, sha1.slice(2), t * 1000)).toBe(Math.floor(t / 30));
    }
  });

  it('the library gives every RFC value, SHA-1, SHA-256 and SHA-512, 8 digits', () => {
    const make = (algorithm: string, ascii: string) => new TOTP({ algorithm, digits: 8, period: 30, secret: Secret.fromLatin1(ascii) });
    const sha1 = make('SHA1', '12345678901234567890');
    const sha256 = make('SHA256', '12345678901234567890123456789012');
    const sha512 = make('SHA512', '1234567890123456789012345678901234567890123456789012345678901234');
    for (const [t, a, b, c] of VECTORS) {
      expect([t, sha1.generate({ timestamp: t * 1000 }), sha256.generate({ timestamp: t * 1000 }), sha512.generate({ timestamp: t * 1000 })]).toEqual([t, a, b, c]);
    }
  });

  it('accepts one step of drift either way, not two; refuses a step already used; refuses anything but 6 digits', () => {
    const t = 1111111111_000;
    const before = totpCode(SHA1, t - 30_000);
    const after = totpCode(SHA1, t + 30_000);
    expect(checkTotp(SHA1, before, t)).toBeDefined();
    expect(checkTotp(SHA1, after, t)).toBeDefined();
    expect(checkTotp(SHA1, totpCode(SHA1, t - 90_000), t)).toBeUndefined();
    const step = checkTotp(SHA1, totpCode(SHA1, t), t)!;
    expect(checkTotp(SHA1, totpCode(SHA1, t), t, step)).toBeUndefined();
    expect(checkTotp(SHA1, '12345', t)).toBeUndefined();
    expect(checkTotp(SHA1, 'abcdef', t)).toBeUndefined();
  });
});

describe.each([
  ['embedded (memory)', false],
  ['Redis', true],
] as const)('two-factor sign-in — %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;
  let dir: string;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> | null };
  }
  const login = (username: string, code?: string, password = PASSWORD) => call('POST', '/api/mediator/login', undefined, { territory: 'demo', username, password, ...(code ? { code } : {}) });

  beforeAll(async () => {
    // The demo territory, requiring two-factor sign-in.
    dir = mkdtempSync(join(tmpdir(), 'pasapas-2fa-'));
    const demo = readFileSync(join(__dirname, '..', 'fixtures', 'territories', 'demo.yaml'), 'utf8');
    writeFileSync(join(dir, 'demo.yaml'), `${demo}\nsecurity:\n  require2fa: true\n`);
    ta = await startTestApp({ redis, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'], territoriesDir: dir });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    await ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
    await ta.app.mediators.add({ territory: 'demo', username: 'coord', name: 'Claire', password: PASSWORD, role: 'coordinateur' });
  });
  afterAll(async () => {
    await ta.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrol, then every sign-in needs a code; codes are single-use; recovery codes work once; a coordinator resets', async () => {
    // No second factor yet: a session that can only enrol.
    const first = await login('lea');
    expect(first.status).toBe(200);
    expect(first.body!.mediator.twoFactorSetupRequired).toBe(true);
    const t0 = first.body!.token as string;
    const refused = await call('GET', '/api/mediator/queue', t0);
    expect(refused.status).toBe(403);
    expect(refused.body!.error.code).toBe('TwoFactorSetupRequired');
    expect((await call('GET', '/api/mediator/2fa', t0)).body).toEqual({ enabled: false, required: true, setupRequired: true });

    const setup = await call('POST', '/api/mediator/2fa/setup', t0);
    expect(setup.status).toBe(200);
    const secret = setup.body!.secret as string;
    expect(setup.body!.uri).toBe(`otpauth://totp/Pas%20%C3%A0%20pas:demo%3Alea?issuer=Pas%20%C3%A0%20pas&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    expect(setup.body!.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    const wrong = await call('POST', '/api/mediator/2fa/confirm', t0, { code: totpCode(secret, ta.app.now() - 5 * 60_000) });
    expect(wrong.status).toBe(400);
    expect(wrong.body!.error.code).toBe('WrongCode');
    expect((await call('POST', '/api/mediator/2fa/confirm', t0, { code: '12' })).status).toBe(400);
    const confirmed = await call('POST', '/api/mediator/2fa/confirm', t0, { code: totpCode(secret, ta.app.now()) });
    expect(confirmed.status).toBe(200);
    const recovery = confirmed.body!.recoveryCodes as string[];
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    // Confirming ended the session: sign in again, with a code.
    expect((await call('GET', '/api/mediator/me', t0)).status).toBe(401);
    expect((await call('POST', '/api/mediator/2fa/setup', (await loginWithCode())!)).body!.error.code).toBe('AlreadyEnabled');

    async function loginWithCode(): Promise<string | undefined> {
      ta.clock.advance(30_000); // the next step: a code is never accepted twice
      const r = await login('lea', totpCode(secret, ta.app.now()));
      expect(r.status).toBe(200);
      return r.body!.token as string;
    }

    const noCode = await login('lea');
    expect(noCode.status).toBe(401);
    expect(noCode.body!.error.code).toBe('TwoFactorRequired');
    const badCode = await login('lea', '000000');
    expect(badCode.status).toBe(401);
    expect(badCode.body!.error.code).toBe('TwoFactorWrong');
    // A wrong password with a right code says nothing about the code.
    expect((await login('lea', totpCode(secret, ta.app.now()), 'wrong-password-99')).body!.error.code).toBe('Unauthorized');

    ta.clock.advance(30_000);
    const code = totpCode(secret, ta.app.now());
    const ok = await login('lea', code);
    expect(ok.status).toBe(200);
    expect(ok.body!.mediator.twoFactorSetupRequired).toBeUndefined();
    expect(ok.body!.mediator.twoFactorEnabled).toBe(true);
    expect((await call('GET', '/api/mediator/queue', ok.body!.token)).status).toBe(200); // the API, with its bearer token
    expect((await login('lea', code)).body!.error.code).toBe('TwoFactorWrong'); // replayed

    expect((await login('lea', recovery[3])).status).toBe(200);
    expect((await login('lea', recovery[3])).body!.error.code).toBe('TwoFactorWrong'); // used
    expect((await login('lea', recovery[4].toUpperCase())).status).toBe(200);

    // The secret never leaves the server after enrolment.
    const coord = await login('coord');
    expect(coord.body!.mediator.twoFactorSetupRequired).toBe(true);
    const c0 = coord.body!.token as string;
    expect((await call('GET', '/api/mediator/accounts', c0)).status).toBe(403); // enrol first, even a coordinator
    const cs = (await call('POST', '/api/mediator/2fa/setup', c0)).body!.secret as string;
    await call('POST', '/api/mediator/2fa/confirm', c0, { code: totpCode(cs, ta.app.now()) });
    ta.clock.advance(30_000);
    const ct = (await login('coord', totpCode(cs, ta.app.now()))).body!.token as string;
    const accounts = await call('GET', '/api/mediator/accounts', ct);
    expect(JSON.stringify(accounts.body)).not.toContain(secret);
    expect(accounts.body!.accounts.find((a: { username: string }) => a.username === 'lea')).toMatchObject({ twoFactorEnabled: true });

    // Lost phone: the coordinator resets; Léa's sessions end; her next sign-in enrols again.
    const leaNow = (await login('lea', recovery[5])).body!.token as string;
    expect((await call('DELETE', '/api/mediator/accounts/lea/2fa', ct)).status).toBe(204);
    expect((await call('GET', '/api/mediator/me', leaNow)).status).toBe(401);
    expect((await login('lea')).body!.mediator.twoFactorSetupRequired).toBe(true);
    expect((await call('DELETE', '/api/mediator/accounts/lea/2fa', ct)).status).toBe(409);

    const audit = (await call('GET', '/api/mediator/audit?mediator=lea', ct)).body!.entries as Array<{ action: string }>;
    const actions = audit.map((e) => e.action);
    expect(actions).toContain('two-factor-on');
    expect(actions).toContain('two-factor-failed');
    expect(actions).toContain('account-two-factor-reset');
  });
});
