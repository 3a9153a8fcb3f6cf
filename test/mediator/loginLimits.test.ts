/**
 * Security review #10, finding 4: five wrong passwords for a username, from any address, locked
 * the mediator out for 15 minutes (renewable forever by whoever knows the username). Now the strict
 * limit (5 attempts per 15 min → 429) is per (account, client address): the attacker locks only
 * themselves out. Per account, from every address, logins are only slowed down past 20 failures
 * (0.5 s more per failure, at most 5 s), never refused, with a warning and a line in the
 * territory's audit. Memory and real Redis (the counters are shared by every instance).
 * Client addresses come from X-Forwarded-For (TRUST_PROXY=true, one proxy hop).
 */
import type { AddressInfo } from 'node:net';
import { LOGIN_SLOWDOWN_AFTER, loginSlowdownMs } from '../../src/mediator/api';
import { startTestApp, type TestApp } from '../helpers/app';

const PASSWORD = 'correct-horse-battery';

test('the slow-down: none up to the threshold, then 0.5 s more per failure, at most 5 s', () => {
  expect(LOGIN_SLOWDOWN_AFTER).toBe(20);
  expect([0, 5, 19].map(loginSlowdownMs)).toEqual([0, 0, 0]);
  expect([20, 21, 28, 29, 500].map(loginSlowdownMs)).toEqual([500, 1000, 4500, 5000, 5000]);
});

describe.each([
  ['memory', false],
  ['Redis', true],
] as const)('login limits (%s)', (_name, redis) => {
  let ta: TestApp;
  let base: string;

  beforeAll(async () => {
    ta = await startTestApp({ redis, env: { TRUST_PROXY: 'true' } });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    for (const username of ['lea', 'cible']) await ta.app.mediators.add({ territory: 'demo', username, name: username, password: PASSWORD });
  });
  afterAll(() => ta.close());

  async function login(username: string, password: string, ip: string) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/mediator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ territory: 'demo', username, password }),
    });
    await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: performance.now() - t0 };
  }

  test("a stranger's wrong passwords lock only the stranger out, never the mediator", async () => {
    for (let i = 0; i < 5; i++) expect((await login('lea', `faux-${i}`, '203.0.113.9')).status).toBe(401);
    // From the attacker's address: 429, even with the right password (they may have guessed it).
    const attacker = await login('lea', PASSWORD, '203.0.113.9');
    expect(attacker).toMatchObject({ status: 429, retryAfter: '900' });
    // Léa, from her France Services office: logged in.
    expect((await login('lea', PASSWORD, '198.51.100.20')).status).toBe(200);
    // The attacker keeps trying: still refused, and Léa still gets in.
    expect((await login('lea', 'encore-faux', '203.0.113.9')).status).toBe(429);
    expect((await login('lea', PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  test('from many addresses: past 20 failures each login is slowed down, never refused; a warning in the audit', async () => {
    // 20 failures from 5 addresses (4 each: under the per-address limit).
    for (let i = 0; i < LOGIN_SLOWDOWN_AFTER; i++) {
      const r = await login('cible', `faux-${i}`, `192.0.2.${10 + (i % 5)}`);
      expect(r.status).toBe(401);
      expect(r.ms).toBeLessThan(3000); // not slowed yet (only the password check's own time)
    }
    const audit = await ta.app.audit.list('demo', 20);
    expect(audit.filter((e) => e.action === 'login-slowed')).toEqual([expect.objectContaining({ mediatorId: 'demo:cible', action: 'login-slowed' })]);
    // The mediator from her own address: slowed down (0.5 s), but let in.
    const slowed = await login('cible', PASSWORD, '198.51.100.30');
    expect(slowed.status).toBe(200);
    expect(slowed.ms).toBeGreaterThanOrEqual(490);
    // A wrong one from a fresh address: slowed and refused with 401, not 429.
    const wrong = await login('cible', 'faux', '192.0.2.99');
    expect(wrong.status).toBe(401);
    expect(wrong.ms).toBeGreaterThanOrEqual(490);
    // Another account is not concerned.
    expect((await login('lea', PASSWORD, '198.51.100.31')).status).toBe(200);
    expect((await ta.app.audit.list('demo', 50)).filter((e) => e.action === 'login-slowed').map((e) => e.mediatorId)).toEqual(['demo:cible']);
  }, 60_000);
});
