/**
 * "Effacer mes données" erases the person, not only the conversation they asked in (security review #10,
 * finding 13), on real Redis: a phone that wrote by SMS to two territories' numbers and by WhatsApp, with a
 * guide in progress in each and a handoff waiting, asks on one of them; afterwards a scan of every key under
 * the prefix finds nothing tied to that phone on any number or channel, and each conversation starts afresh.
 * Another citizen's data is untouched. And the request is never relayed to a mediator, waiting or talking.
 */
import { keysWithPrefix } from '../helpers/redis';
import { OUR_NUMBER, WA_PHONE_ID, postSms, postWhatsApp, smsFields, startChannels, waText, type ChannelHarness } from '../helpers/channels';
import { citizenKeyFor } from '../../src/privacy/contactIds';
import type { RedisClient } from '../../src/storage/redis';

const CREUSE_NUMBER = '+33757000107';
const CREUSE_TOKEN = 'creuse-own-twilio-auth-token-01';

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

describe('effacer mes données: every conversation of the person, on every number and channel', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis: true, onDuty: true, env: { TWILIO_AUTH_TOKEN_CREUSE: CREUSE_TOKEN, TWILIO_ACCOUNT_SID_CREUSE: `AC${'c3'.repeat(16)}` } });
  });
  afterAll(async () => {
    await h.close();
  });

  const sms = async (from: string, text: string, to = OUR_NUMBER) => {
    h.ta.clock.advance(7000);
    const r = await postSms(h.base, smsFields(from, text, { To: to }), to === CREUSE_NUMBER ? { token: CREUSE_TOKEN } : {});
    expect(r.status).toBe(200);
    return r.messages.join('\n');
  };
  const whatsapp = async (from: string, text: string) => {
    h.ta.clock.advance(7000);
    h.provider.clear();
    expect((await postWhatsApp(h.base, waText(from, text))).status).toBe(200);
    return h.provider.callsTo(`/v21.0/${WA_PHONE_ID}/messages`).map((c) => JSON.stringify(c.json)).join('\n');
  };

  it('erases the SMS conversations with both numbers and the WhatsApp one of the same phone, and nobody else’s', async () => {
    const phone = '+33600000091';
    const other = '+33600000092';
    const ids = h.ta.app.contacts.ids;
    // The same phone: a guide in progress with the demo number and with the Creuse number, a handoff on WhatsApp.
    await sms(phone, 'Bonjour');
    await sms(phone, 'attestation ameli');
    expect(await sms(phone, '1')).toMatch(/Étape 1 sur/);
    await sms(phone, 'Bonjour', CREUSE_NUMBER);
    await sms(phone, 'attestation ameli', CREUSE_NUMBER);
    expect(await sms(phone, '1', CREUSE_NUMBER)).toMatch(/Étape 1 sur/);
    await whatsapp('33600000091', "Bonjour, c'est Jeanne Martinou");
    await whatsapp('33600000091', 'conseiller');
    expect(await whatsapp('33600000091', 'oui')).toMatch(/dans la file/);
    expect((await h.ta.app.queue.waiting('demo')).filter((r) => r.channel === 'whatsapp')).toHaveLength(1);
    // Someone else, on the same numbers.
    await sms(other, 'Bonjour');
    await sms(other, 'impots');
    await sms(other, 'Bonjour', CREUSE_NUMBER);

    const smsUser = ids.userId('sms', phone);
    const waUser = ids.userId('whatsapp', '33600000091');
    const traces = [
      smsUser,
      waUser,
      citizenKeyFor('sms', smsUser),
      citizenKeyFor('whatsapp', waUser),
      ids.conversationId('sms', OUR_NUMBER, phone),
      ids.conversationId('sms', CREUSE_NUMBER, phone),
      ids.conversationId('whatsapp', WA_PHONE_ID, '33600000091'),
      '600000091',
      'Jeanne',
    ];
    const found = async (needles: string[]) => {
      const hits: string[] = [];
      for (const key of await keysWithPrefix(h.ta.admin!, h.ta.prefix!)) {
        const value = await dump(h.ta.admin!, key);
        for (const n of needles) if (key.includes(n) || value.includes(n)) hits.push(`${key} ∋ ${n}`);
      }
      return hits;
    };
    expect((await found(traces)).length).toBeGreaterThan(6);
    const otherTraces = [ids.userId('sms', other), ids.conversationId('sms', OUR_NUMBER, other), ids.conversationId('sms', CREUSE_NUMBER, other)];
    expect((await found(otherTraces)).length).toBeGreaterThanOrEqual(3);

    // A conversation begun before conversations were listed per citizen: found through the territory's number.
    const convs = (await keysWithPrefix(h.ta.admin!, `${h.ta.prefix}contact:convs:`)).find((k) => k.endsWith(`:${smsUser}`))!;
    await h.ta.admin!.srem(convs, ids.conversationId('sms', CREUSE_NUMBER, phone));
    expect(await h.ta.admin!.smembers(convs)).toEqual([ids.conversationId('sms', OUR_NUMBER, phone)]);

    expect(await sms(phone, 'effacer mes données')).toMatch(/Voulez-vous effacer tout ce que Pas à pas garde sur vous \?/);
    expect(await sms(phone, '1')).toMatch(/C'est fait\. Tout ce que Pas à pas gardait sur vous est effacé\./);

    expect(await found(traces)).toEqual([]);
    expect((await h.ta.app.queue.waiting('demo')).filter((r) => r.channel === 'whatsapp')).toHaveLength(0);
    // The other citizen keeps everything.
    expect((await found(otherTraces)).length).toBeGreaterThanOrEqual(3);
    expect(await sms(other, '1')).not.toMatch(/Je suis Pas à pas/);

    // Each of the phone's conversations starts afresh: no "On reprend à l'étape 1 ?".
    const creuse = await sms(phone, 'Bonjour', CREUSE_NUMBER);
    expect(creuse).toMatch(/Je suis Pas à pas/);
    expect(creuse).not.toMatch(/On reprend/);
    expect(await whatsapp('33600000091', 'Bonjour')).toMatch(/Je suis Pas à pas/);
  });

  it('with a mediator: neither the request nor its answer reaches the mediator, and the handoff is erased', async () => {
    const phone = '+33600000093';
    await sms(phone, 'Bonjour');
    await sms(phone, 'conseiller');
    expect(await sms(phone, 'oui')).toMatch(/dans la file/);
    const app = h.ta.app;
    const record = (await app.queue.waiting('demo')).find((r) => r.reference.conversation?.id === app.contacts.ids.conversationId('sms', OUR_NUMBER, phone));
    expect(record).toBeDefined();
    await app.queue.claim('demo', record!.id, 'mediatrice-test', 90_000, app.now());
    await sms(phone, 'merci de votre aide');
    expect(await sms(phone, 'effacer mes données')).toMatch(/Voulez-vous effacer tout/);
    const before = await app.queue.messages('demo', record!.id);
    expect(before.map((m) => m.text)).toEqual(['merci de votre aide']);
    expect(await sms(phone, 'oui')).toMatch(/C'est fait\./);
    expect(await app.queue.get('demo', record!.id)).toBeUndefined();
  });
});
