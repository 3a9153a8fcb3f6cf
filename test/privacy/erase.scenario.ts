/**
 * "Effacer mes données" on real Redis (one server: erase.test.ts; a Redis Cluster: test/cluster/privacy.test.ts): a citizen on SMS who talked, handed off to a mediator (with
 * a transcript and messages), and has a reminder, asks to erase everything; afterwards a scan of
 * every key under the prefix finds nothing tied to them — no key naming them, no value holding their
 * words, number or identifiers.
 */
import type { RedisClient } from '../../src/storage/redis';
import { OUR_NUMBER, postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';
import { keysWithPrefix } from '../helpers/redis';
import { citizenKeyFor } from '../../src/privacy/contactIds';

async function dump(redis: RedisClient, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'string') return (await redis.getBuffer(key))?.toString('latin1') ?? '';
  if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
  if (type === 'list') return JSON.stringify(await redis.lrange(key, 0, -1));
  if (type === 'set') return JSON.stringify(await redis.smembers(key));
  if (type === 'zset') return JSON.stringify(await redis.zrange(key, 0, -1));
  if (type === 'stream') return JSON.stringify(await redis.xrange(key, '-', '+'));
  return '';
}

export const eraseScenario = (redis: true | 'cluster'): void =>
describe(`effacer mes données${redis === 'cluster' ? ' (Redis Cluster)' : ''}`, () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis, onDuty: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('erases everything tied to the citizen, in every store', async () => {
    const phone = '+33600000077';
    const send = async (text: string) => {
      h.ta.clock.advance(7000);
      return postSms(h.base, smsFields(phone, text));
    };
    await send('Bonjour');
    await send("Je m'appelle Jeanne Martinou et j'habite rue des Lilas");
    let r = await send('conseiller');
    if (/\bOui\b/.test(r.messages.join('\n'))) r = await send('oui');
    const app = h.ta.app;
    const record = (await app.queue.waiting('demo')).find((x) => x.channel === 'sms');
    expect(record).toBeDefined();
    const claim = await app.queue.claim('demo', record!.id, 'mediatrice-test', 90_000, app.now());
    await app.queue.addMessage('demo', record!.id, { at: app.now(), from: 'citizen', text: 'Merci, Jeanne Martinou', mediatorId: '' });
    await app.queue.close('demo', record!.id, claim.leaseToken, 'fait-pour', '', app.now());
    const userId = app.contacts.ids.userId('sms', phone);
    const citizenKey = citizenKeyFor('sms', userId);
    await app.reminders.add({ citizenKey, kind: 'actualisation', locale: 'fr', territory: 'demo', reference: record!.reference, anchor: app.now(), due: app.now() + 86_400_000 });
    const conversationId = record!.reference.conversation!.id;

    const traces = [userId, citizenKey, conversationId, phone, 'Jeanne', 'Lilas'];
    const found = async () => {
      const hits: string[] = [];
      for (const key of await keysWithPrefix(h.ta.admin!, h.ta.prefix!)) {
        const value = await dump(h.ta.admin!, key);
        for (const trace of traces) if (key.includes(trace) || value.includes(trace)) hits.push(`${key} ∋ ${trace}`);
      }
      return hits;
    };
    expect((await found()).length).toBeGreaterThan(3);

    const ask = await send('effacer mes données');
    expect(ask.messages.join('\n')).toMatch(/Voulez-vous effacer tout ce que Pas à pas garde sur vous \?/);
    const done = await send('1');
    expect(done.messages.join('\n')).toMatch(/C'est fait\. Tout ce que Pas à pas gardait sur vous est effacé\./);
    expect(await found()).toEqual([]);
    expect(await app.reminders.list(citizenKey)).toEqual([]);

    // The citizen can start again from scratch.
    const again = await send('Bonjour');
    expect(again.messages.join('\n')).toMatch(/Je suis Pas à pas/);
    void OUR_NUMBER;
  });

  it('"Non, garder" erases nothing', async () => {
    const phone = '+33600000078';
    await postSms(h.base, smsFields(phone, 'Bonjour'));
    await postSms(h.base, smsFields(phone, 'supprimer mes données'));
    const kept = await postSms(h.base, smsFields(phone, 'non'));
    expect(kept.messages.join('\n')).toMatch(/rien n'est effacé/);
    expect(await h.ta.app.contacts.lookup(h.ta.app.contacts.ids.userId('sms', phone))).toMatchObject({ address: phone });
  });
});
