/**
 * The reminder store: one contract, the in-memory twin, a real Redis server and (`npm run
 * test:cluster`) a Redis Cluster (random prefix, cleaned up); on Redis, two clients taking due
 * reminders at the same time never get the same one. Run by store.contract.test.ts and
 * test/cluster/contracts.test.ts.
 */
import { MemoryReminderStore, RedisReminderStore, type NewReminder, type ReminderStore } from '../../src/reminders/store';
import { deletePrefix, keysWithPrefix, randomPrefix, type Connect } from '../helpers/redis';

interface Harness {
  store: ReminderStore;
  other: ReminderStore;
  /** The keys written (Redis), undefined in memory. */
  keys(): Promise<string[] | undefined>;
  cleanup(): Promise<void>;
}
export type Implementation = [string, () => Promise<Harness>];

export const memoryReminders: Implementation = ['memory', async () => {
  const store = new MemoryReminderStore();
  return { store, other: store, keys: async () => undefined, cleanup: async () => undefined };
}];

export function redisReminders(name: string, connect: Connect): Implementation {
  return [name, async () => {
    const a = await connect();
    const b = await connect();
    const prefix = randomPrefix();
    return {
      store: new RedisReminderStore(a, prefix),
      other: new RedisReminderStore(b, prefix),
      keys: () => keysWithPrefix(a, prefix),
      cleanup: async () => {
        await deletePrefix(a, prefix);
        a.disconnect();
        b.disconnect();
      },
    };
  }];
}

const reminder = (citizenKey: string, due: number, kind: NewReminder['kind'] = 'actualisation'): NewReminder => ({
  citizenKey, kind, locale: 'fr', territory: 'demo', reference: { channelId: 'sms', user: { id: 'u', name: '' } }, anchor: 0, due,
});

export const reminderStoreContract = (implementations: Implementation[]): void =>
describe.each(implementations)('ReminderStore contract: %s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('lists a citizen\'s reminders, soonest first, and only theirs', async () => {
    await h.store.add(reminder('c1', 2000, 'caf-trimestrielle'));
    await h.store.add(reminder('c1', 1000));
    await h.store.add(reminder('c2', 500));
    const list = await h.store.list('c1');
    expect(list.map((r) => [r.kind, r.due])).toEqual([['actualisation', 1000], ['caf-trimestrielle', 2000]]);
  });

  it('cancels one (only the owner can), or all', async () => {
    const a = await h.store.add(reminder('c1', 1000));
    await h.store.add(reminder('c1', 2000));
    expect(await h.store.cancel('c2', a.id)).toBe(false);
    expect(await h.store.cancel('c1', a.id)).toBe(true);
    expect(await h.store.list('c1')).toHaveLength(1);
    expect(await h.store.cancelAll('c1')).toBe(1);
    expect(await h.store.list('c1')).toEqual([]);
    expect(await h.store.takeDue(10_000, 1000, 10)).toEqual([]);
    expect((await h.keys()) ?? []).toEqual([]);
  });

  it('hands a due reminder out once, then again only after its lease or at its next time', async () => {
    const r = await h.store.add(reminder('c1', 1000));
    await h.store.add(reminder('c1', 50_000));
    const [first, second] = await Promise.all([h.store.takeDue(1500, 60_000, 10), h.other.takeDue(1500, 60_000, 10)]);
    expect([...first, ...second].map((x) => x.id)).toEqual([r.id]);
    expect(await h.store.takeDue(30_000, 60_000, 10)).toEqual([]);
    expect((await h.store.takeDue(61_600, 60_000, 10)).map((x) => x.id)).toContain(r.id);
    await h.store.reschedule(r, 200_000);
    // The other reminder (due 50,000) was taken too at 61,600: it is leased until 121,600.
    expect((await h.store.list('c1')).map((x) => x.due)).toEqual([121_600, 200_000]);
  });

  it('does not bring back a reminder cancelled while it was being sent', async () => {
    const r = await h.store.add(reminder('c1', 1000));
    const [taken] = await h.store.takeDue(1000, 60_000, 10);
    await h.store.cancel('c1', r.id);
    await h.store.reschedule(taken, 5000);
    expect(await h.store.list('c1')).toEqual([]);
    expect(await h.store.takeDue(100_000, 60_000, 10)).toEqual([]);
  });
});
