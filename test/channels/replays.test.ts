/**
 * Providers retry: the same WhatsApp message and the same Telegram update delivered 3 times at
 * once, to two instances sharing Redis, run one turn and get one reply.
 */
import { FakeProvider } from '../helpers/fakeProvider';
import { randomPrefix } from '../helpers/redis';
import { TG_BOT, WA_PHONE_ID, postTelegram, postWhatsApp, startChannels, tgText, waText, type ChannelHarness, expectOneTurn } from '../helpers/channels';

describe('replays on two instances sharing Redis', () => {
  const prefix = randomPrefix();
  let provider: FakeProvider;
  let a: ChannelHarness;
  let b: ChannelHarness;
  beforeAll(async () => {
    provider = await new FakeProvider().start();
    a = await startChannels({ redis: true, prefix, provider });
    b = await startChannels({ redis: true, prefix, provider });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await provider.stop();
  });

  it('WhatsApp: one turn, one reply', async () => {
    provider.clear();
    const payload = waText('33600000090', 'Bonjour');
    const results = await Promise.all([postWhatsApp(a.base, payload), postWhatsApp(b.base, payload), postWhatsApp(a.base, payload)]);
    await expectOneTurn(results, () => postWhatsApp(b.base, payload));
    const welcomes = provider.callsTo(`/${WA_PHONE_ID}/messages`).filter((c) => JSON.stringify(c.json).includes('Je suis Pas à pas'));
    expect(welcomes).toHaveLength(1);
  });

  it('Telegram: one turn, one reply', async () => {
    provider.clear();
    const update = tgText(7001, 'Bonjour');
    const results = await Promise.all([postTelegram(a.base, update), postTelegram(b.base, update), postTelegram(b.base, update)]);
    await expectOneTurn(results, () => postTelegram(a.base, update));
    const welcomes = provider.callsTo(`/bot${TG_BOT}/sendMessage`).filter((c) => JSON.stringify(c.json).includes('Je suis Pas à pas'));
    expect(welcomes).toHaveLength(1);
  });
});
