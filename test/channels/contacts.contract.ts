/**
 * The messaging channels' contact store: one contract, the in-memory twin, a real Redis server and
 * (`npm run test:cluster`) a Redis Cluster (random key prefix per test, cleaned up). Run by
 * contacts.contract.test.ts and test/cluster/contracts.test.ts.
 */
import { createHash } from 'node:crypto';
import { RedisContactStore, type BeforeTurn, type BeforeTurnRequest, type ContactStore } from '../../src/channels/webhook/contacts';
import { MemoryContactStore } from '../../src/channels/webhook/memoryContacts';
import { deletePrefix, keysWithPrefix, randomPrefix, type Connect } from '../helpers/redis';

interface Harness {
  store: ContactStore;
  elapse(seconds: number): Promise<void>;
  /** The keys written (Redis), undefined in memory. */
  keys(): Promise<string[] | undefined>;
  cleanup(): Promise<void>;
}
export type Implementation = [string, () => Promise<Harness>];

const TTL = 2;
/** A message id stays "pending" this long when its turn never finishes. */
const LEASE = 1;

export const memoryContacts: Implementation = [
  'memory',
  async () => {
    let now = 1_000_000;
    const store = new MemoryContactStore(TTL, () => now, LEASE);
    return { store, elapse: async (s) => void (now += s * 1000), keys: async () => undefined, cleanup: async () => undefined };
  },
];

export function redisContacts(name: string, connect: Connect): Implementation {
  return [
    name,
    async () => {
      const redis = await connect();
      const prefix = randomPrefix();
      return {
        store: new RedisContactStore(redis, prefix, TTL, LEASE),
        elapse: (s) => new Promise((r) => setTimeout(r, s * 1000 + 150)),
        keys: () => keysWithPrefix(redis, prefix),
        cleanup: async () => {
          await deletePrefix(redis, prefix);
          redis.disconnect();
        },
      };
    },
  ];
}

