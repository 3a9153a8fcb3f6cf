/**
 * The mediators' API on real Redis: every endpoint, its error codes, territory isolation, two
 * mediators racing for one handoff, SSE resume with Last-Event-ID, login rate limits, the audit log.
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Citizen, FIXTURE_DIALOGS, startTestApp, type TestApp } from '../helpers/app';

const TERRITORIES = join(__dirname, '..', 'fixtures', 'territories');
const PASSWORD = 'correct-horse-battery';

let ta: TestApp;
let base: string;

async function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.headers ?? {}),
    },
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  return { status: res.status, body: json, headers: res.headers };
}

async function login(territory: string, username: string, password = PASSWORD, ip?: string) {
  return call('POST', '/api/mediator/login', { body: { territory, username, password }, headers: ip ? { 'x-test-ip': ip } : {} });
}

async function tokenOf(territory: string, username: string): Promise<string> {
  const r = await login(territory, username);
  expect(r.status).toBe(200);
  return r.body!.token as string;
}

/** A citizen of the demo territory asks for a mediator and consents. */
async function citizenWaiting(): Promise<Citizen> {
  const c = new Citizen(ta.app, `c-${randomUUID()}`);
  await c.say('bonjour');
  await c.say('conseiller');
  expect(await c.say('oui')).toContain('dans la file');
  return c;
}

beforeAll(async () => {
  ta = await startTestApp({ redis: true, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'], territoriesDir: TERRITORIES });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
  await ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
  await ta.app.mediators.add({ territory: 'demo', username: 'sam', name: 'Sam', password: PASSWORD });
  await ta.app.mediators.add({ territory: 'horaires', username: 'zoe', name: 'Zoé', password: PASSWORD });
  await ta.app.queue.setPresence('demo', 'someone', true, 86_400_000, ta.app.now());
});
afterAll(() => ta.close());

describe('login and sessions', () => {
  test('good password → token, CSRF token and an HttpOnly SameSite cookie; wrong → 401; bad body → 400', async () => {
    const ok = await login('demo', 'lea');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ mediator: { id: 'demo:lea', name: 'Léa', territory: 'demo', role: 'mediateur' } });
    expect(ok.body!.mediator).not.toHaveProperty('hash');
    expect(ok.headers.get('set-cookie')).toMatch(/pasapas_session=.+; HttpOnly; SameSite=Strict; Path=\//);
    expect((await login('demo', 'lea', 'wrong password')).status).toBe(401);
    expect((await login('horaires', 'lea')).status).toBe(401); // accounts belong to one territory
    const badBody = await call('POST', '/api/mediator/login', { body: { territory: 'demo', username: 'lea' } });
    expect(badBody.status).toBe(400);
    expect(badBody.body!.error).toMatchObject({ message: expect.stringContaining('password') });
    expect((await call('GET', '/api/mediator/queue')).status).toBe(401);
    expect((await call('GET', '/api/mediator/queue', { token: 'forged' })).status).toBe(401);
  });

  test('the cookie needs the CSRF header on POST', async () => {
    const r = await login('demo', 'sam');
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await call('GET', '/api/mediator/me', { headers: { cookie } })).status).toBe(200);
    expect((await call('POST', '/api/mediator/presence', { body: { onDuty: false }, headers: { cookie } })).status).toBe(403);
    const ok = await call('POST', '/api/mediator/presence', { body: { onDuty: false }, headers: { cookie, 'x-csrf-token': r.body!.csrfToken as string } });
    expect(ok.status).toBe(200);
  });

  test('5 wrong passwords from one address lock that address out of the account for 15 minutes (shared through Redis), even with the right one', async () => {
    await ta.app.mediators.add({ territory: 'demo', username: 'victime', name: 'V', password: PASSWORD });
    for (let i = 0; i < 5; i += 1) expect((await login('demo', 'victime', 'nope')).status).toBe(401);
    const locked = await login('demo', 'victime');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
  });

  test('logout ends the session', async () => {
    const token = await tokenOf('demo', 'lea');
    expect((await call('POST', '/api/mediator/logout', { token })).status).toBe(204);
    expect((await call('GET', '/api/mediator/me', { token })).status).toBe(401);
  });
});

