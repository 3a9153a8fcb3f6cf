/**
 * Keyed contact ids and `pasapas migrate-contacts` (security review #10, finding 12), on real Redis. The
 * version before wrote ids that were a plain SHA-256 of the phone number: it is played here by the same app
 * with `ContactIds.legacySha256()`. Then the new version starts on the same Redis, the migration runs under
 * it, and: what was written before still works (a guide goes on at its step, STOP is honoured — also for an
 * erased citizen, and for one who writes before the migration ran —, a waiting handoff still reaches the
 * citizen on WhatsApp, a reminder is still listed), and no key or value still holds any of the old ids or of
 * their hashes. A second run finds nothing to move.
 */
import { FakeProvider } from '../helpers/fakeProvider';
import { OUR_NUMBER, WA_PHONE_ID, postSms, postWhatsApp, smsFields, startChannels, waText, type ChannelHarness } from '../helpers/channels';
import { TEST_CONTACT_HASH_SECRET } from '../helpers/app';
import { connectRedis, deletePrefix, keysWithPrefix, randomPrefix } from '../helpers/redis';
import { ContactIds, citizenKeyFor, legacyAddressKey } from '../../src/privacy/contactIds';
import { migrateContacts } from '../../src/privacy/migrateContacts';
import { RedisContactStore } from '../../src/channels/webhook/contacts';
import type { RedisClient } from '../../src/storage/redis';

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

