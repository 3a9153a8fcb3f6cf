/**
 * "Someone is typing", both ways (issue 19), on real Redis and in memory: a citizen's Direct Line `typing` activity
 * reaches the console of the mediator who has their handoff (GET /handoffs/:id/typing) for a few seconds; the
 * mediator's typing (POST /handoffs/:id/typing) reaches the citizen's web chat streams as an ephemeral `typing`
 * activity from the mediator, throttled. Only on the channels that show typing; never another territory's.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import type { LogEvent } from '../../src/channels/directline/activityLog';
import { DirectLineCitizen } from './support';

const TERRITORIES = join(__dirname, '..', 'fixtures', 'territories');
const PASSWORD = 'correct-horse-battery';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('typing both ways on %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;
  const events: LogEvent[] = [];

  const call = async (method: string, path: string, token?: string) => {
    const res = await fetch(`${base}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };
  const tokenOf = async (territory: string, username: string) => {
    const res = await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory, username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  /** The citizen's typing is relayed after the activity is acknowledged: ask until it shows (or not). */
  const typingSeen = async (id: string, token: string, expected: boolean) => {
    let last: unknown;
    for (let i = 0; i < 40; i += 1) {
      last = (await call('GET', `/api/mediator/handoffs/${id}/typing`, token)).body;
      if ((last as { citizen: boolean }).citizen === expected) return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    return last;
  };

  beforeAll(async () => {
    ta = await startTestApp({ redis, territoriesDir: TERRITORIES, env: { DIRECTLINE_TOKEN_SECRET: 'a-typing-test-secret-of-32-characters-or-more' } });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    for (const [territory, username] of [['demo', 'lea'], ['demo', 'sam'], ['horaires', 'zoe']]) {
      await ta.app.mediators.add({ territory, username, name: username, password: PASSWORD });
    }
    await ta.app.queue.setPresence('demo', 'someone', true, 86_400_000, ta.app.now());
    ta.app.activityLog.onEvent((e) => {
      if (e.kind === 'typing') events.push(e);
    });
  });
  afterAll(() => ta.close());

  test('the citizen typing on the web chat shows in the console for a few seconds; the mediator typing reaches the widget, throttled', async () => {
    const citizen = new DirectLineCitizen(base);
    await citizen.start();
    await citizen.say('conseiller');
    await citizen.waitFor("Vous êtes d'accord ?");
    await citizen.say('oui');
    await citizen.waitFor('dans la file');
    // Typing while only waiting: nobody to tell.
    await citizen.typing();
    const lea = await tokenOf('demo', 'lea');
    const id = ((await call('GET', '/api/mediator/queue', lea)).body!.waiting as Array<{ id: string }>)[0].id;
    expect((await call('POST', `/api/mediator/handoffs/${id}/claim`, lea)).status).toBe(200);
    expect((await call('GET', `/api/mediator/handoffs/${id}/typing`, lea)).body).toEqual({ citizen: false, shown: true });

    ta.clock.advance(3_000);
    await citizen.typing();
    expect(await typingSeen(id, lea, true)).toEqual({ citizen: true, since: ta.app.now(), shown: true });
    // Any mediator of the territory may see it; another territory's handoff does not exist for them.
    const sam = await tokenOf('demo', 'sam');
    expect((await call('GET', `/api/mediator/handoffs/${id}/typing`, sam)).body).toEqual({ citizen: true, since: ta.app.now(), shown: true });
    const zoe = await tokenOf('horaires', 'zoe');
    expect((await call('GET', `/api/mediator/handoffs/${id}/typing`, zoe)).status).toBe(404);
    expect((await call('POST', `/api/mediator/handoffs/${id}/typing`, zoe)).status).toBe(404);
    // A few seconds after the last signal, it is over.
    ta.clock.advance(7_000);
    expect((await call('GET', `/api/mediator/handoffs/${id}/typing`, lea)).body).toEqual({ citizen: false, shown: true });

    // The mediator types: one ephemeral typing activity from the mediator to the citizen's conversation, throttled.
    events.length = 0;
    expect((await call('POST', `/api/mediator/handoffs/${id}/typing`, lea)).status).toBe(204);
    expect((await call('POST', `/api/mediator/handoffs/${id}/typing`, lea)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([expect.objectContaining({ conversationId: citizen.conversationId, kind: 'typing', from: 'mediator' })]);
    ta.clock.advance(2_000);
    expect((await call('POST', `/api/mediator/handoffs/${id}/typing`, lea)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toHaveLength(2);
    // Never stored in the conversation: a reload does not show it again.
    expect((await citizen.poll())).toEqual([]);
    // Only the mediator who has the conversation types in it.
    const other = await call('POST', `/api/mediator/handoffs/${id}/typing`, sam);
    expect(other.status).toBe(409);
    expect(events).toHaveLength(2);
  });

  test('a channel without typing: shown false, nothing sent; bad ids and no session are refused', async () => {
    const c = new Citizen(ta.app, `c-${randomUUID()}`, 'sms');
    await c.say('bonjour');
    await c.say('conseiller');
    await c.say('oui');
    const lea = await tokenOf('demo', 'lea');
    const waiting = (await call('GET', '/api/mediator/queue', lea)).body!.waiting as Array<{ id: string; channel: string }>;
    const id = waiting.find((w) => w.channel === 'sms')!.id;
    expect((await call('POST', `/api/mediator/handoffs/${id}/claim`, lea)).status).toBe(200);
    events.length = 0;
    expect((await call('GET', `/api/mediator/handoffs/${id}/typing`, lea)).body).toEqual({ citizen: false, shown: false });
    expect((await call('POST', `/api/mediator/handoffs/${id}/typing`, lea)).status).toBe(204);
    expect(events).toEqual([]);
    expect((await call('GET', '/api/mediator/handoffs/nope/typing', lea)).status).toBe(400);
    expect((await call('POST', '/api/mediator/handoffs/nope/typing', lea)).status).toBe(400);
    expect((await call('GET', `/api/mediator/handoffs/${randomUUID()}/typing`, lea)).status).toBe(404);
    expect((await call('GET', `/api/mediator/handoffs/${id}/typing`)).status).toBe(401);
  });
});
