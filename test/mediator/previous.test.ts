/**
 * Issue 19, the citizen's previous visits: `previous` in GET /api/mediator/handoffs/:id lists the territory's earlier
 * handoffs of the same person within retention (date, guide and step, outcome, the mediator's note, masked), across
 * SMS and WhatsApp for the same phone number; never another person's, never to another territory (404). Same
 * contract on real Redis and in memory; the providers are a stand-in on loopback.
 */
import { randomUUID } from 'node:crypto';
import { Citizen } from '../helpers/app';
import { mediatorApi } from '../helpers/mediatorApi';
import { postSms, postWhatsApp, smsFields, startChannels, WA_PHONE_ID, waPayload, type ChannelHarness } from '../helpers/channels';

const PASSWORD = 'un-mot-de-passe-assez-long';

interface Visit {
  id: string;
  at: number;
  state: string;
  channel: string;
  outcome?: string;
  note?: string;
  guideTitle?: string;
}

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('previous visits on %s', (_name, redis) => {
  let h: ChannelHarness;

  const { call, tokenOf, claimNewest } = mediatorApi(() => h.base, PASSWORD);
  const previousOf = async (id: string, token: string) => ((await call('GET', `/api/mediator/handoffs/${id}`, token)).body as { previous: Visit[] }).previous;

  beforeAll(async () => {
    h = await startChannels({ redis, onDuty: true });
    await h.ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa', password: PASSWORD });
    await h.ta.app.mediators.add({ territory: 'creuse', username: 'zoe', name: 'Zoé', password: PASSWORD });
  });
  afterAll(() => h.close());

  const sms = (from: string) => (text: string) => postSms(h.base, smsFields(from, text));
  const whatsapp = (from: string) => (text: string) => postWhatsApp(h.base, waPayload(WA_PHONE_ID, [{ from, id: `wamid.${randomUUID()}`, timestamp: '1700000000', type: 'text', text: { body: text } }]));
  const asks = async (send: (text: string) => Promise<unknown>) => {
    await send('bonjour');
    await send('conseiller');
    await send('oui');
  };

  test('the same phone number on SMS then WhatsApp: the earlier visit with its outcome and masked note', async () => {
    const lea = await tokenOf('demo', 'lea');
    const digits = `336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await asks(sms(`+${digits}`));
    const first = await claimNewest(lea);
    expect((await call('POST', `/api/mediator/handoffs/${first}/close`, lea, { outcome: 'fait-avec', note: 'Compte Ameli créé ensemble ; son fixe 05 55 12 34 56.' })).status).toBe(204);
    expect(await previousOf(first, lea)).toEqual([]);

    // Someone else, meanwhile: never among this person's visits.
    await asks(sms(`+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`));
    const other = await claimNewest(lea);
    expect((await call('POST', `/api/mediator/handoffs/${other}/close`, lea, { outcome: 'autonome' })).status).toBe(204);

    await asks(whatsapp(digits));
    const second = await claimNewest(lea);
    const previous = await previousOf(second, lea);
    expect(previous).toEqual([
      expect.objectContaining({ id: first, state: 'closed', channel: 'sms', outcome: 'fait-avec', note: 'Compte Ameli créé ensemble ; son fixe [téléphone].', at: expect.any(Number) }),
    ]);
    expect(JSON.stringify(previous)).not.toContain(digits.slice(3));
    // Another territory sees nothing of it.
    expect((await call('GET', `/api/mediator/handoffs/${second}`, await tokenOf('creuse', 'zoe'))).status).toBe(404);
    expect((await call('POST', `/api/mediator/handoffs/${second}/close`, lea, { outcome: 'fait-pour' })).status).toBe(204);
  });

  test('the same citizen on the same channel: every earlier visit, newest first', async () => {
    const lea = await tokenOf('demo', 'lea');
    const c = new Citizen(h.ta.app, `c-${randomUUID()}`);
    const ids: string[] = [];
    for (const outcome of ['non-resolu', 'autonome'] as const) {
      await c.say('conseiller');
      await c.say('oui');
      const id = await claimNewest(lea);
      ids.push(id);
      expect((await call('POST', `/api/mediator/handoffs/${id}/close`, lea, { outcome })).status).toBe(204);
      await c.say('merci');
    }
    await c.say('conseiller');
    await c.say('oui');
    const third = await claimNewest(lea);
    expect((await previousOf(third, lea)).map((v) => [v.id, v.outcome])).toEqual([
      [ids[1], 'autonome'],
      [ids[0], 'non-resolu'],
    ]);
    expect((await call('POST', `/api/mediator/handoffs/${third}/close`, lea, { outcome: 'fait-pour' })).status).toBe(204);
  });
});
