/**
 * GET /api/mediator/handoffs/:id (issue 19): what a console needs to rebuild a conversation after a reload, for a
 * handoff of the caller's own territory — the same contract on real Redis and in memory.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, type TestApp } from '../helpers/app';
import { useMediatorApp } from '../helpers/mediatorApi';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('GET /api/mediator/handoffs/:id on %s', (_name, redis) => {
  let ta: TestApp;

  const env = useMediatorApp({
    redis,
    mediators: [
      ['demo', 'lea', 'Léa'],
      ['demo', 'sam', 'Sam'],
      ['horaires', 'zoe', 'Zoé'],
    ],
  });
  beforeAll(() => ({ ta } = env));
  const { call, tokenOf } = env;


  test('a claimed handoff: the handoff, its masked transcript and every message, notes and previous visits (empty)', async () => {
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('bonjour');
    await c.say('conseiller');
    expect(await c.say('oui')).toContain('dans la file');
    const lea = await tokenOf('demo', 'lea');
    const { waiting } = (await call('GET', '/api/mediator/queue', lea)).body as { waiting: Array<{ id: string }> };
    const id = waiting[0].id;
    const claim = await call('POST', `/api/mediator/handoffs/${id}/claim`, lea);
    expect(claim.status).toBe(200);
    await c.say("mon numéro fiscal c'est 30 12 345 678 901");
    expect((await call('POST', `/api/mediator/handoffs/${id}/messages`, lea, { text: 'Bonjour, je regarde.' })).status).toBe(201);

    const r = await call('GET', `/api/mediator/handoffs/${id}`, lea);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body!).sort()).toEqual(['handoff', 'messages', 'notes', 'previous', 'transcript']);
    expect(r.body!.handoff).toMatchObject({ id, state: 'with_mediator', mediatorId: 'demo:lea', channel: 'terminal' });
    // The same transcript as at claim time: a reload shows what the claim showed.
    expect(r.body!.transcript).toEqual(claim.body!.transcript);
    expect((r.body!.transcript as unknown[]).length).toBeGreaterThan(0);
    expect(r.body!.messages).toEqual([
      expect.objectContaining({ index: 0, from: 'citizen', text: "mon numéro fiscal c'est [n° fiscal]" }),
      expect.objectContaining({ index: 1, from: 'bot', text: expect.stringContaining("n'écrivez jamais") }),
      expect.objectContaining({ index: 2, from: 'mediator', text: 'Bonjour, je regarde.' }),
    ]);
    expect(r.body!.notes).toEqual([]);
    expect(r.body!.previous).toEqual([]);
    // Never the citizen's address on their channel.
    expect(JSON.stringify(r.body)).not.toContain(c.conversationId);

    // Any mediator of the territory may read it; another territory's gets 404, like an unknown handoff.
    const sam = await tokenOf('demo', 'sam');
    expect((await call('GET', `/api/mediator/handoffs/${id}`, sam)).status).toBe(200);
    const zoe = await tokenOf('horaires', 'zoe');
    const other = await call('GET', `/api/mediator/handoffs/${id}`, zoe);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: { code: 'NotFound', message: 'no such handoff' } });
    expect((await call('GET', `/api/mediator/handoffs/${randomUUID()}`, lea)).status).toBe(404);
    expect((await call('GET', `/api/mediator/handoffs/${id}`)).status).toBe(401);
  });

  test('a bad id is 400, before any lookup', async () => {
    const lea = await tokenOf('demo', 'lea');
    for (const bad of ['nope', '123', `${randomUUID()}x`, encodeURIComponent('../queue')]) {
      const r = await call('GET', `/api/mediator/handoffs/${bad}`, lea);
      expect([bad, r.status, (r.body?.error as { code?: string } | undefined)?.code]).toEqual([bad, 400, 'BadRequest']);
    }
  });
});
