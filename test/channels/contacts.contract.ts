/**
 * The messaging channels' contact store: one contract, the in-memory twin, a real Redis server and
 * (`npm run test:cluster`) a Redis Cluster (random key prefix per test, cleaned up). Run by
 * contacts.contract.test.ts and test/cluster/contracts.test.ts.
 */
import { createHash } from 'node:crypto';
import { MemoryContactStore, RedisContactStore, type ContactStore } from '../../src/channels/webhook/contacts';
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

  it('sees a message id once, even when asked at the same time; a released id is seen again', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => h.store.takeDelivery('sms', 'SM1')));
    expect(results.sort()).toEqual(['pending', 'pending', 'pending', 'taken']);
    await h.store.releaseDelivery('sms', 'SM1');
    expect(await h.store.takeDelivery('sms', 'SM1')).toBe('taken');
    expect(await h.store.takeDelivery('whatsapp', 'SM1')).toBe('taken');
  });

  it('a message whose turn never finished (the process died) is taken again after the lease; a done one is not', async () => {
    expect(await h.store.takeDelivery('sms', 'SM-died')).toBe('taken');
    expect(await h.store.takeDelivery('sms', 'SM-stored')).toBe('taken');
    await h.store.deliveryDone('sms', 'SM-stored');
    // Within the lease, a retry of the first may find its turn still running somewhere.
    expect(await h.store.takeDelivery('sms', 'SM-died')).toBe('pending');
    expect(await h.store.takeDelivery('sms', 'SM-stored')).toBe('done');
    await h.elapse(LEASE + 0.2);
    expect(await h.store.takeDelivery('sms', 'SM-died')).toBe('taken');
    expect(await h.store.takeDelivery('sms', 'SM-stored')).toBe('done');
    // Done is only for an id still taken: a released one stays free.
    expect(await h.store.takeDelivery('sms', 'SM-failed')).toBe('taken');
    await h.store.releaseDelivery('sms', 'SM-failed');
    await h.store.deliveryDone('sms', 'SM-failed');
    expect(await h.store.takeDelivery('sms', 'SM-failed')).toBe('taken');
  });

  it('maps a user id back to the address, keeps no phone number in keys, and forgets after the retention', async () => {
    const userId = await h.store.touch('sms', '+33612345678', 42);
    expect(userId).not.toContain('612345678');
    expect(await h.store.lookup(userId)).toEqual({ address: '+33612345678', at: 42 });
    for (const k of (await h.keys()) ?? []) expect(k).not.toContain('612345678');
    await h.store.takeDelivery('sms', 'SM2');
    await h.store.deliveryDone('sms', 'SM2');
    await h.elapse(TTL + 0.5);
    expect(await h.store.lookup(userId)).toBeUndefined();
    expect(await h.store.takeDelivery('sms', 'SM2')).toBe('taken');
  });

  it('names a citizen by a keyed hash: no key holds the plain SHA-256 of their number (anyone could compute it)', async () => {
    const plain = (channel: string, value: string) => createHash('sha256').update(`${channel}\u0000${value}`).digest('base64url').slice(0, 22);
    const userId = await h.store.touch('sms', '+33611223344', 1, 'sms:conversation-1');
    expect(userId).not.toContain(plain('sms', '+33611223344'));
    await h.store.setOptedOut('sms', userId, true);
    await h.store.hold('sms', userId, ['x']);
    await h.store.hit(`${userId}:in:m`, 10, 60_000, 1);
    for (const k of (await h.keys()) ?? []) {
      expect(k).not.toContain(plain('sms', '+33611223344'));
      expect(k).not.toContain(plain('sms', userId));
    }
    expect(await h.store.conversationsOf(userId)).toEqual(['sms:conversation-1']);
  });

  it('remembers STOP until START', async () => {
    expect(await h.store.isOptedOut('sms', 'u1')).toBe(false);
    await h.store.setOptedOut('sms', 'u1', true);
    expect(await h.store.isOptedOut('sms', 'u1')).toBe(true);
    expect(await h.store.isOptedOut('telegram', 'u1')).toBe(false);
    await h.store.setOptedOut('sms', 'u1', false);
    expect(await h.store.isOptedOut('sms', 'u1')).toBe(false);
  });

  it('counts against a limit within a window', async () => {
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await h.store.hit('u1:m', 3, 1000, 0));
    expect(hits).toEqual([true, true, true, false]);
    await h.elapse(1.2);
    expect(await h.store.hit('u1:m', 3, 1000, 0)).toBe(true);
  });

  it('forgets a citizen: their address and the messages held for them', async () => {
    const userId = await h.store.touch('sms', '+33698765432', 7);
    await h.store.hold('sms', '+33698765432', ['a', 'b']);
    await h.store.forget('sms', '+33698765432');
    expect(await h.store.lookup(userId)).toBeUndefined();
    expect(await h.store.take('sms', '+33698765432', 3)).toEqual({ items: [], remaining: 0 });
    expect((await h.keys()) ?? []).toEqual([]);
  });

  it('holds messages in order, hands them out in batches, replaces and appends', async () => {
    await h.store.hold('sms', 'u1', ['a', 'b', 'c', 'd']);
    expect(await h.store.take('sms', 'u1', 3)).toEqual({ items: ['a', 'b', 'c'], remaining: 1 });
    await h.store.holdMore('sms', 'u1', ['e']);
    expect(await h.store.take('sms', 'u1', 3)).toEqual({ items: ['d', 'e'], remaining: 0 });
    expect(await h.store.take('sms', 'u1', 3)).toEqual({ items: [], remaining: 0 });
    await h.store.hold('sms', 'u1', ['x']);
    await h.store.hold('sms', 'u1', []);
    expect(await h.store.take('sms', 'u1', 3)).toEqual({ items: [], remaining: 0 });
  });
});
