/**
 * storage/keyspace.ts declares every Redis key family once. Unit checks of the table (patterns, builders,
 * parsing, hash tags), then a scripted conversation on real Redis — SMS with a handoff, WhatsApp, a web chat
 * with a photo, a mediator login, a reminder, statistics — after which every key under the prefix belongs
 * to exactly one declared family and carries the expiry its family's retention says.
 */
import { FAMILIES, FAMILY_NAMES, familiesMatching, familyOf, familyRegex, hashTagOf, keyspace, parseKey, type FamilyDecl, type FamilyName } from '../../src/storage/keyspace';
import { keysWithPrefix } from '../helpers/redis';
import { OUR_NUMBER, PUBLIC, postSms, postWhatsApp, smsFields, startChannels, waText, type ChannelHarness } from '../helpers/channels';

const decl = (name: FamilyName): FamilyDecl => FAMILIES[name];
const placeholders = (pattern: string) => [...pattern.matchAll(/<([a-zA-Z]+)>/g)].map((m) => m[1]);

/** A plausible value for a placeholder (channel-specific ones follow their `parts`). */
function sample(name: FamilyName, part: string): string {
  const re = decl(name).parts?.[part];
  if (part === 'userId') return 'sms:AbCdEfGhIjKlMnOpQrStUv';
  if (part === 'bucket') return 'u7f2';
  if (part === 'addressKey') return 'whatsapp:AbCdEfGhIjKlMnOpQrStUv';
  if (part === 'counter' && re?.includes('in:m')) return 'in:d';
  if (part === 'item') return 'sms/conversations/sms:AbCdEfGhIjKlMnOpQrStUv/';
  if (re === '.+') return 'login:ip:203.0.113.9';
  return `${part}1`;
}

