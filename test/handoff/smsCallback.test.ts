/**
 * Over the real Twilio SMS webhook: the callback offers the number the citizen writes from (the channel tells the turn,
 * `channelData.citizenPhone`), masked, and books it when they say "ce numero la" — never "Sans téléphone" to them.
 */
import { postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

let h: ChannelHarness;
beforeAll(async () => {
  h = await startChannels();
}, 120_000);
afterAll(() => h.close());

test('"conseiller", "1", "ce numero la", "demain à 14h": booked on the number writing, shown masked', async () => {
  const from = '+33612345678';
  const say = async (text: string) => (await postSms(h.base, smsFields(from, text))).messages.join('\n');
  await say('conseiller');
  const offer = await say('1');
  expect(offer).toContain('06 xx xx xx 78');
  expect(offer).not.toContain('12 34 56');
  expect(await say('ce numero la')).toContain('Quand pouvons-nous vous appeler ?');
  const done = await say('demain à 14h');
  // Booked: said in full, so that the citizen can check it.
  expect(done).toContain('06 12 34 56 78');
  const [cb] = await h.ta.app.queue.callbacks('demo');
  expect(cb.callbackPhone).toBe(from);
}, 120_000);