export const contactStoreContract = (implementations: Implementation[]): void =>
describe.each(implementations)('ContactStore contract: %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const req = (messageId: string, extra: Partial<BeforeTurnRequest> = {}): BeforeTurnRequest => ({
    messageId,
    address: '+33612345678',
    at: 1,
    conversationId: 'sms:c1',
    limits: { perMinute: 10, perDay: 100 },
    media: false,
    more: 0,
    held: 'keep',
    ...extra,
  });
  const state = async (p: Promise<BeforeTurn>) => (await p).state;
  const USER = () => h.store.ids.userId('sms', '+33612345678');

  it('sees a message id once, even when asked at the same time; a released id is seen again', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => state(h.store.beforeTurn('sms', req('SM1')))));
    expect(results.sort()).toEqual(['pending', 'pending', 'pending', 'taken']);
    await h.store.releaseDelivery('sms', USER(), 'SM1');
    expect(await state(h.store.beforeTurn('sms', req('SM1')))).toBe('taken');
    expect(await state(h.store.beforeTurn('whatsapp', req('SM1')))).toBe('taken');
    expect(await h.store.takeDelivery('sms', USER(), 'SM1')).toBe('pending');
  });

  it('a message whose turn never finished (the process died) is taken again after the lease; a done one is not', async () => {
    expect(await state(h.store.beforeTurn('sms', req('SM-died')))).toBe('taken');
    expect(await state(h.store.beforeTurn('sms', req('SM-stored')))).toBe('taken');
    await h.store.afterTurn('sms', { userId: USER(), messageId: 'SM-stored', count: 0, outPerDay: 100 });
    // Within the lease, a retry of the first may find its turn still running somewhere.
    expect(await state(h.store.beforeTurn('sms', req('SM-died')))).toBe('pending');
    expect(await state(h.store.beforeTurn('sms', req('SM-stored')))).toBe('done');
    await h.elapse(LEASE + 0.2);
    expect(await state(h.store.beforeTurn('sms', req('SM-died')))).toBe('taken');
    expect(await state(h.store.beforeTurn('sms', req('SM-stored')))).toBe('done');
    // Done is only for an id still taken: a released one stays free.
    expect(await state(h.store.beforeTurn('sms', req('SM-failed')))).toBe('taken');
    await h.store.releaseDelivery('sms', USER(), 'SM-failed');
    await h.store.afterTurn('sms', { userId: USER(), messageId: 'SM-failed', count: 0, outPerDay: 100 });
    expect(await state(h.store.beforeTurn('sms', req('SM-failed')))).toBe('taken');
  });

  it('maps a user id back to the address, keeps no phone number in keys, and forgets after the retention', async () => {
    const before = await h.store.beforeTurn('sms', req('SM2', { at: 42 }));
    const userId = before.userId;
    expect(userId).not.toContain('612345678');
    expect(await h.store.lookup(userId)).toEqual({ address: '+33612345678', at: 42 });
    expect(await h.store.conversationsOf(userId)).toEqual(['sms:c1']);
    for (const k of (await h.keys()) ?? []) expect(k).not.toContain('612345678');
    await h.store.afterTurn('sms', { userId, messageId: 'SM2', count: 1, outPerDay: 100 });
    await h.elapse(TTL + 0.5);
    expect(await h.store.lookup(userId)).toBeUndefined();
    expect(await state(h.store.beforeTurn('sms', req('SM2')))).toBe('taken');
  });

  it('names a citizen by a keyed hash: no key holds the plain SHA-256 of their number (anyone could compute it)', async () => {
    const plain = (channel: string, value: string) => createHash('sha256').update(`${channel}\u0000${value}`).digest('base64url').slice(0, 22);
    const { userId } = await h.store.beforeTurn('sms', req('SM3', { address: '+33611223344', conversationId: 'sms:conversation-1', command: 'stop' }));
    expect(userId).not.toContain(plain('sms', '+33611223344'));
    await h.store.afterTurn('sms', { userId, messageId: 'SM3', count: 1, outPerDay: 100, hold: { mode: 'replace', items: ['x'] } });
    for (const k of (await h.keys()) ?? []) {
      expect(k).not.toContain(plain('sms', '+33611223344'));
      expect(k).not.toContain(plain('sms', userId));
    }
    expect(await h.store.conversationsOf(userId)).toEqual(['sms:conversation-1']);
  });

  it('remembers STOP until START, per channel, and says it was in force before the message', async () => {
    const userId = USER();
    expect(await h.store.isOptedOut('sms', userId)).toBe(false);
    const stop = await h.store.beforeTurn('sms', req('SM4', { command: 'stop' }));
    expect(stop).toMatchObject({ state: 'taken', optedOut: false });
    expect(await h.store.isOptedOut('sms', userId)).toBe(true);
    expect(await h.store.isOptedOut('telegram', userId)).toBe(false);
    expect(await h.store.beforeTurn('sms', req('SM5'))).toMatchObject({ optedOut: true });
    expect(await h.store.beforeTurn('sms', req('SM6', { command: 'start' }))).toMatchObject({ optedOut: true });
    expect(await h.store.isOptedOut('sms', userId)).toBe(false);
    expect(await h.store.beforeTurn('sms', req('SM7'))).toMatchObject({ optedOut: false });
  });

  it('records a STOP confirmed after the message (a voice note\'s words): the same record, read and lifted the same way', async () => {
    const userId = USER();
    await h.store.beforeTurn('sms', req('SM20'));
    await h.store.optOut('sms', userId);
    expect(await h.store.isOptedOut('sms', userId)).toBe(true);
    expect(await h.store.isOptedOut('telegram', userId)).toBe(false);
    expect(await h.store.beforeTurn('sms', req('SM21'))).toMatchObject({ optedOut: true });
    await h.store.beforeTurn('sms', req('SM22', { command: 'start' }));
    expect(await h.store.isOptedOut('sms', userId)).toBe(false);
  });

  it('counts messages against the minute limit, says so once a window, then lets the citizen write again', async () => {
    const limits = { perMinute: 3, perDay: 100 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await h.store.beforeTurn('sms', req(`SM-rl${i}`, { limits })));
    expect(results.map((r) => (r.state === 'taken' ? [r.limited ?? '', r.notice] : r.state))).toEqual([
      ['', false],
      ['', false],
      ['', false],
      ['minute', true],
      ['minute', false],
    ]);
    const day = await h.store.beforeTurn('sms', req('SM-day', { address: '+33600000009', limits: { perMinute: 10, perDay: 1 } }));
    expect(day).toMatchObject({ notice: false });
    expect(await h.store.beforeTurn('sms', req('SM-day2', { address: '+33600000009', limits: { perMinute: 10, perDay: 1 } }))).toMatchObject({ limited: 'day', notice: true });
  });

  it('caps what is sent a day: the first items within the cap go, the others are counted out', async () => {
    const userId = USER();
    expect(await h.store.afterTurn('sms', { userId, count: 2, outPerDay: 3 })).toBe(2);
    expect(await h.store.afterTurn('sms', { userId, count: 2, outPerDay: 3 })).toBe(1);
    expect(await h.store.afterTurn('sms', { userId, count: 1, outPerDay: 3 })).toBe(0);
  });

  it('holds messages in order, hands them out with SUITE, flushes or clears them on a new message', async () => {
    const userId = USER();
    await h.store.afterTurn('sms', { userId, count: 0, outPerDay: 100, hold: { mode: 'replace', items: ['a', 'b', 'c', 'd'] } });
    expect(await h.store.beforeTurn('sms', req('SM-m1', { more: 3 }))).toMatchObject({ more: { items: ['a', 'b', 'c'], remaining: 1 } });
    await h.store.afterTurn('sms', { userId, count: 0, outPerDay: 100, hold: { mode: 'append', items: ['e'] } });
    expect(await h.store.beforeTurn('sms', req('SM-m2', { more: 3 }))).toMatchObject({ more: { items: ['d', 'e'], remaining: 0 } });
    // Nothing held: "SUITE" is a message like another.
    const none = await h.store.beforeTurn('sms', req('SM-m3', { more: 3 }));
    expect(none.state === 'taken' && none.more).toBeFalsy();
    await h.store.afterTurn('sms', { userId, count: 0, outPerDay: 100, hold: { mode: 'replace', items: ['x', 'y'] } });
    expect(await h.store.beforeTurn('sms', req('SM-f', { held: 'flush' }))).toMatchObject({ flushed: ['x', 'y'] });
    expect(await h.store.beforeTurn('sms', req('SM-f2', { held: 'flush' }))).toMatchObject({ flushed: [] });
    await h.store.afterTurn('sms', { userId, count: 0, outPerDay: 100, hold: { mode: 'replace', items: ['z'] } });
    await h.store.beforeTurn('sms', req('SM-c', { held: 'clear' }));
    expect(await h.store.beforeTurn('sms', req('SM-c2', { held: 'flush' }))).toMatchObject({ flushed: [] });
  });

  it('erases a citizen: their address, conversations, held messages and counters; STOP stays', async () => {
    const { userId } = await h.store.beforeTurn('sms', req('SM-e', { command: 'stop' }));
    await h.store.afterTurn('sms', { userId, messageId: 'SM-e', count: 1, outPerDay: 100, hold: { mode: 'replace', items: ['a'] } });
    await h.store.eraseUser('sms', userId);
    expect(await h.store.lookup(userId)).toBeUndefined();
    expect(await h.store.conversationsOf(userId)).toEqual([]);
    expect(await h.store.isOptedOut('sms', userId)).toBe(true);
    const keys = await h.keys();
    if (keys) expect(keys.filter((k) => !k.includes('dedup:') && !k.includes('contact:stop:'))).toEqual([]);
  });
});
