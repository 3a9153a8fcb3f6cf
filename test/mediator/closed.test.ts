/**
 * Issue 19, closed conversations and search: GET /api/mediator/closed lists the territory's closed handoffs within
 * retention, newest first, filtered by outcome, guide, day and text — the text only in what is stored masked
 * (a phone number typed by the citizen is not findable, its mask is). Never another territory's. Same contract on
 * real Redis and in memory.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, type TestApp } from '../helpers/app';
import { useMediatorApp } from '../helpers/mediatorApi';
import { dayOf } from '../../src/stats/recorder';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('closed conversations and search on %s', (_name, redis) => {
  let ta: TestApp;
  let lea: string;
  const closed: Record<string, string> = {};

  const env = useMediatorApp({
    redis,
    mediators: [
      ['demo', 'lea', 'Léa'],
      ['horaires', 'zoe', 'Zoé'],
    ],
  });
  const { call, tokenOf, claimNewest } = env;
  const list = async (query: string, token = lea) => {
    const r = await call('GET', `/api/mediator/closed${query}`, token);
    expect(r.status).toBe(200);
    return (r.body!.handoffs as Array<{ id: string; outcome: string; note?: string; state: string }>).map((h) => h.id);
  };

  beforeAll(async () => {
    ({ ta } = env);
    lea = await tokenOf('demo', 'lea');
    // Three conversations, closed in this order, with what the citizen said and the mediator's note.
    for (const [name, said, outcome, note] of [
      ['ameli', 'mon compte ameli est bloqué, mon numéro 06 12 34 56 78', 'fait-avec', 'Mot de passe réinitialisé.'],
      ['caf', 'la CAF me demande une attestation', 'non-resolu', 'À revoir avec la CAF.'],
      ['impots', 'je ne trouve pas mon numéro fiscal', 'autonome', ''],
    ] as const) {
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      await c.say('conseiller');
      await c.say('oui');
      const id = await claimNewest(lea);
      await c.say(said);
      expect((await call('POST', `/api/mediator/handoffs/${id}/close`, lea, note ? { outcome, note } : { outcome })).status).toBe(204);
      closed[name] = id;
    }
  });

  test('newest first, with outcome and note; filtered by outcome', async () => {
    const r = await call('GET', '/api/mediator/closed', lea);
    const handoffs = r.body!.handoffs as Array<Record<string, unknown>>;
    expect(handoffs.map((h) => h.id)).toEqual([closed.impots, closed.caf, closed.ameli]);
    expect(handoffs[1]).toMatchObject({ state: 'closed', outcome: 'non-resolu', note: 'À revoir avec la CAF.', closedAt: expect.any(Number) });
    expect(await list('?outcome=non-resolu')).toEqual([closed.caf]);
    expect(await list('?outcome=fait-avec')).toEqual([closed.ameli]);
    expect(await list('?limit=1')).toEqual([closed.impots]);
  });

  test('text search in the masked text only, case and accents ignored', async () => {
    expect(await list('?q=AMELI')).toEqual([closed.ameli]);
    expect(await list('?q=revoir')).toEqual([closed.caf]);
    expect(await list(`?q=${encodeURIComponent('numero fiscal')}`)).toEqual([closed.impots]);
    // The number the citizen typed was masked before it was stored: not findable; its mask is.
    expect(await list(`?q=${encodeURIComponent('06 12 34')}`)).toEqual([]);
    expect(await list(`?q=${encodeURIComponent('[téléphone]')}`)).toEqual([closed.ameli]);
  });

  test('by day and guide; bad queries 400; another territory sees none of them; no session 401', async () => {
    const today = dayOf(ta.app.now());
    expect((await list(`?from=${today}&to=${today}`)).sort()).toEqual(Object.values(closed).sort());
    expect(await list('?to=2000-01-01')).toEqual([]);
    expect(await list('?guide=caf-prime-activite')).toEqual([]);
    for (const bad of ['?outcome=perdu', '?from=hier', '?from=2026-12-31&to=2026-01-01', '?q=a', '?guide=../x', '?other=1', '?limit=0']) {
      expect([bad, (await call('GET', `/api/mediator/closed${bad}`, lea)).status]).toEqual([bad, 400]);
    }
    expect(await list('', await tokenOf('horaires', 'zoe'))).toEqual([]);
    expect((await call('GET', '/api/mediator/closed')).status).toBe(401);
  });
});
