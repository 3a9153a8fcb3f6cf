/**
 * The SMS outbox: one contract on memory and on a real Redis (random prefix, cleaned up), then the worker
 * on the app's clock (no timers): the rate per second, retries with backoff, dead letters.
 */
import pino from 'pino';
import { MemoryOutbox, RedisOutbox, type OutboxJob, type OutboxStore } from '../../src/channels/outbox/store';
import { OutboxWorker } from '../../src/channels/outbox/worker';
import { ProviderError } from '../../src/channels/webhook/provider';
import { familyOf } from '../../src/storage/keyspace';
import type { RedisClient } from '../../src/storage/redis';
import { connectRedis, deletePrefix, keysWithPrefix, randomPrefix } from '../helpers/redis';

const job = (id: string, text = 'Bonjour'): OutboxJob => ({ id, to: '+33600000001', from: '+33700000001', text, territory: 'demo', attempts: 0 });

type Make = { name: string; make(): Promise<{ store: OutboxStore; close(): Promise<void>; keys?(): Promise<string[]> }> };

const memory: Make = { name: 'memory', make: async () => ({ store: new MemoryOutbox(), close: async () => undefined }) };
const redis: Make = {
  name: 'redis',
  async make() {
    const client = (await connectRedis()) as unknown as RedisClient;
    const prefix = randomPrefix();
    return {
      store: new RedisOutbox(client, prefix),
      keys: () => keysWithPrefix(client, prefix).then((ks) => ks.map((k) => k.slice(prefix.length))),
      async close() {
        await deletePrefix(client, prefix);
        await client.quit();
      },
    };
  },
};

describe.each([memory, redis])('outbox store ($name)', ({ make }) => {
  let s: Awaited<ReturnType<Make['make']>>;
  beforeEach(async () => {
    s = await make();
  });
  afterEach(async () => {
    await s.close();
  });

  it('gives due jobs in order, leases them, and forgets sent ones', async () => {
    await s.store.put('ovh', job('a1', 'un'), 1000);
    await s.store.put('ovh', job('a2', 'deux'), 1000);
    await s.store.put('ovh', job('a3', 'plus tard'), 5000);
    const first = await s.store.take('ovh', 2000, 30_000, 10);
    expect(first.map((j) => j.text)).toEqual(['un', 'deux']);
    // Leased: not given again until the lease ends (another instance would skip them).
    expect(await s.store.take('ovh', 2001, 30_000, 10)).toEqual([]);
    await s.store.done('ovh', 'a1');
    expect(await s.store.pending('ovh')).toBe(2);
    const later = await s.store.take('ovh', 40_000, 30_000, 10);
    expect(later.map((j) => j.id).sort()).toEqual(['a2', 'a3']);
    // Another provider's outbox is its own.
    expect(await s.store.pending('brevo')).toBe(0);
  });

  it('takes at most the number asked', async () => {
    for (let i = 0; i < 5; i++) await s.store.put('ovh', job(`b${i}`), 0);
    expect(await s.store.take('ovh', 0, 1000, 2)).toHaveLength(2);
  });

  it('moves a dead job to the dead letters, newest first, without its number or text', async () => {
    await s.store.put('ovh', job('c1'), 0);
    await s.store.put('ovh', job('c2'), 0);
    await s.store.dead('ovh', 'c1', { id: 'c1', territory: 'demo', attempts: 5, reason: 'HTTP 500', at: 10 });
    await s.store.dead('ovh', 'c2', { id: 'c2', territory: 'demo', attempts: 1, reason: 'HTTP 403', at: 20 });
    expect(await s.store.pending('ovh')).toBe(0);
    expect((await s.store.deadLetters('ovh')).map((d) => d.id)).toEqual(['c2', 'c1']);
    expect(JSON.stringify(await s.store.deadLetters('ovh'))).not.toMatch(/\+336|Bonjour/);
    if (s.keys) for (const k of await s.keys()) expect(familyOf(k)).toMatch(/^outbox/);
  });
});