describe('contact ids keyed with CONTACT_HASH_SECRET, and the migration of what the version before wrote', () => {
  const prefix = randomPrefix();
  let admin: RedisClient;
  let provider: FakeProvider;
  beforeAll(async () => {
    admin = await connectRedis();
    provider = await new FakeProvider().start();
  });
  afterAll(async () => {
    await deletePrefix(admin, prefix);
    admin.disconnect();
    await provider.stop();
  });

  const GUIDE = '+33600000081';
  const STOPPED = '+33600000082';
  const WAITING = '33600000083';
  const ERASED_STOPPED = '+33600000085';
  const STOPPED_EARLY = '+33600000086';
  const legacy = ContactIds.legacySha256();
  const oldUser = (channel: string, address: string) => legacy.userId(channel, address);

  /** Everything the old version could have named a citizen by: ids, conversation ids, keys of the handoffs and reminders, STOP hashes. */
  function oldTraces(): string[] {
    const out: string[] = [];
    for (const [channel, address, bot] of [
      ['sms', GUIDE, OUR_NUMBER],
      ['sms', STOPPED, OUR_NUMBER],
      ['whatsapp', WAITING, WA_PHONE_ID],
      ['sms', ERASED_STOPPED, OUR_NUMBER],
      ['sms', STOPPED_EARLY, OUR_NUMBER],
    ]) {
      const id = oldUser(channel, address);
      out.push(id, legacy.conversationId(channel, bot, address), citizenKeyFor(channel, id), legacyAddressKey(channel, id));
    }
    return out;
  }

  async function found(needles: string[]): Promise<string[]> {
    const hits: string[] = [];
    for (const key of await keysWithPrefix(admin, prefix)) {
      const value = await dump(admin, key);
      for (const n of needles) if (key.includes(n) || value.includes(n)) hits.push(`${key} ∋ ${n}`);
    }
    return hits;
  }

  it('what was written before still works after the migration, and no old id or hash of one is left', async () => {
    // ---- The version before (plain SHA-256 ids) ----
    const before: ChannelHarness = await startChannels({ redis: true, prefix, provider, onDuty: true, contactIds: legacy });
    const sms = async (h: ChannelHarness, from: string, text: string) => {
      h.ta.clock.advance(7000);
      const r = await postSms(h.base, smsFields(from, text));
      expect(r.status).toBe(200);
      return r.messages.join('\n');
    };
    await sms(before, GUIDE, 'Bonjour');
    await sms(before, GUIDE, 'attestation ameli');
    expect(await sms(before, GUIDE, '1')).toMatch(/Étape 1 sur/);
    await sms(before, STOPPED, 'Bonjour');
    await sms(before, STOPPED, 'STOP');
    await sms(before, STOPPED_EARLY, 'Bonjour');
    await sms(before, STOPPED_EARLY, 'STOP');
    await postWhatsApp(before.base, waText(WAITING, 'Bonjour'));
    await postWhatsApp(before.base, waText(WAITING, 'conseiller'));
    await postWhatsApp(before.base, waText(WAITING, 'oui'));
    const waiting = (await before.ta.app.queue.waiting('demo')).find((r) => r.channel === 'whatsapp');
    expect(waiting?.reference.user?.id).toBe(oldUser('whatsapp', WAITING));
    // A reminder, as the bot sets it up after the actualisation guide.
    const guideUser = oldUser('sms', GUIDE);
    await before.ta.app.reminders.add({
      citizenKey: citizenKeyFor('sms', guideUser),
      kind: 'actualisation',
      locale: 'fr',
      territory: 'demo',
      reference: { channelId: 'sms', serviceUrl: 'pasapas://sms', user: { id: guideUser, name: '' }, bot: { id: OUR_NUMBER, name: 'Pas à pas' }, conversation: { id: legacy.conversationId('sms', OUR_NUMBER, GUIDE), isGroup: false, conversationType: 'personal', name: '' } },
      anchor: before.ta.app.now(),
      due: before.ta.app.now() + 20 * 86_400_000,
    });
    // A citizen who sent STOP and whose data was then erased: only the STOP is left, under the hash of their old id.
    await admin.set(`${prefix}contact:stop:${legacyAddressKey('sms', oldUser('sms', ERASED_STOPPED))}`, '1', 'EX', 86_400);
    await before.ta.app.close();
    before.ta.admin?.disconnect();
    expect((await found(oldTraces())).length).toBeGreaterThan(15);

    // ---- The new version starts on the same Redis, before the migration has run ----
    const after: ChannelHarness = await startChannels({ redis: true, prefix, provider });
    try {
      // STOP holds even before the migration: the citizen's own message finds it.
      expect(await sms(after, STOPPED_EARLY, 'Bonjour')).toBe('');

      // ---- The migration, while the new version serves ----
      const report = await migrateContacts(admin, prefix, ContactIds.keyed(TEST_CONTACT_HASH_SECRET), false);
      // 'contact seen' 4: the citizen who wrote again has a newer record under the hash-tagged layout, which the
      // migration does not see; their old one moves beside it, and the newer one is read first (contacts.ts).
      expect(report.moved).toMatchObject({ 'contact seen': 4, 'user state': 3, 'conversation state': 3, 'handoff pointers': 1, 'reminder indexes': 1, 'contact stop (citizen erased)': 1 });
      // The citizen who wrote again before the migration has newer keys: those are kept, the old ones dropped.
      expect(report.dropped).toMatchObject({ 'user state': 1, 'conversation state': 1 });
      expect(report.rewritten).toEqual({ 'handoff records': 1, reminders: 1 });
      expect(await found(oldTraces())).toEqual([]);
      const again = await migrateContacts(admin, prefix, ContactIds.keyed(TEST_CONTACT_HASH_SECRET), false);
      expect(again.moved).toEqual({});
      expect(again.rewritten).toEqual({});

      // The guide goes on at its step.
      expect(await sms(after, GUIDE, '1')).toMatch(/Étape 2 sur/);
      // The reminder is still the citizen's.
      expect(await sms(after, GUIDE, 'mes rappels')).toMatch(/Actualisation France Travail/);
      // STOP is honoured, also for the erased citizen who had sent it.
      expect(await sms(after, STOPPED, 'Bonjour')).toBe('');
      expect(await sms(after, ERASED_STOPPED, 'Bonjour')).toBe('');
      // The waiting handoff: a mediator claims it and writes; the citizen receives it on WhatsApp.
      const app = after.ta.app;
      const record = await app.queue.get('demo', waiting!.id);
      expect(record?.reference.user?.id).toBe(app.contacts.ids.userId('whatsapp', WAITING));
      await app.queue.claim('demo', waiting!.id, 'mediatrice-test', 90_000, app.now());
      await app.queue.addMessage('demo', waiting!.id, { at: app.now(), from: 'mediator', text: 'Bonjour, ici Claire.', mediatorId: 'mediatrice-test' });
      provider.clear();
      await app.notifier.tick();
      const toCitizen = provider.callsTo(`/v21.0/${WA_PHONE_ID}/messages`).map((c) => c.json as { to: string; text?: { body: string } });
      expect(toCitizen.some((m) => m.to === WAITING && /Bonjour, ici Claire\./.test(m.text?.body ?? ''))).toBe(true);
      // Nothing written since names an old id either.
      expect(await found(oldTraces())).toEqual([]);
    } finally {
      await after.ta.app.close();
      after.ta.admin?.disconnect();
    }
  });

  it('a keyed id is not the plain SHA-256 of the number, and depends on the secret', () => {
    const a = ContactIds.keyed(TEST_CONTACT_HASH_SECRET);
    const b = ContactIds.keyed('another-deployment-another-secret-0123');
    expect(a.userId('sms', GUIDE)).not.toBe(legacy.userId('sms', GUIDE));
    expect(a.userId('sms', GUIDE)).not.toBe(b.userId('sms', GUIDE));
    expect(a.userId('sms', GUIDE)).toBe(a.upgrade(legacy.userId('sms', GUIDE)));
    expect(a.userId('sms', GUIDE)).toMatch(/^sms:k\.[A-Za-z0-9_-]{22}$/);
    expect(a.conversationId('sms', OUR_NUMBER, GUIDE)).toBe(a.upgradeConversation(legacy.conversationId('sms', OUR_NUMBER, GUIDE)));
    expect(() => ContactIds.keyed('short')).toThrow(/32 characters/);
  });
});

