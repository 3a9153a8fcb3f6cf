/**
 * Coordinators manage their territory's accounts from the console (issue 20): list, add (password shown once),
 * role, capacity, disable/enable, password reset, removal — each in the audit log, readable with filters; removing,
 * demoting, disabling or a reset ends that person's sessions; capacity is enforced when a mediator claims. The same
 * contract on the embedded (memory) stores and on a real Redis; another territory's account is never reachable.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Citizen, FIXTURE_DIALOGS, startTestApp, type TestApp } from '../helpers/app';

const TERRITORIES = join(__dirname, '..', 'fixtures', 'territories');
const PASSWORD = 'correct-horse-battery';

describe.each([
  ['embedded (memory)', false],
  ['Redis', true],
] as const)('accounts in the console — %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;
  let coord: string;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> | null };
  }
  const login = (territory: string, username: string, password = PASSWORD) => call('POST', '/api/mediator/login', undefined, { territory, username, password });
  const tokenOf = async (username: string, password = PASSWORD) => {
    const r = await login('demo', username, password);
    expect(r.status).toBe(200);
    return r.body!.token as string;
  };
  async function citizenWaiting(): Promise<void> {
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('bonjour');
    await c.say('conseiller');
    expect(await c.say('oui')).toContain('dans la file');
  }

  beforeAll(async () => {
    ta = await startTestApp({ redis, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'], territoriesDir: TERRITORIES });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    await ta.app.mediators.add({ territory: 'demo', username: 'coord', name: 'Claire Coord', password: PASSWORD, role: 'coordinateur' });
    await ta.app.mediators.add({ territory: 'demo', username: 'sam', name: 'Sam', password: PASSWORD });
    await ta.app.mediators.add({ territory: 'creuse', username: 'zoe', name: 'Zoé', password: PASSWORD });
    coord = await tokenOf('coord');
  });
  afterAll(async () => {
    await ta.close();
  });

  it('adds a mediator whose generated password is shown once and works; the list never shows a password', async () => {
    const added = await call('POST', '/api/mediator/accounts', coord, { name: 'Léa Martin', capacity: 2 });
    expect(added.status).toBe(201);
    expect(added.body!.account).toMatchObject({ username: 'lea.martin', name: 'Léa Martin', role: 'mediateur', capacity: 2, territory: 'demo' });
    const password = added.body!.password as string;
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect((await login('demo', 'lea.martin', password)).status).toBe(200);
    const list = await call('GET', '/api/mediator/accounts', coord);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(password);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    // (The embedded default also has its demo coordinator.)
    expect(list.body!.accounts.map((a: { username: string }) => a.username).filter((u: string) => u !== 'demo').sort()).toEqual(['coord', 'lea.martin', 'sam']);
    expect(list.body!.accounts.find((a: { username: string }) => a.username === 'lea.martin')).toMatchObject({ capacity: 2, disabled: false, held: 0 });
    // Taken, bad username, bad capacity: a clear 4xx naming the problem.
    const taken = await call('POST', '/api/mediator/accounts', coord, { name: 'Léa Martin' });
    expect(taken.status).toBe(409);
    expect(taken.body!.error.code).toBe('UsernameTaken');
    const badName = await call('POST', '/api/mediator/accounts', coord, { name: 'X', username: 'Not Valid' });
    expect(badName.status).toBe(400);
    expect(badName.body!.error.message).toMatch(/^username: /);
    expect((await call('POST', '/api/mediator/accounts', coord, { name: 'Y', capacity: 0 })).body!.error.message).toMatch(/^capacity: /);
  });

  it('is for coordinators only, and never reaches another territory', async () => {
    const sam = await tokenOf('sam');
    for (const [method, path, body] of [
      ['GET', '/api/mediator/accounts', undefined],
      ['POST', '/api/mediator/accounts', { name: 'Intrus' }],
      ['PATCH', '/api/mediator/accounts/sam', { capacity: 9 }],
      ['POST', '/api/mediator/accounts/sam/password', undefined],
      ['DELETE', '/api/mediator/accounts/coord', undefined],
      ['GET', '/api/mediator/audit', undefined],
    ] as const) {
      expect([method, path, (await call(method, path, sam, body)).status]).toEqual([method, path, 403]);
    }
    // Zoé is in Creuse: from Demo she does not exist.
    expect((await call('PATCH', '/api/mediator/accounts/zoe', coord, { disabled: true })).status).toBe(404);
    expect((await call('DELETE', '/api/mediator/accounts/zoe', coord)).status).toBe(404);
    expect((await call('POST', '/api/mediator/accounts/zoe/password', coord)).status).toBe(404);
    expect((await login('creuse', 'zoe')).status).toBe(200);
  });

  it('disabling ends the sessions and refuses the login with a reason; enabling lets them back', async () => {
    const sam = await tokenOf('sam');
    expect((await call('GET', '/api/mediator/me', sam)).status).toBe(200);
    expect((await call('PATCH', '/api/mediator/accounts/sam', coord, { disabled: true })).body!.account).toMatchObject({ disabled: true });
    expect((await call('GET', '/api/mediator/me', sam)).status).toBe(401);
    const refused = await login('demo', 'sam');
    expect(refused.status).toBe(403);
    expect(refused.body!.error.code).toBe('AccountDisabled');
    // A wrong password on a disabled account says nothing about it.
    expect((await login('demo', 'sam', 'wrong-password-123')).status).toBe(401);
    await call('PATCH', '/api/mediator/accounts/sam', coord, { disabled: false });
    expect((await login('demo', 'sam')).status).toBe(200);
  });

  it('a password reset gives a new one once and ends the sessions; the old one no longer works', async () => {
    const sam = await tokenOf('sam');
    const reset = await call('POST', '/api/mediator/accounts/sam/password', coord);
    expect(reset.status).toBe(200);
    expect((await call('GET', '/api/mediator/me', sam)).status).toBe(401);
    expect((await login('demo', 'sam')).status).toBe(401);
    expect((await login('demo', 'sam', reset.body!.password)).status).toBe(200);
    await ta.app.mediators.setPassword('demo', 'sam', PASSWORD);
  });

  it('promoting then demoting ends the sessions; a coordinator cannot demote, disable or remove themself', async () => {
    const sam = await tokenOf('sam');
    await call('PATCH', '/api/mediator/accounts/sam', coord, { role: 'coordinateur' });
    expect((await call('GET', '/api/mediator/me', sam)).status).toBe(401);
    const samCoord = await tokenOf('sam');
    expect((await call('GET', '/api/mediator/accounts', samCoord)).status).toBe(200);
    await call('PATCH', '/api/mediator/accounts/sam', coord, { role: 'mediateur' });
    expect((await call('GET', '/api/mediator/accounts', samCoord)).status).toBe(401);
    for (const [method, path, body] of [
      ['PATCH', '/api/mediator/accounts/coord', { role: 'mediateur' }],
      ['PATCH', '/api/mediator/accounts/coord', { disabled: true }],
      ['DELETE', '/api/mediator/accounts/coord', undefined],
    ] as const) {
      const r = await call(method, path, coord, body);
      expect([method, r.status, r.body!.error.code]).toEqual([method, 409, 'OwnAccount']);
    }
  });

  it('capacity: a mediator at capacity is refused a claim (409 with the reason) and the queue says so', async () => {
    await call('PATCH', '/api/mediator/accounts/sam', coord, { capacity: 1 });
    const sam = await tokenOf('sam');
    expect((await call('POST', '/api/mediator/presence', sam, { onDuty: true })).status).toBe(200);
    await citizenWaiting();
    await citizenWaiting();
    const q = await call('GET', '/api/mediator/queue', sam);
    expect(q.body).toMatchObject({ capacity: 1, atCapacity: false });
    const [first, second] = q.body!.waiting as Array<{ id: string }>;
    expect((await call('POST', `/api/mediator/handoffs/${first.id}/claim`, sam)).status).toBe(200);
    expect((await call('GET', '/api/mediator/queue', sam)).body).toMatchObject({ capacity: 1, atCapacity: true });
    const refused = await call('POST', `/api/mediator/handoffs/${second.id}/claim`, sam);
    expect(refused.status).toBe(409);
    expect(refused.body!.error).toEqual({ code: 'AtCapacity', message: 'you already have 1 conversation(s) and your capacity is 1: close or release one first' });
    expect((await call('GET', '/api/mediator/accounts', coord)).body!.accounts.find((a: { username: string }) => a.username === 'sam')).toMatchObject({ capacity: 1, held: 1 });
    // No limit again: the second claim goes through.
    await call('PATCH', '/api/mediator/accounts/sam', coord, { capacity: null });
    expect((await call('POST', `/api/mediator/handoffs/${second.id}/claim`, sam)).status).toBe(200);
  });

  it('removing ends the sessions; every change is in the audit log, filtered by mediator, action and day', async () => {
    await call('POST', '/api/mediator/accounts', coord, { name: 'Tom', username: 'tom' });
    await ta.app.mediators.setPassword('demo', 'tom', PASSWORD);
    const tom = await tokenOf('tom');
    expect((await call('DELETE', '/api/mediator/accounts/tom', coord)).status).toBe(204);
    expect((await call('GET', '/api/mediator/me', tom)).status).toBe(401);
    expect((await call('DELETE', '/api/mediator/accounts/tom', coord)).status).toBe(404);

    const all = await call('GET', '/api/mediator/audit?mediator=sam', coord);
    const samActions = (all.body!.entries as Array<{ action: string; mediatorId: string; target?: string; detail?: string }>).filter((e) => e.action.startsWith('account-'));
    // Newest first, each with who did it and what it became.
    expect(samActions.map((e) => [e.action, e.detail ?? ''])).toEqual([
      ['account-capacity', 'none'],
      ['account-capacity', '1'],
      ['account-role', 'mediateur'],
      ['account-role', 'coordinateur'],
      ['account-password', ''],
      ['account-enable', ''],
      ['account-disable', ''],
    ]);
    expect(samActions.every((e) => e.mediatorId === 'demo:coord' && e.target === 'demo:sam')).toBe(true);
    const removed = await call('GET', '/api/mediator/audit?action=account-remove', coord);
    expect(removed.body!.entries).toEqual([expect.objectContaining({ action: 'account-remove', mediatorId: 'demo:coord', target: 'demo:tom' })]);
    // The test clock's day (27 November 2026) has them; the day before has none.
    expect((await call('GET', '/api/mediator/audit?action=account-add&from=2026-11-27&to=2026-11-27', coord)).body!.entries.length).toBe(2);
    expect((await call('GET', '/api/mediator/audit?from=2026-11-26&to=2026-11-26', coord)).body!.entries).toEqual([]);
    expect((await call('GET', '/api/mediator/audit?action=steal', coord)).status).toBe(400);
    expect((await call('GET', '/api/mediator/audit?from=2026-11-28&to=2026-11-27', coord)).status).toBe(400);
  });
});