describe('outbox worker', () => {
  const logger = pino({ level: 'silent' });
  let clock = 1_000_000;
  let sent: string[] = [];
  let failWith: unknown;
  let store: MemoryOutbox;
  let worker: OutboxWorker;
  const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ to: '+33600000001', from: '+33700000001', text: `sms ${i + 1}`, territory: 'demo' }));
  beforeEach(() => {
    clock = 1_000_000;
    sent = [];
    failWith = undefined;
    store = new MemoryOutbox();
    worker = new OutboxWorker({
      provider: 'ovh',
      store,
      now: () => clock,
      logger,
      perSecond: 2,
      maxAttempts: 3,
      backoffMs: 1000,
      send: async (j) => {
        if (failWith) throw failWith;
        sent.push(j.text);
      },
    });
  });

  it('sends at most perSecond a second, in order, the rest the next second', async () => {
    await worker.enqueue(batch(3));
    expect(sent).toEqual(['sms 1', 'sms 2']);
    expect(await worker.flush()).toBe(0);
    clock += 1000;
    expect(await worker.flush()).toBe(1);
    expect(sent).toEqual(['sms 1', 'sms 2', 'sms 3']);
    expect(await store.pending('ovh')).toBe(0);
  });

  it('retries a 5xx after 1 s then 2 s, and sends once the provider is back', async () => {
    failWith = new ProviderError('ovh', 503, '');
    await worker.enqueue(batch(1));
    expect(sent).toEqual([]);
    clock += 999;
    expect(await worker.flush()).toBe(0);
    clock += 1;
    await worker.flush(); // second attempt fails too: next in 2 s
    clock += 1999;
    failWith = undefined;
    expect(await worker.flush()).toBe(0);
    clock += 1;
    expect(await worker.flush()).toBe(1);
    expect(sent).toEqual(['sms 1']);
    expect(await store.deadLetters('ovh')).toEqual([]);
  });

  it("keeps a citizen's SMS in order: after a failed one, the next to the same number waits with it (others go)", async () => {
    let failures = 1;
    worker = new OutboxWorker({
      provider: 'ovh',
      store,
      now: () => clock,
      logger,
      perSecond: 10,
      maxAttempts: 3,
      backoffMs: 1000,
      send: async (j) => {
        if (failures-- > 0) throw new ProviderError('ovh', 0, 'TypeError'); // e.g. a connection reset
        sent.push(`${j.to} ${j.text}`);
      },
    });
    await worker.enqueue([...batch(2), { to: '+33600000002', from: '+33700000001', text: 'autre', territory: 'demo' }]);
    // "sms 1" (the step) failed: "sms 2" (its question) is not sent before it.
    expect(sent).toEqual(['+33600000002 autre']);
    clock += 1000;
    expect(await worker.flush()).toBe(2);
    expect(sent).toEqual(['+33600000002 autre', '+33600000001 sms 1', '+33600000001 sms 2']);
    expect(await store.pending('ovh')).toBe(0);
  });

  it('gives up after maxAttempts, into the dead letters with the reason', async () => {
    failWith = new ProviderError('ovh', 500, 'code 42');
    await worker.enqueue(batch(1));
    clock += 1000;
    await worker.flush();
    clock += 2000;
    await worker.flush();
    expect(await store.pending('ovh')).toBe(0);
    expect(await store.deadLetters('ovh')).toEqual([expect.objectContaining({ territory: 'demo', attempts: 3, reason: 'HTTP 500 code 42' })]);
  });

  it('a refusal (bad signature, bad number) is dead at once: retrying would not help', async () => {
    failWith = new ProviderError('ovh', 403, '');
    await worker.enqueue(batch(1));
    expect(await store.deadLetters('ovh')).toEqual([expect.objectContaining({ attempts: 1, reason: 'HTTP 403' })]);
  });
});