describe('before the migration has run', () => {
  it('a reference holding an old id (a handoff, a reminder) still finds its STOP under the plain hash', async () => {
    const redis = await connectRedis();
    const prefix = randomPrefix();
    try {
      const store = new RedisContactStore(redis, prefix, 60, 120, ContactIds.keyed(TEST_CONTACT_HASH_SECRET));
      const old = ContactIds.legacySha256().userId('sms', '+33600000087');
      expect(await store.isOptedOut('sms', old)).toBe(false);
      await redis.set(`${prefix}contact:stop:${legacyAddressKey('sms', old)}`, '1', 'EX', 60);
      expect(await store.isOptedOut('sms', old)).toBe(true);
    } finally {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  });
});

describe('pasapas migrate-contacts', () => {
  const io = (env: Record<string, string>) => {
    let out = '';
    let err = '';
    return {
      io: { out: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream, err: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream, env },
      text: () => ({ out, err }),
    };
  };

  it('refuses to run without the servers’ CONTACT_HASH_SECRET (a random key would find nobody), and reports in JSON with it', async () => {
    const { runMigrateContactsCli } = await import('../../src/privacy/cli');
    const prefix = randomPrefix();
    const without = io({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix });
    expect(await runMigrateContactsCli([], without.io)).toBe(2);
    expect(without.text().err).toMatch(/needs CONTACT_HASH_SECRET/);
    const withSecret = io({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, CONTACT_HASH_SECRET: TEST_CONTACT_HASH_SECRET });
    expect(await runMigrateContactsCli(['--dry-run'], withSecret.io)).toBe(0);
    expect(withSecret.text().out).toMatch(/dry run: nothing changed/);
    expect(JSON.parse(withSecret.text().out.replace(/^dry run: nothing changed\n/, ''))).toMatchObject({ dryRun: true, moved: {} });
  });
});
