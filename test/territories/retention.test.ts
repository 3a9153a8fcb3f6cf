/**
 * A territory's retentionDays applies to what its citizens leave behind: conversation and user
 * state, messaging contact, handoff record, web chat conversation — Creuse keeps 60 days where the
 * service default is 30.
 */
import { PUBLIC, postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';
import { keysWithPrefix } from '../helpers/redis';
import { conversationStateKey, keyspace, parseKey, userStateKey, type FamilyName } from '../../src/storage/keyspace';

const DAY = 86_400;

describe('retention per territory', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis: true, env: { TWILIO_AUTH_TOKEN_CREUSE: 'creuse-own-twilio-auth-token-01', TWILIO_ACCOUNT_SID_CREUSE: `AC${'c3'.repeat(16)}` } });
    await h.ta.app.queue.setPresence('creuse', 'mediateur-creuse', true, 86_400_000, h.ta.app.now());
  });
  afterAll(async () => {
    await h.close();
  });

  /** The TTLs of the keys of a family (storage/keyspace.ts) whose placeholders pass `where`. */
  const ttls = async (family: FamilyName, where: (parts: Record<string, string>) => boolean = () => true) => {
    const out: number[] = [];
    for (const key of await keysWithPrefix(h.ta.admin!, h.ta.prefix!)) {
      const parts = parseKey(family, key.slice(h.ta.prefix!.length));
      if (parts && where(parts)) out.push(await h.ta.admin!.ttl(key));
    }
    return out;
  };

  it('Creuse (60 days) and the default (30 days) side by side', async () => {
    const creuse = (text: string) => postSms(h.base, smsFields('+33600000060', text, { To: '+33757000107' }), { token: 'creuse-own-twilio-auth-token-01' });
    await creuse('Bonjour');
    let r = await creuse('conseiller');
    if (/\bOui\b/.test(r.messages.join('\n'))) r = await creuse('oui');
    await postSms(h.base, smsFields('+33600000061', 'Bonjour'));

    const stateTtls = await ttls('state', ({ item }) => item.startsWith('sms/conversations/'));
    expect(stateTtls).toHaveLength(2);
    expect(Math.max(...stateTtls)).toBeGreaterThan(59 * DAY);
    expect(Math.min(...stateTtls)).toBeLessThanOrEqual(30 * DAY);
    const contactTtls = await ttls('contactSeen');
    expect(contactTtls.sort((a, b) => a - b)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(Math.max(...contactTtls)).toBeGreaterThan(59 * DAY);
    expect(Math.min(...contactTtls)).toBeLessThanOrEqual(30 * DAY);
    const handoffTtls = await ttls('handoffRecord', ({ territory }) => territory === 'creuse');
    expect(handoffTtls).toHaveLength(1);
    expect(handoffTtls[0]).toBeGreaterThan(59 * DAY);
  });

  it('a web chat conversation on the Creuse site is kept 60 days, one on the demo site 30', async () => {
    const chat = async (territory: string, origin: string) => {
      const gen = await fetch(`${h.base}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ territory }),
      });
      expect(gen.status).toBe(200);
      const { token, conversationId } = (await gen.json()) as { token: string; conversationId: string };
      const auth = { authorization: `Bearer ${token}` };
      expect((await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
      const post = await fetch(`${h.base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: '1' }),
      });
      expect(post.status).toBe(200);
      const userId = (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { user: string }).user;
      return { conversationId, userId };
    };
    const ttlOf = (key: string) => h.ta.admin!.ttl(key);
    const ks = keyspace(h.ta.prefix!);
    for (const [territory, origin, days] of [['creuse', 'https://www.creuse.fr', 60], ['demo', PUBLIC, 30]] as const) {
      const { conversationId, userId } = await chat(territory, origin);
      const kept = [
        await ttlOf(ks.webChatMeta(conversationId)),
        await ttlOf(ks.webChatActivities(conversationId)),
        await ttlOf(ks.state(conversationStateKey('directline', conversationId))),
        await ttlOf(ks.state(userStateKey('directline', userId))),
      ];
      for (const t of kept) {
        expect(t).toBeGreaterThan((days - 1) * DAY);
        expect(t).toBeLessThanOrEqual(days * DAY);
      }
    }
  });

  it('the first message says how long the territory keeps messages', async () => {
    const r = await postSms(h.base, smsFields('+33600000062', 'Bonjour', { To: '+33757000107' }), { token: 'creuse-own-twilio-auth-token-01' });
    expect(r.messages.join('\n')).toMatch(/gardés 60 jours/);
  });
});