describe('handoffs', () => {
  test('queue → claim (transcript) → messages both ways → close; the citizen is told; audit written', async () => {
    const c = await citizenWaiting();
    const token = await tokenOf('demo', 'lea');
    const queue = await call('GET', '/api/mediator/queue', { token });
    const h = (queue.body!.waiting as Array<Record<string, unknown>>).find((x) => x.channel === 'terminal' && typeof x.id === 'string')!;
    expect(h).toMatchObject({ position: expect.any(Number), locale: 'fr', reason: 'command', summary: expect.any(String) });

    const claim = await call('POST', `/api/mediator/handoffs/${h.id}/claim`, { token });
    expect(claim.status).toBe(200);
    expect(JSON.stringify(claim.body!.transcript)).toContain('conseiller');
    expect(await c.proactive()).toContain('Un conseiller vous répond.');

    const sent = await call('POST', `/api/mediator/handoffs/${h.id}/messages`, { token, body: { text: 'Bonjour, je suis Léa.' } });
    expect(sent.status).toBe(201);
    expect(await c.proactive()).toContain('Conseiller : Bonjour, je suis Léa.');
    await c.say("mon numéro fiscal c'est 30 12 345 678 901");
    const msgs = await call('GET', `/api/mediator/handoffs/${h.id}/messages?after=1`, { token });
    // The citizen's masked words, then the bot's warning to them (issue 19: the mediator sees what the bot says).
    expect(msgs.body!.messages).toEqual([
      expect.objectContaining({ index: 1, from: 'citizen', text: 'mon numéro fiscal c\'est [n° fiscal]' }),
      expect.objectContaining({ index: 2, from: 'bot', text: expect.stringContaining("n'écrivez jamais") }),
    ]);

    expect((await call('POST', `/api/mediator/handoffs/${h.id}/heartbeat`, { token })).status).toBe(200);
    expect((await call('POST', `/api/mediator/handoffs/${h.id}/messages`, { token, body: { text: '' } })).status).toBe(400);
    expect((await call('POST', `/api/mediator/handoffs/${h.id}/close`, { token, body: { outcome: 'super' } })).status).toBe(400);
    expect((await call('POST', `/api/mediator/handoffs/${h.id}/close`, { token, body: { outcome: 'fait-avec', note: 'ok' } })).status).toBe(204);
    expect(await c.proactive()).toContain('Le conseiller a terminé.');
    expect((await call('POST', `/api/mediator/handoffs/${h.id}/close`, { token, body: { outcome: 'fait-avec' } })).status).toBe(409);
    const actions = (await ta.app.audit.list('demo', 50)).filter((e) => e.handoffId === h.id).map((e) => e.action);
    expect(actions).toEqual(['close', 'message', 'claim']);
  });

  test('two mediators race for one handoff: one 200, one 409 "déjà pris"; the loser cannot act on it', async () => {
    await citizenWaiting();
    const [lea, sam] = [await tokenOf('demo', 'lea'), await tokenOf('demo', 'sam')];
    const { waiting } = (await call('GET', '/api/mediator/queue', { token: lea })).body as { waiting: Array<{ id: string }> };
    const id = waiting[waiting.length - 1].id;
    const results = await Promise.all([lea, sam].map((token) => call('POST', `/api/mediator/handoffs/${id}/claim`, { token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body!.error).toEqual({ code: 'AlreadyClaimed', message: 'déjà pris' });
    const loser = results[0].status === 409 ? lea : sam;
    const winner = loser === lea ? sam : lea;
    expect((await call('POST', `/api/mediator/handoffs/${id}/messages`, { token: loser, body: { text: 'moi aussi' } })).status).toBe(409);
    expect((await call('POST', `/api/mediator/handoffs/${id}/release`, { token: loser })).status).toBe(409);
    expect((await call('POST', `/api/mediator/handoffs/${id}/release`, { token: winner })).status).toBe(204);
    // Released: back at the head of the queue.
    const after = (await call('GET', '/api/mediator/queue', { token: lea })).body as { waiting: Array<{ id: string; position: number }> };
    expect(after.waiting[0]).toMatchObject({ id, position: 1 });
  });

  test("a mediator of another territory gets 404 on demo's handoffs and never sees them", async () => {
    await citizenWaiting();
    const lea = await tokenOf('demo', 'lea');
    const zoe = await tokenOf('horaires', 'zoe');
    const { waiting } = (await call('GET', '/api/mediator/queue', { token: lea })).body as { waiting: Array<{ id: string }> };
    const id = waiting[0].id;
    expect(((await call('GET', '/api/mediator/queue', { token: zoe })).body as { waiting: unknown[] }).waiting).toEqual([]);
    for (const [method, path, body] of [
      ['POST', `/api/mediator/handoffs/${id}/claim`, undefined],
      ['GET', `/api/mediator/handoffs/${id}/messages`, undefined],
      ['POST', `/api/mediator/handoffs/${id}/messages`, { text: 'x' }],
      ['POST', `/api/mediator/handoffs/${id}/release`, undefined],
      ['POST', `/api/mediator/handoffs/${id}/close`, { outcome: 'fait-pour' }],
      ['POST', `/api/mediator/callbacks/${id}/done`, {}],
    ] as const) {
      expect([method, path, (await call(method, path, { token: zoe, body })).status]).toEqual([method, path, 404]);
    }
    expect((await call('POST', `/api/mediator/handoffs/${randomUUID()}/claim`, { token: lea })).status).toBe(404);
  });

  test('callbacks: listed with the phone and the time, then done', async () => {
    await ta.app.queue.setPresence('demo', 'someone', false, 0, ta.app.now());
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('bonjour');
    await c.say('conseiller');
    await c.say('1');
    await c.say('06 12 34 56 78');
    await c.say('oui');
    expect(await c.say('demain à 14h')).toContain('On essaiera de vous appeler');
    await ta.app.queue.setPresence('demo', 'someone', true, 86_400_000, ta.app.now());
    const token = await tokenOf('demo', 'lea');
    const list = (await call('GET', '/api/mediator/callbacks', { token })).body as { callbacks: Array<{ id: string; phone: string; callAt: number }> };
    const cb = list.callbacks.find((x) => x.phone === '+33612345678')!;
    expect(new Date(cb.callAt).toISOString()).toBe('2026-11-28T13:00:00.000Z');
    expect((await call('POST', `/api/mediator/callbacks/${cb.id}/done`, { token, body: { outcome: 'fait-avec' } })).status).toBe(204);
    const again = (await call('GET', '/api/mediator/callbacks', { token })).body as { callbacks: Array<{ id: string }> };
    expect(again.callbacks.some((x) => x.id === cb.id)).toBe(false);
  });

  test('presence feeds the citizen side: off duty → the citizen is offered a callback', async () => {
    const token = await tokenOf('horaires', 'zoe');
    expect((await call('POST', '/api/mediator/presence', { token, body: { onDuty: 'yes' } })).status).toBe(400);
    expect((await call('POST', '/api/mediator/presence', { token, body: { onDuty: true } })).body).toEqual({ onDuty: true });
    expect((await call('GET', '/api/mediator/me', { token })).body).toMatchObject({ onDuty: true });
    expect(await ta.app.queue.onDutyCount('horaires', ta.app.now())).toBe(1);
    await call('POST', '/api/mediator/presence', { token, body: { onDuty: false } });
    expect(await ta.app.queue.onDutyCount('horaires', ta.app.now())).toBe(0);
  });
});

describe('Server-Sent Events', () => {
  async function readEvents(token: string, lastEventId: string | undefined, until: (ids: string[]) => boolean): Promise<Array<{ id: string; data: Record<string, unknown> }>> {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/mediator/events`, {
      headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: ctrl.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const events: Array<{ id: string; data: Record<string, unknown> }> = [];
    let buffer = '';
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !until(events.map((e) => e.id))) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += Buffer.from(value).toString();
      let sep: number;
      while ((sep = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, sep);
        buffer = buffer.slice(sep + 2);
        const id = /^id: (.+)$/m.exec(chunk)?.[1];
        const data = /^data: (.+)$/m.exec(chunk)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
    ctrl.abort();
    return events;
  }

  test('live events, then resume after a disconnect with Last-Event-ID', async () => {
    const token = await tokenOf('demo', 'sam');
    const live = readEvents(token, undefined, (ids) => ids.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    await citizenWaiting();
    const first = await live;
    expect(first[0].data).toMatchObject({ type: 'handoff.requested', state: 'waiting' });
    // Meanwhile (disconnected), two more things happen.
    await citizenWaiting();
    await citizenWaiting();
    const resumed = await readEvents(token, first[0].id, (ids) => ids.length >= 2);
    expect(resumed.slice(0, 2).map((e) => e.data.type)).toEqual(['handoff.requested', 'handoff.requested']);
    expect(resumed.every((e) => e.id > first[0].id)).toBe(true);
  });
});