describe('the key families', () => {
  const ks = keyspace('p:');

  test('each pattern is declared once', () => {
    const patterns = FAMILY_NAMES.map((n) => decl(n).pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  test.each(FAMILY_NAMES.map((n) => [n]))('%s: its builder, its regex and its parser agree, and no other family claims its keys', (name) => {
    const parts = placeholders(decl(name).pattern);
    const values = parts.map((p) => sample(name, p));
    const key = (ks[name] as (...a: string[]) => string)(...values);
    expect(key.startsWith('p:')).toBe(true);
    const bare = key.slice(2);
    expect(familyRegex(name).test(bare)).toBe(true);
    expect(familiesMatching(bare)).toEqual([name]);
    expect(familyOf(bare)).toBe(name);
    expect(parseKey(name, bare)).toEqual(Object.fromEntries(parts.map((p, i) => [p, values[i]])));
  });

  test('the families written by multi-key Lua scripts carry a hash tag (one cluster slot a script)', () => {
    for (const n of FAMILY_NAMES) {
      if (/^(handoff|reminder|mediatorAccount|webChat(Meta|Activities|ClientIds)|contact(Seen|Conversations|Stop|Held|Counter)$|dedup$)/.test(n)) expect([n, hashTagOf(n)]).toEqual([n, expect.any(String)]);
    }
    expect(hashTagOf('contactStop')).toBe('bucket');
    expect(hashTagOf('contactStopUntagged')).toBeUndefined();
    expect(hashTagOf('handoffRecord')).toBe('territory');
    expect(hashTagOf('reminderDue')).toBe('rem');
    expect(hashTagOf('state')).toBeUndefined();
  });

  test('the two kinds of rate limit are distinct families', () => {
    expect(familyOf('lim:login:ip:203.0.113.9')).toBe('limit');
    expect(familyOf('rl:{u7f2}:sms:AbCdEfGhIjKlMnOpQrStUv:in:m')).toBe('contactCounter');
    expect(familyOf('rl:sms:AbCdEfGhIjKlMnOpQrStUv:in:m')).toBe('contactCounterUntagged');
    expect(familyOf('rl:photos:conv:{abc}')).toBe('photoQuota');
  });

  test('personal data is never kept without a reason: it expires with the retention, or says why it stays', () => {
    for (const n of FAMILY_NAMES) {
      const r = decl(n).retention;
      // A fixed time is allowed for personal data only with its reason (a mediator's work record: the Coop activity report).
      if (decl(n).personal && !(r.kind === 'fixed' && r.why)) expect([n, r.kind]).toEqual([n, expect.stringMatching(/^(retention|kept|trim)$/)]);
      if (decl(n).personal && r.kind === 'fixed') expect(r.why).toMatch(/mediator/);
      if (r.kind === 'kept') expect(r.why).not.toBe('');
    }
  });
});

describe('every key a scripted conversation writes is declared, with its expiry', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis: true, onDuty: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('SMS with a handoff, WhatsApp, web chat with a photo, a mediator login, a reminder and statistics', async () => {
    const { ta } = h;
    const sms = async (text: string) => {
      ta.clock.advance(7000);
      expect((await postSms(h.base, smsFields('+33600000071', text, { To: OUR_NUMBER }))).status).toBe(200);
    };
    await sms('Bonjour');
    await sms('attestation ameli');
    await sms('conseiller');
    await sms('oui');
    expect((await postWhatsApp(h.base, waText('33600000072', 'Bonjour'))).status).toBe(200);

    // Web chat: a token (rate-limited by IP), a conversation, a message and a photo.
    const gen = await fetch(`${h.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', origin: PUBLIC }, body: JSON.stringify({ territory: 'demo' }) });
    const { token, conversationId } = (await gen.json()) as { token: string; conversationId: string };
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
    const post = await fetch(`${h.base}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'Bonjour' }) });
    expect(post.status).toBe(200);
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])], { type: 'image/jpeg' }), 'photo.jpg');
    await fetch(`${h.base}/v3/directline/conversations/${conversationId}/upload?userId=u`, { method: 'POST', headers: auth, body: form });

    // A mediator logs in (session, login counters, audit) and the handoff is claimed.
    await ta.app.mediators.add({ territory: 'demo', username: 'keys', name: 'Médiatrice', password: 'a-long-password-123' });
    const login = await fetch(`${h.base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: PUBLIC }, body: JSON.stringify({ territory: 'demo', username: 'keys', password: 'a-long-password-123' }) });
    expect(login.status).toBe(200);

    const [waiting] = await ta.app.queue.waiting('demo');
    expect(waiting).toBeDefined();
    await ta.app.queue.claim('demo', waiting.id, 'keys', 60_000, ta.app.now());
    await ta.app.queue.addMessage('demo', waiting.id, { from: 'mediator', text: 'Bonjour', at: ta.app.now() });
    await ta.app.reminders.add({ citizenKey: waiting.citizenKey, kind: 'actualisation', due: ta.app.now() + 86_400_000, anchor: ta.app.now(), locale: 'fr', territory: 'demo', reference: waiting.reference });
    await ta.app.stats.flush?.();

    const prefix = ta.prefix!;
    const names = (await keysWithPrefix(ta.admin!, prefix)).map((k) => k.slice(prefix.length));
    const seen = new Set<FamilyName>();
    for (const name of names) {
      expect([name, familiesMatching(name).length]).toEqual([name, 1]);
      const family = familyOf(name)!;
      seen.add(family);
      const ttl = await ta.admin!.ttl(`${prefix}${name}`);
      const r = decl(family).retention;
      if (r.kind === 'retention' || r.kind === 'fixed') expect([name, ttl > 0]).toEqual([name, true]);
      if (r.kind === 'fixed') expect(ttl).toBeGreaterThan(r.seconds - 3600);
    }
    // The scenario reaches the families it means to (so the check above is not vacuous).
    for (const f of ['state', 'limit', 'handoffRecord', 'handoffMessages', 'handoffEvents', 'contactSeen', 'contactCounter', 'dedup', 'webChatActivities', 'mediatorSession', 'mediatorAccount', 'reminderRecord', 'statsCounters'] as FamilyName[]) {
      expect([f, seen.has(f)]).toEqual([f, true]);
    }
  });
});
