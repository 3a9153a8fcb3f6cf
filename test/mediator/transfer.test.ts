/**
 * Issue 19, transfer: POST /api/mediator/handoffs/:id/transfer {to: {mediator}, note} → 204 hands the conversation
 * to a colleague on duty (409 NotOnDuty otherwise, with the reason); the citizen is told in one short sentence; the
 * note stays in the team (an internal note). Another territory's handoff: 404. Same contract on real Redis and in
 * memory.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../helpers/app';
import { useMediatorApp } from '../helpers/mediatorApi';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('transfer on %s', (_name, redis) => {
  let ta: TestApp;

  const env = useMediatorApp({
    redis,
    mediators: [
      ['demo', 'lea', 'Léa Martin'],
      ['demo', 'sam', 'Sam Petit'],
      ['demo', 'noe', 'Noé Bernard'],
      ['horaires', 'zoe', 'Zoé Durand'],
    ],
  });
  beforeAll(() => ({ ta } = env));
  const { call, tokenOf } = env;
  const claimed = async (token: string) => {
    const { c, id } = await env.claimed(token);
    await c.proactive(); // "Un conseiller vous répond."
    return { c, id };
  };
  const mineOf = async (token: string) => ((await call('GET', '/api/mediator/queue', token)).body!.mine as Array<{ id: string }>).map((h) => h.id);


  test('to a colleague on duty: 204, the colleague has it, the citizen is told, the note stays in the team', async () => {
    const lea = await tokenOf('demo', 'lea');
    const sam = await tokenOf('demo', 'sam');
    expect((await call('POST', '/api/mediator/presence', sam, { onDuty: true })).status).toBe(200);
    const { c, id } = await claimed(lea);

    const r = await call('POST', `/api/mediator/handoffs/${id}/transfer`, lea, { to: { mediator: 'sam' }, note: 'Bloquée à la connexion Ameli, tél. 06 12 34 56 78.' });
    expect([r.status, r.body]).toEqual([204, null]);
    expect(await c.proactive()).toBe('Un autre conseiller prend la suite. Écrivez-lui ici.');
    expect(await mineOf(sam)).toContain(id);
    expect(await mineOf(lea)).not.toContain(id);
    // Sam writes; Léa no longer can.
    expect((await call('POST', `/api/mediator/handoffs/${id}/messages`, sam, { text: 'Bonjour, je prends la suite.' })).status).toBe(201);
    expect(await c.proactive()).toContain('je prends la suite');
    const late = await call('POST', `/api/mediator/handoffs/${id}/messages`, lea, { text: 'Encore moi' });
    expect([late.status, (late.body!.error as { code: string }).code]).toEqual([409, 'NotYours']);
    expect((await call('POST', `/api/mediator/handoffs/${id}/heartbeat`, sam)).status).toBe(200);
    // The note: an internal note marked as the transfer's, masked, never sent to the citizen.
    const { notes, handoff } = (await call('GET', `/api/mediator/handoffs/${id}`, sam)).body as { notes: unknown[]; handoff: { mediatorId: string } };
    expect(handoff.mediatorId).toBe('demo:sam');
    expect(notes).toEqual([{ index: 0, at: expect.any(Number), mediatorId: 'demo:lea', author: 'Léa Martin', text: 'Bloquée à la connexion Ameli, tél. [téléphone].', transferTo: 'Sam Petit' }]);
    expect((await ta.app.audit.list('demo', 5)).some((e) => e.action === 'transfer' && e.handoffId === id && e.mediatorId === 'demo:lea')).toBe(true);
    // Handing it back to Léa, who never said she is on duty: refused, with the reason.
    const back = await call('POST', `/api/mediator/handoffs/${id}/transfer`, sam, { to: { mediator: 'lea' } });
    expect([back.status, back.body]).toEqual([409, { error: { code: 'NotOnDuty', message: 'Léa Martin is not on duty: transfer to a colleague who is, or release the conversation' } }]);
  });

  test('refusals: off duty 409, unknown colleague 422, oneself 400, not the holder 409, another territory 404, nobody on duty there 409', async () => {
    const lea = await tokenOf('demo', 'lea');
    const sam = await tokenOf('demo', 'sam');
    const { c, id } = await claimed(lea);
    const transfer = (token: string, body: unknown, handoff = id) => call('POST', `/api/mediator/handoffs/${handoff}/transfer`, token, body);

    const off = await transfer(lea, { to: { mediator: 'noe' } });
    expect([off.status, (off.body!.error as { code: string }).code, (off.body!.error as { message: string }).message]).toEqual([409, 'NotOnDuty', expect.stringContaining('Noé Bernard is not on duty')]);
    expect((await transfer(lea, { to: { mediator: 'nobody' } })).body).toEqual({ error: { code: 'UnknownColleague', message: 'to.mediator: no mediator "nobody" in your territory' } });
    expect((await transfer(lea, { to: { mediator: 'lea' } })).status).toBe(400);
    expect((await transfer(sam, { to: { mediator: 'sam' } })).body).toEqual({ error: { code: 'NotYours', message: 'this handoff is no longer yours' } });
    const zoe = await tokenOf('horaires', 'zoe');
    expect((await transfer(zoe, { to: { mediator: 'sam' } })).body).toEqual({ error: { code: 'NotFound', message: 'no such handoff' } });
    expect((await transfer(lea, { to: { mediator: 'sam' } }, randomUUID())).status).toBe(404);
    expect((await transfer(lea, { to: { mediator: 'sam' } }, 'nope')).status).toBe(400);
    const nobody = await transfer(lea, { to: { territory: 'hub' } });
    expect([nobody.status, (nobody.body!.error as { code: string }).code]).toEqual([409, 'NobodyOnDuty']);
    expect((await transfer(lea, { to: { territory: 'nowhere' } })).body).toEqual({ error: { code: 'UnknownTerritory', message: 'to.territory: no territory "nowhere"' } });
    expect((await transfer(lea, { to: { territory: 'demo' } })).status).toBe(400);
    for (const bad of [{}, { to: {} }, { to: { mediator: 'sam', territory: 'x' } }, { to: { mediator: 'sam' }, note: 'x'.repeat(2001) }, { to: { mediator: 'sam' }, extra: 1 }]) {
      expect([bad, (await transfer(lea, bad)).status]).toEqual([bad, 400]);
    }
    expect((await call('POST', `/api/mediator/handoffs/${id}/transfer`, undefined, { to: { mediator: 'sam' } })).status).toBe(401);
    // Nothing moved: Léa still has it, the citizen was told nothing.
    expect(await mineOf(lea)).toContain(id);
    expect(await c.proactive()).toBe('');
  });

  test('to another territory\'s queue: a new handoff there with the history and the note; the citizen follows', async () => {
    const lea = await tokenOf('demo', 'lea');
    const zoe = await tokenOf('horaires', 'zoe');
    expect((await call('POST', '/api/mediator/presence', zoe, { onDuty: true })).status).toBe(200);
    const { c, id } = await claimed(lea);
    await c.say("je n'arrive pas à me connecter");
    const r = await call('POST', `/api/mediator/handoffs/${id}/transfer`, lea, { to: { territory: 'horaires' }, note: 'Elle habite à Dijon maintenant.' });
    expect([r.status, r.body]).toEqual([204, null]);
    expect(await c.proactive()).toBe("Un conseiller d'une autre équipe va vous répondre ici. Merci d'attendre un peu.");
    // Here it is over (and names nothing Léa's colleagues can open); there it waits.
    expect(((await call('GET', `/api/mediator/handoffs/${id}`, lea)).body!.handoff as { state: string }).state).toBe('transferred');
    expect(await mineOf(lea)).not.toContain(id);
    const { waiting } = (await call('GET', '/api/mediator/queue', zoe)).body as { waiting: Array<{ id: string }> };
    expect(waiting).toHaveLength(1);
    const moved = waiting[0].id;
    expect((await call('GET', `/api/mediator/handoffs/${moved}`, lea)).status).toBe(404);
    const detail = (await call('GET', `/api/mediator/handoffs/${moved}`, zoe)).body as { transcript: Array<{ text: string }>; notes: Array<Record<string, unknown>> };
    expect(detail.transcript.map((l) => l.text)).toContain("je n'arrive pas à me connecter");
    expect(detail.notes).toEqual([expect.objectContaining({ author: 'Léa Martin (demo)', text: 'Elle habite à Dijon maintenant.', transferTo: expect.any(String) })]);
    // The citizen's next words go to the new handoff; Zoé takes it and answers.
    await c.say('toujours là');
    expect((await call('POST', `/api/mediator/handoffs/${moved}/claim`, zoe)).status).toBe(200);
    expect(await c.proactive()).toContain('Un conseiller vous répond');
    expect(((await call('GET', `/api/mediator/handoffs/${moved}/messages`, zoe)).body!.messages as Array<{ text: string }>).map((x) => x.text)).toEqual(['toujours là']);
    expect((await call('POST', `/api/mediator/handoffs/${moved}/messages`, zoe, { text: 'Bonjour, je suis à Dijon.' })).status).toBe(201);
    expect(await c.proactive()).toContain('Bonjour, je suis à Dijon.');
    expect((await call('POST', `/api/mediator/handoffs/${moved}/close`, zoe, { outcome: 'fait-avec' })).status).toBe(204);
  });
});
