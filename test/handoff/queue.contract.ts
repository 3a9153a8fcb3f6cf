/**
 * One contract, every implementation of HandoffQueue: the in-memory queue of the embedded default,
 * the Redis queue against a real server, and (`npm run test:cluster`) against a Redis Cluster
 * (random key prefix per test, cleaned up). Times are explicit `now` values, never sleeps; every
 * test gets a fresh queue. Run by queue.contract.test.ts and test/cluster/contracts.test.ts.
 */
import { MemoryHandoffQueue } from '../../src/handoff/memoryQueue';
import { RedisHandoffQueue } from '../../src/handoff/redisQueue';
import { HandoffNotFound, LeaseLost, type HandoffEvent, type HandoffQueue, type NewHandoff } from '../../src/handoff/queue';
import { IllegalTransition } from '../../src/handoff/states';
import { createLogger } from '../../src/logger';
import { deletePrefix, randomPrefix, type Connect } from '../helpers/redis';

interface Harness {
  queue: HandoffQueue;
  cleanup(): Promise<void>;
}
export type Implementation = [string, () => Promise<Harness>];

export const memoryQueue: Implementation = [
  'memory',
  async () => {
    const queue = new MemoryHandoffQueue(3600);
    return { queue, cleanup: () => queue.close_() };
  },
];

export function redisQueue(name: string, connect: Connect): Implementation {
  return [
    name,
    async () => {
      const redis = await connect();
      const prefix = randomPrefix();
      const queue = new RedisHandoffQueue(redis, prefix, 3600, createLogger('silent'));
      return {
        queue,
        cleanup: async () => {
          await queue.close_();
          await deletePrefix(redis, prefix);
          redis.disconnect();
        },
      };
    },
  ];
}

const A = 'paris-13';
const B = 'lyon-3';
const T0 = 1_700_000_000_000;
const LEASE = 30_000;
const MIN = 60_000;

let citizens = 0;
function citizen(overrides: Partial<NewHandoff> = {}): NewHandoff {
  citizens += 1;
  return {
    territory: A,
    citizenKey: `citizen-${citizens}`,
    reference: { channelId: 'webchat', serviceUrl: 'http://127.0.0.1/' },
    channel: 'webchat',
    locale: 'fr-FR',
    reason: 'command',
    transcript: [{ from: 'citizen', text: 'conseiller', at: T0 }],
    ...overrides,
  };
}

function streamOrder(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
}

export const handoffQueueContract = (implementations: Implementation[]): void =>
describe.each(implementations)('HandoffQueue contract: %s', (_name, make) => {
  let h: Harness;
  let q: HandoffQueue;
  beforeEach(async () => {
    h = await make();
    q = h.queue;
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const ids = async (territory = A) => (await q.waiting(territory)).map((r) => r.id);
  const types = async (territory = A, after = '0') => (await q.events(territory, after)).map((e) => e.type);

  describe('waiting queue', () => {
    test('a request is stored as waiting, with what the mediator needs to pick it up', async () => {
      const input = citizen({ guideId: 'caf-prime-activite', guideTitle: "Prime d'activité", stepId: 'login', stepNumber: 4, stepTotal: 9, reason: 'stuck' });
      const { record, created } = await q.request(input, T0);
      expect(created).toBe(true);
      expect(record).toMatchObject({
        territory: A,
        citizenKey: input.citizenKey,
        state: 'waiting',
        priority: 0,
        createdAt: T0,
        enqueuedAt: T0,
        guideId: 'caf-prime-activite',
        stepNumber: 4,
        stepTotal: 9,
        reason: 'stuck',
        channel: 'webchat',
        locale: 'fr-FR',
        transcript: input.transcript,
        reference: input.reference,
      });
      expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await q.get(A, record.id)).toEqual(record);
      expect(await q.activeFor(A, input.citizenKey)).toEqual(record);
      expect(await q.position(A, record.id)).toBe(1);
    });

    test('served by priority (lower first), then by arrival', async () => {
      const low = (await q.request(citizen({ priority: 1 }), T0)).record.id;
      const first = (await q.request(citizen(), T0 + 1000)).record.id;
      const second = (await q.request(citizen(), T0 + 2000)).record.id;
      const third = (await q.request(citizen({ priority: 0 }), T0 + 3000)).record.id;
      expect(await ids()).toEqual([first, second, third, low]);
      expect(await q.position(A, first)).toBe(1);
      expect(await q.position(A, third)).toBe(3);
      expect(await q.position(A, low)).toBe(4);
    });

    test('a priority below 0 (urgent) is served before the normal ones', async () => {
      const normal = (await q.request(citizen(), T0)).record.id;
      const urgent = (await q.request(citizen({ priority: -1 }), T0 + 1000)).record.id;
      expect(await ids()).toEqual([urgent, normal]);
    });

    test('requests in the same millisecond are served in arrival order', async () => {
      const order: string[] = [];
      for (let i = 0; i < 8; i += 1) order.push((await q.request(citizen(), T0)).record.id);
      expect(await ids()).toEqual(order);
    });

    test('request is idempotent per citizen: the active handoff is returned, nothing emitted', async () => {
      const input = citizen();
      const first = await q.request(input, T0);
      const again = await q.request({ ...input, reason: 'stuck', priority: -5 }, T0 + 5000);
      expect(again.created).toBe(false);
      expect(again.record.id).toBe(first.record.id);
      expect(again.record.enqueuedAt).toBe(T0);
      expect(await ids()).toEqual([first.record.id]);
      expect(await types()).toEqual(['handoff.requested']);
      // Still one active handoff while a mediator has it.
      await q.claim(A, first.record.id, 'm1', LEASE, T0 + 6000);
      const during = await q.request(input, T0 + 7000);
      expect(during).toMatchObject({ created: false, record: { id: first.record.id, state: 'with_mediator' } });
      expect(await types()).toEqual(['handoff.requested', 'handoff.claimed']);
    });

    test('position is undefined for an unknown id', async () => {
      await q.request(citizen(), T0);
      expect(await q.position(A, 'no-such-id')).toBeUndefined();
      expect(await q.get(A, 'no-such-id')).toBeUndefined();
    });

    test('setNotifiedPosition is remembered on the record', async () => {
      const { record } = await q.request(citizen(), T0);
      await q.setNotifiedPosition(A, record.id, 3);
      expect((await q.get(A, record.id))?.notifiedPosition).toBe(3);
    });
  });

  describe('claims and leases', () => {
    test('a claim takes the handoff out of the queue and the others move up', async () => {
      const a = (await q.request(citizen(), T0)).record.id;
      const b = (await q.request(citizen(), T0 + 1000)).record.id;
      const c = (await q.request(citizen(), T0 + 2000)).record.id;
      expect(await q.position(A, c)).toBe(3);
      const claim = await q.claim(A, a, 'mediator-1', LEASE, T0 + 10_000);
      expect(claim.leaseToken).toEqual(expect.any(String));
      expect(claim.leaseToken.length).toBeGreaterThanOrEqual(16);
      expect(claim.leaseExpiresAt).toBe(T0 + 10_000 + LEASE);
      expect(claim.record).toMatchObject({ id: a, state: 'with_mediator', mediatorId: 'mediator-1', claimedAt: T0 + 10_000, leaseExpiresAt: T0 + 10_000 + LEASE });
      expect(await q.position(A, a)).toBeUndefined();
      expect(await q.position(A, b)).toBe(1);
      expect(await q.position(A, c)).toBe(2);
      expect(await ids()).toEqual([b, c]);
      expect(await q.get(A, a)).toMatchObject({ state: 'with_mediator', mediatorId: 'mediator-1' });
    });

    test('50 mediators claim the same handoff at once: exactly one wins, 49 get IllegalTransition', async () => {
      const { record } = await q.request(citizen(), T0);
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => q.claim(A, record.id, `mediator-${i}`, LEASE, T0 + 1000)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const r of lost) {
        expect(r.reason).toBeInstanceOf(IllegalTransition);
        expect(r.reason).toMatchObject({ transition: 'claim', state: 'with_mediator' });
      }
      const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<HandoffQueue['claim']>>>).value;
      expect((await q.get(A, record.id))?.mediatorId).toBe(winner.record.mediatorId);
      expect(await types()).toEqual(['handoff.requested', 'handoff.claimed']);
    });

    test('heartbeat extends the lease; a wrong token is LeaseLost', async () => {
      const { record } = await q.request(citizen(), T0);
      const claim = await q.claim(A, record.id, 'm1', LEASE, T0);
      const extended = await q.heartbeat(A, record.id, claim.leaseToken, LEASE, T0 + 20_000);
      expect(extended).toBe(T0 + 20_000 + LEASE);
      expect((await q.get(A, record.id))?.leaseExpiresAt).toBe(T0 + 20_000 + LEASE);
      // The old expiry has passed but the lease was renewed: nothing to reap.
      expect(await q.reapLeases(A, T0 + LEASE)).toEqual([]);
      await expect(q.heartbeat(A, record.id, 'not-the-token', LEASE, T0 + 21_000)).rejects.toBeInstanceOf(LeaseLost);
      expect((await q.get(A, record.id))?.leaseExpiresAt).toBe(T0 + 20_000 + LEASE);
      await expect(q.heartbeat(A, 'no-such-id', claim.leaseToken, LEASE, T0)).rejects.toBeInstanceOf(HandoffNotFound);
      // A heartbeat is not a transition: no event.
      expect(await types()).toEqual(['handoff.requested', 'handoff.claimed']);
    });

    test('release puts the handoff back at the head, even ahead of a lower priority number', async () => {
      const a = (await q.request(citizen(), T0)).record.id;
      const b = (await q.request(citizen({ priority: 1 }), T0 + 1000)).record.id;
      const c = (await q.request(citizen(), T0 + 2000)).record.id;
      expect(await ids()).toEqual([a, c, b]);
      const claim = await q.claim(A, b, 'm1', LEASE, T0 + 3000);
      await expect(q.release(A, b, 'not-the-token', T0 + 4000)).rejects.toBeInstanceOf(LeaseLost);
      expect((await q.get(A, b))?.state).toBe('with_mediator');
      await q.release(A, b, claim.leaseToken, T0 + 5000);
      expect(await ids()).toEqual([b, a, c]);
      expect(await q.position(A, b)).toBe(1);
      const rec = await q.get(A, b);
      expect(rec?.state).toBe('waiting');
      expect(rec?.mediatorId).toBeUndefined();
      expect(rec?.leaseExpiresAt).toBeUndefined();
      expect(rec?.claimedAt).toBeUndefined();
      const events = await q.events(A);
      expect(events.at(-1)).toMatchObject({ type: 'handoff.released', transition: 'release', id: b, state: 'waiting', at: T0 + 5000, mediatorId: 'm1' });
      // The released token no longer holds anything (the handoff is waiting, not with a mediator).
      await expect(q.release(A, b, claim.leaseToken, T0 + 6000)).rejects.toBeInstanceOf(IllegalTransition);
    });

    test('transfer: a colleague holds it with a new lease, the old token holds nothing, one event', async () => {
      const id = (await q.request(citizen(), T0)).record.id;
      const first = await q.claim(A, id, 'm1', LEASE, T0 + 1000);
      await expect(q.transfer(A, id, 'not-the-token', 'm2', LEASE, T0 + 2000)).rejects.toBeInstanceOf(LeaseLost);
      const moved = await q.transfer(A, id, first.leaseToken, 'm2', LEASE, T0 + 3000);
      expect(moved.leaseToken).not.toBe(first.leaseToken);
      expect(moved.leaseExpiresAt).toBe(T0 + 3000 + LEASE);
      expect(moved.record).toMatchObject({ id, state: 'with_mediator', mediatorId: 'm2', claimedAt: T0 + 3000 });
      expect(await q.leaseOf(A, id, 'm2')).toBe(moved.leaseToken);
      expect(await q.leaseOf(A, id, 'm1')).toBeUndefined();
      await expect(q.heartbeat(A, id, first.leaseToken, LEASE, T0 + 4000)).rejects.toBeInstanceOf(LeaseLost);
      expect(await q.heartbeat(A, id, moved.leaseToken, LEASE, T0 + 4000)).toBe(T0 + 4000 + LEASE);
      expect((await q.events(A)).at(-1)).toMatchObject({ type: 'handoff.transferred', transition: 'transfer', id, state: 'with_mediator', at: T0 + 3000, mediatorId: 'm2' });
      expect(await types()).toEqual(['handoff.requested', 'handoff.claimed', 'handoff.transferred']);
      // The new lease expires like any other: back at the head of the queue.
      expect(await q.reapLeases(A, T0 + 4000 + LEASE + 1)).toEqual([id]);
      // Only from with_mediator; another territory does not know it.
      await expect(q.transfer(A, id, moved.leaseToken, 'm1', LEASE, T0 + 9_999_000)).rejects.toBeInstanceOf(IllegalTransition);
      await expect(q.transfer(B, id, moved.leaseToken, 'm1', LEASE, T0 + 9_999_000)).rejects.toBeInstanceOf(HandoffNotFound);
    });

    test('move out to another territory: transferred here, naming the new handoff, the citizen free here', async () => {
      const input = citizen();
      const id = (await q.request(input, T0)).record.id;
      const claim = await q.claim(A, id, 'm1', LEASE, T0 + 1000);
      const there = (await q.request({ ...input, territory: B }, T0 + 2000)).record.id;
      await expect(q.moveOut(A, id, 'not-the-token', { territory: B, id: there }, T0 + 2500)).rejects.toBeInstanceOf(LeaseLost);
      await q.moveOut(A, id, claim.leaseToken, { territory: B, id: there }, T0 + 3000);
      expect(await q.get(A, id)).toMatchObject({ state: 'transferred', movedTo: { territory: B, id: there }, closedAt: T0 + 3000 });
      expect((await q.get(A, id))?.leaseExpiresAt).toBeUndefined();
      expect(await q.activeFor(A, input.citizenKey)).toBeUndefined();
      expect((await q.activeFor(B, input.citizenKey))?.id).toBe(there);
      expect((await q.events(A)).at(-1)).toMatchObject({ type: 'handoff.transferred_out', transition: 'transfer-territory', id, state: 'transferred', mediatorId: 'm1' });
      expect(await q.reapLeases(A, T0 + 9_999_000)).toEqual([]);
      await expect(q.moveOut(A, id, claim.leaseToken, { territory: B, id: there }, T0 + 4000)).rejects.toBeInstanceOf(IllegalTransition);
    });

    test('two handoffs put back keep their arrival order, both ahead of the others', async () => {
      const a = (await q.request(citizen(), T0)).record.id;
      const b = (await q.request(citizen(), T0 + 1000)).record.id;
      const c = (await q.request(citizen(), T0 + 2000)).record.id;
      const ca = await q.claim(A, a, 'm1', LEASE, T0 + 3000);
      const cb = await q.claim(A, b, 'm2', LEASE, T0 + 3000);
      await q.release(A, b, cb.leaseToken, T0 + 4000);
      await q.release(A, a, ca.leaseToken, T0 + 5000);
      expect(await ids()).toEqual([a, b, c]);
    });

    test('an expired lease is reaped back to the head; the old token is then LeaseLost', async () => {
      const a = (await q.request(citizen(), T0)).record.id;
      const b = (await q.request(citizen(), T0 + 1000)).record.id;
      const old = await q.claim(A, b, 'm1', LEASE, T0 + 2000);
      expect(await q.reapLeases(A, T0 + 2000 + LEASE - 1)).toEqual([]);
      expect((await q.get(A, b))?.state).toBe('with_mediator');
      expect(await q.reapLeases(A, T0 + 2000 + LEASE)).toEqual([b]);
      expect(await q.reapLeases(A, T0 + 2000 + LEASE + 1)).toEqual([]);
      expect(await ids()).toEqual([b, a]);
      const rec = await q.get(A, b);
      expect(rec?.state).toBe('waiting');
      expect(rec?.mediatorId).toBeUndefined();
      const last = (await q.events(A)).at(-1);
      expect(last).toMatchObject({ type: 'handoff.lease_expired', transition: 'lease-expired', id: b, state: 'waiting', mediatorId: 'm1' });
      // Right after the reap the handoff waits: the old holder cannot close it.
      await expect(q.close(A, b, old.leaseToken, 'fait-avec', undefined, T0 + 40_000)).rejects.toMatchObject({
        name: 'IllegalTransition',
        state: 'waiting',
      });
      // Another mediator takes it: the old token is LeaseLost, the new one works.
      const fresh = await q.claim(A, b, 'm2', LEASE, T0 + 41_000);
      await expect(q.heartbeat(A, b, old.leaseToken, LEASE, T0 + 42_000)).rejects.toBeInstanceOf(LeaseLost);
      await expect(q.release(A, b, old.leaseToken, T0 + 42_000)).rejects.toBeInstanceOf(LeaseLost);
      await expect(q.close(A, b, old.leaseToken, 'fait-pour', undefined, T0 + 42_000)).rejects.toBeInstanceOf(LeaseLost);
      expect(await q.heartbeat(A, b, fresh.leaseToken, LEASE, T0 + 43_000)).toBe(T0 + 43_000 + LEASE);
      expect((await q.get(A, b))?.mediatorId).toBe('m2');
    });

    test('reapLeases reaps every expired lease of the territory, and only those', async () => {
      const ids_ = [];
      for (let i = 0; i < 3; i += 1) ids_.push((await q.request(citizen(), T0 + i)).record.id);
      await q.claim(A, ids_[0], 'm1', 10_000, T0 + 100);
      await q.claim(A, ids_[1], 'm2', 20_000, T0 + 100);
      await q.claim(A, ids_[2], 'm3', 60_000, T0 + 100);
      expect((await q.reapLeases(A, T0 + 100 + 20_000)).sort()).toEqual([ids_[0], ids_[1]].sort());
      expect((await q.get(A, ids_[2]))?.state).toBe('with_mediator');
      expect(await ids()).toEqual([ids_[0], ids_[1]]);
    });
  });

  describe('ends of a handoff', () => {
    test('close records the outcome; the citizen can then ask again and gets a new handoff', async () => {
      const input = citizen();
      const { record } = await q.request(input, T0);
      const claim = await q.claim(A, record.id, 'm1', LEASE, T0 + 1000);
      await expect(q.close(A, record.id, 'not-the-token', 'fait-avec', undefined, T0 + 2000)).rejects.toBeInstanceOf(LeaseLost);
      await q.close(A, record.id, claim.leaseToken, 'fait-avec', 'Dossier CAF déposé', T0 + 60_000);
      expect(await q.get(A, record.id)).toMatchObject({
        state: 'closed',
        outcome: 'fait-avec',
        note: 'Dossier CAF déposé',
        closedAt: T0 + 60_000,
        mediatorId: 'm1',
      });
      expect(await q.activeFor(A, input.citizenKey)).toBeUndefined();
      expect(await q.events(A)).toHaveLength(3);
      expect((await q.events(A)).at(-1)).toMatchObject({ type: 'handoff.closed', transition: 'close', state: 'closed', mediatorId: 'm1', at: T0 + 60_000 });
      await expect(q.close(A, record.id, claim.leaseToken, 'fait-avec', undefined, T0 + 61_000)).rejects.toMatchObject({
        name: 'IllegalTransition',
        transition: 'close',
        state: 'closed',
      });
      const again = await q.request(input, T0 + 120_000);
      expect(again.created).toBe(true);
      expect(again.record.id).not.toBe(record.id);
      expect(again.record.state).toBe('waiting');
      expect((await q.activeFor(A, input.citizenKey))?.id).toBe(again.record.id);
    });

    test('cancel takes a waiting handoff out; the next one moves up; the citizen can ask again', async () => {
      const input = citizen();
      const a = (await q.request(input, T0)).record.id;
      const b = (await q.request(citizen(), T0 + 1000)).record.id;
      await q.cancel(A, a, T0 + 2000);
      expect((await q.get(A, a))?.state).toBe('cancelled');
      expect(await q.position(A, a)).toBeUndefined();
      expect(await q.position(A, b)).toBe(1);
      expect(await q.activeFor(A, input.citizenKey)).toBeUndefined();
      expect((await q.events(A)).at(-1)).toMatchObject({ type: 'handoff.cancelled', transition: 'cancel', id: a, state: 'cancelled' });
      await expect(q.cancel(A, a, T0 + 3000)).rejects.toMatchObject({ name: 'IllegalTransition', transition: 'cancel', state: 'cancelled' });
      const again = await q.request(input, T0 + 4000);
      expect(again.created).toBe(true);
      expect(await ids()).toEqual([b, again.record.id]);
    });

    test('expireWaiting expires those who waited maxWaitMs or more, and only those', async () => {
      const old = citizen();
      const a = (await q.request(old, T0)).record.id;
      const b = (await q.request(citizen(), T0 + 20 * MIN)).record.id;
      const c = (await q.request(citizen(), T0 + MIN)).record.id;
      const claim = await q.claim(A, c, 'm1', 60 * MIN, T0 + 2 * MIN);
      expect(await q.expireWaiting(A, 30 * MIN, T0 + 30 * MIN - 1)).toEqual([]);
      expect(await q.expireWaiting(A, 30 * MIN, T0 + 30 * MIN)).toEqual([a]);
      expect(await q.get(A, a)).toMatchObject({ state: 'expired', closedAt: T0 + 30 * MIN });
      expect(await q.activeFor(A, old.citizenKey)).toBeUndefined();
      expect(await ids()).toEqual([b]);
      expect((await q.get(A, c))?.state).toBe('with_mediator');
      expect((await q.events(A)).at(-1)).toMatchObject({ type: 'handoff.expired', transition: 'expire', id: a, state: 'expired' });
      expect(await q.expireWaiting(A, 30 * MIN, T0 + 31 * MIN)).toEqual([]);
      expect(claim.record.id).toBe(c);
    });

    test('illegal transitions throw IllegalTransition and emit nothing; unknown ids HandoffNotFound', async () => {
      const waiting = (await q.request(citizen(), T0)).record.id;
      const claimed = (await q.request(citizen(), T0 + 1)).record.id;
      const cancelled = (await q.request(citizen(), T0 + 2)).record.id;
      await q.claim(A, claimed, 'm1', LEASE, T0 + 10);
      await q.cancel(A, cancelled, T0 + 11);
      const before = await q.events(A);

      await expect(q.close(A, waiting, 'some-token', 'fait-pour', undefined, T0 + 20)).rejects.toMatchObject({ name: 'IllegalTransition', transition: 'close', state: 'waiting' });
      await expect(q.cancel(A, claimed, T0 + 20)).rejects.toMatchObject({ name: 'IllegalTransition', transition: 'cancel', state: 'with_mediator' });
      await expect(q.claim(A, cancelled, 'm2', LEASE, T0 + 20)).rejects.toMatchObject({ name: 'IllegalTransition', transition: 'claim', state: 'cancelled' });
      await expect(q.claim(A, cancelled, 'm2', LEASE, T0 + 20)).rejects.toBeInstanceOf(IllegalTransition);
      await expect(q.callbackDone(A, waiting, 'fait-pour', 'm1', T0 + 20)).rejects.toMatchObject({ name: 'IllegalTransition', transition: 'callback-done', state: 'waiting' });
      await expect(q.heartbeat(A, waiting, 'some-token', LEASE, T0 + 20)).rejects.toBeInstanceOf(IllegalTransition);

      await expect(q.claim(A, 'no-such-id', 'm2', LEASE, T0)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.cancel(A, 'no-such-id', T0)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.release(A, 'no-such-id', 'tok', T0)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.close(A, 'no-such-id', 'tok', 'fait-pour', undefined, T0)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.callbackDone(A, 'no-such-id', 'fait-pour', 'm1', T0)).rejects.toBeInstanceOf(HandoffNotFound);

      expect(await q.events(A)).toEqual(before);
      expect(await ids()).toEqual([waiting]);
    });
  });

  describe('callbacks', () => {
    const phone = '0612345678';

    test('from the bot (nobody on duty): a callback request, idempotent, outside the queue', async () => {
      const input = citizen();
      const rec = await q.requestCallback({ ...input, phone, callAt: T0 + 60 * MIN }, T0);
      expect(rec).toMatchObject({ state: 'callback_requested', callbackPhone: phone, callbackAt: T0 + 60 * MIN, citizenKey: input.citizenKey, createdAt: T0 });
      expect(rec).not.toHaveProperty('phone');
      expect(await q.get(A, rec.id)).toEqual(rec);
      expect(await q.waiting(A)).toEqual([]);
      expect(await q.position(A, rec.id)).toBeUndefined();
      expect((await q.callbacks(A)).map((r) => r.id)).toEqual([rec.id]);
      expect((await q.activeFor(A, input.citizenKey))?.id).toBe(rec.id);
      // Still one active handoff per citizen.
      expect(await q.request(input, T0 + 1000)).toMatchObject({ created: false, record: { id: rec.id, state: 'callback_requested' } });
      const again = await q.requestCallback({ ...input, phone: '0699999999', callAt: T0 + 90 * MIN }, T0 + 2000);
      expect(again).toEqual(rec);
      expect(await q.events(A)).toEqual([
        expect.objectContaining({ type: 'handoff.callback_requested', transition: 'request-callback', id: rec.id, state: 'callback_requested', at: T0 }),
      ]);
    });

    test('from an expired handoff (existingId): same handoff, now a callback request', async () => {
      const input = citizen();
      const { record } = await q.request(input, T0);
      await q.expireWaiting(A, 30 * MIN, T0 + 30 * MIN);
      const rec = await q.requestCallback({ ...input, existingId: record.id, phone, callAt: T0 + 120 * MIN }, T0 + 31 * MIN);
      expect(rec).toMatchObject({ id: record.id, state: 'callback_requested', callbackPhone: phone, callbackAt: T0 + 120 * MIN });
      expect((await q.activeFor(A, input.citizenKey))?.id).toBe(record.id);
      expect((await q.callbacks(A)).map((r) => r.id)).toEqual([record.id]);
      expect(await types()).toEqual(['handoff.requested', 'handoff.expired', 'handoff.callback_requested']);
    });

    test('from the queue: the waiting handoff leaves the queue and the others move up', async () => {
      const input = citizen();
      const a = (await q.request(input, T0)).record.id;
      const b = (await q.request(citizen(), T0 + 1000)).record.id;
      const rec = await q.requestCallback({ ...input, phone, callAt: T0 + 60 * MIN }, T0 + 2000);
      expect(rec).toMatchObject({ id: a, state: 'callback_requested' });
      expect(await ids()).toEqual([b]);
      expect(await q.position(A, b)).toBe(1);
    });

    test('a citizen already with a mediator is not turned into a callback', async () => {
      const input = citizen();
      const { record } = await q.request(input, T0);
      await q.claim(A, record.id, 'm1', LEASE, T0 + 1000);
      await expect(q.requestCallback({ ...input, phone, callAt: T0 + 60 * MIN }, T0 + 2000)).rejects.toMatchObject({
        name: 'IllegalTransition',
        transition: 'request-callback',
        state: 'with_mediator',
      });
      expect((await q.get(A, record.id))?.state).toBe('with_mediator');
      await expect(q.requestCallback({ ...citizen(), existingId: 'no-such-id', phone, callAt: T0 }, T0)).rejects.toBeInstanceOf(HandoffNotFound);
    });

    test('callbacks are listed soonest first; callbackDone closes one with its outcome', async () => {
      const c3 = citizen();
      const late = await q.requestCallback({ ...c3, phone, callAt: T0 + 180 * MIN }, T0);
      const soon = await q.requestCallback({ ...citizen(), phone, callAt: T0 + 60 * MIN }, T0 + 1);
      const mid = await q.requestCallback({ ...citizen(), phone, callAt: T0 + 120 * MIN }, T0 + 2);
      expect((await q.callbacks(A)).map((r) => r.id)).toEqual([soon.id, mid.id, late.id]);

      await q.callbackDone(A, late.id, 'fait-pour', 'm7', T0 + 180 * MIN);
      expect(await q.get(A, late.id)).toMatchObject({ state: 'closed', outcome: 'fait-pour', mediatorId: 'm7', closedAt: T0 + 180 * MIN });
      expect((await q.callbacks(A)).map((r) => r.id)).toEqual([soon.id, mid.id]);
      expect((await q.events(A)).at(-1)).toMatchObject({ type: 'handoff.callback_done', transition: 'callback-done', id: late.id, state: 'closed', mediatorId: 'm7' });
      await expect(q.callbackDone(A, late.id, 'fait-pour', 'm7', T0 + 181 * MIN)).rejects.toBeInstanceOf(IllegalTransition);
      expect(await q.activeFor(A, c3.citizenKey)).toBeUndefined();
      expect((await q.request(c3, T0 + 200 * MIN)).created).toBe(true);
    });
  });

  describe('messages', () => {
    test('citizen ⇄ mediator messages are kept in order and read from an index', async () => {
      const { record } = await q.request(citizen(), T0);
      await q.addMessage(A, record.id, { at: T0 + 1, from: 'citizen', text: 'Bonjour, je bloque sur FranceConnect' });
      const claim = await q.claim(A, record.id, 'm1', LEASE, T0 + 2);
      await q.addMessage(A, record.id, { at: T0 + 3, from: 'mediator', text: 'Bonjour, je regarde avec vous', mediatorId: 'm1' });
      await q.addMessage(A, record.id, { at: T0 + 4, from: 'citizen', text: 'Merci' });
      const all = await q.messages(A, record.id);
      expect(all.map((m) => m.text)).toEqual(['Bonjour, je bloque sur FranceConnect', 'Bonjour, je regarde avec vous', 'Merci']);
      expect(all[1]).toEqual({ at: T0 + 3, from: 'mediator', text: 'Bonjour, je regarde avec vous', mediatorId: 'm1' });
      expect((await q.messages(A, record.id, 2)).map((m) => m.text)).toEqual(['Merci']);
      expect(await q.messages(A, record.id, 3)).toEqual([]);

      const msgEvents = (await q.events(A)).filter((e) => e.transition === 'message');
      expect(msgEvents).toHaveLength(3);
      expect(msgEvents[0]).toMatchObject({ type: 'handoff.message', id: record.id, state: 'waiting', at: T0 + 1 });
      expect(msgEvents[0].mediatorId).toBeUndefined();
      expect(msgEvents[1]).toMatchObject({ type: 'handoff.message', state: 'with_mediator', mediatorId: 'm1', at: T0 + 3 });
      // Each event says which message it announces: a console fetches just that one.
      expect(msgEvents.map((e) => e.messageIndex)).toEqual([0, 1, 2]);
      expect(await q.messages(A, record.id, msgEvents[1].messageIndex)).toEqual(all.slice(1));

      await q.close(A, record.id, claim.leaseToken, 'autonome', undefined, T0 + 5);
      const count = (await q.events(A)).length;
      await expect(q.addMessage(A, record.id, { at: T0 + 6, from: 'citizen', text: 'encore là ?' })).rejects.toBeInstanceOf(IllegalTransition);
      expect(await q.events(A)).toHaveLength(count);
      expect(await q.messages(A, record.id)).toHaveLength(3);
      await expect(q.addMessage(A, 'no-such-id', { at: T0, from: 'citizen', text: 'x' })).rejects.toBeInstanceOf(HandoffNotFound);
      expect(await q.messages(A, 'no-such-id')).toEqual([]);
    });
  });

  describe('event stream', () => {
    test('exactly one event per transition, in order, resumable after any stream id', async () => {
      const input = citizen();
      const a = (await q.request(input, T0)).record.id;
      const b = (await q.request(citizen(), T0 + 1)).record.id;
      await q.request(input, T0 + 2); // idempotent: no event
      const c1 = await q.claim(A, a, 'm1', LEASE, T0 + 3);
      await expect(q.claim(A, a, 'm2', LEASE, T0 + 3)).rejects.toBeInstanceOf(IllegalTransition); // refused: no event
      await expect(q.release(A, a, 'wrong', T0 + 3)).rejects.toBeInstanceOf(LeaseLost); // refused: no event
      await q.heartbeat(A, a, c1.leaseToken, LEASE, T0 + 3); // not a transition: no event
      await q.addMessage(A, a, { at: T0 + 4, from: 'mediator', text: 'Bonjour', mediatorId: 'm1' });
      await q.release(A, a, c1.leaseToken, T0 + 5);
      const c2 = await q.claim(A, a, 'm2', LEASE, T0 + 6);
      await q.close(A, a, c2.leaseToken, 'fait-avec', undefined, T0 + 7);
      await q.cancel(A, b, T0 + 7); // same millisecond as the close

      const all = await q.events(A);
      expect(all.map((e) => [e.type, e.transition, e.id, e.state])).toEqual([
        ['handoff.requested', 'request', a, 'waiting'],
        ['handoff.requested', 'request', b, 'waiting'],
        ['handoff.claimed', 'claim', a, 'with_mediator'],
        ['handoff.message', 'message', a, 'with_mediator'],
        ['handoff.released', 'release', a, 'waiting'],
        ['handoff.claimed', 'claim', a, 'with_mediator'],
        ['handoff.closed', 'close', a, 'closed'],
        ['handoff.cancelled', 'cancel', b, 'cancelled'],
      ]);
      expect(all.map((e) => e.at)).toEqual([T0, T0 + 1, T0 + 3, T0 + 4, T0 + 5, T0 + 6, T0 + 7, T0 + 7]);
      expect(all[2].mediatorId).toBe('m1');
      expect(all[5].mediatorId).toBe('m2');
      for (const e of all) expect(e.streamId).toMatch(/^\d+-\d+$/);
      for (let i = 1; i < all.length; i += 1) expect(streamOrder(all[i - 1].streamId, all[i].streamId)).toBeLessThan(0);

      // A console that saw the 3rd event resumes with the rest.
      expect(await q.events(A, all[2].streamId)).toEqual(all.slice(3));
      expect(await q.events(A, all[all.length - 1].streamId)).toEqual([]);
      expect(await q.events(A, '0', 2)).toEqual(all.slice(0, 2));
      expect(await q.events(A, all[1].streamId, 3)).toEqual(all.slice(2, 5));
    });

    test('events of a busy territory page through with count', async () => {
      for (let i = 0; i < 25; i += 1) await q.request(citizen(), T0 + i);
      const seen: HandoffEvent[] = [];
      let after = '0';
      for (;;) {
        const page = await q.events(A, after, 10);
        if (page.length === 0) break;
        seen.push(...page);
        after = page[page.length - 1].streamId;
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen.map((e) => e.id)).size).toBe(25);
    });
  });

  describe('territories', () => {
    test('a territory never sees nor touches another territory’s handoffs', async () => {
      const input = citizen();
      const a = (await q.request(input, T0)).record.id;
      expect(await q.get(B, a)).toBeUndefined();
      expect(await q.waiting(B)).toEqual([]);
      expect(await q.position(B, a)).toBeUndefined();
      expect(await q.activeFor(B, input.citizenKey)).toBeUndefined();
      expect(await q.events(B)).toEqual([]);
      expect(await q.callbacks(B)).toEqual([]);
      await expect(q.claim(B, a, 'mediator-of-b', LEASE, T0)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.cancel(B, a, T0)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.addMessage(B, a, { at: T0, from: 'mediator', text: 'x', mediatorId: 'mb' })).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.callbackDone(B, a, 'fait-pour', 'mb', T0)).rejects.toBeInstanceOf(HandoffNotFound);
      expect(await q.messages(B, a)).toEqual([]);
      expect(await q.reapLeases(B, T0 + 10 * LEASE)).toEqual([]);
      expect(await q.expireWaiting(B, 0, T0 + MIN)).toEqual([]);

      const claim = await q.claim(A, a, 'mediator-of-a', LEASE, T0 + 1);
      await expect(q.heartbeat(B, a, claim.leaseToken, LEASE, T0 + 2)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.release(B, a, claim.leaseToken, T0 + 2)).rejects.toBeInstanceOf(HandoffNotFound);
      await expect(q.close(B, a, claim.leaseToken, 'fait-pour', undefined, T0 + 2)).rejects.toBeInstanceOf(HandoffNotFound);
      expect((await q.get(A, a))?.state).toBe('with_mediator');
    });

    test('the same citizen key in two territories makes two independent handoffs', async () => {
      const input = citizen();
      const inA = await q.request(input, T0);
      const inB = await q.request({ ...input, territory: B }, T0 + 1);
      expect(inB.created).toBe(true);
      expect(inB.record.id).not.toBe(inA.record.id);
      expect(await ids(A)).toEqual([inA.record.id]);
      expect(await ids(B)).toEqual([inB.record.id]);
      await q.claim(B, inB.record.id, 'mb', LEASE, T0 + 10_000);
      expect(await q.averageWaitMs(A)).toBeUndefined();
      expect(await q.averageWaitMs(B)).toBe(9999);
      expect(await types(A)).toEqual(['handoff.requested']);
      expect(await types(B)).toEqual(['handoff.requested', 'handoff.claimed']);
    });
  });

  describe('wait estimate and presence', () => {
    test('averageWaitMs is the average of the last 20 waits before a claim', async () => {
      expect(await q.averageWaitMs(A)).toBeUndefined();
      const a = (await q.request(citizen(), T0)).record.id;
      const b = (await q.request(citizen(), T0)).record.id;
      await q.claim(A, a, 'm1', LEASE, T0 + 10_000);
      await q.claim(A, b, 'm2', LEASE, T0 + 30_000);
      expect(await q.averageWaitMs(A)).toBe(20_000);
      // 20 more quick claims push the two slow ones out of the window.
      for (let i = 0; i < 20; i += 1) {
        const id = (await q.request(citizen(), T0 + 100_000)).record.id;
        await q.claim(A, id, 'm1', LEASE, T0 + 101_000);
      }
      expect(await q.averageWaitMs(A)).toBe(1000);
    });

    test('presence: on duty until the ttl, off duty at once', async () => {
      expect(await q.onDutyCount(A, T0)).toBe(0);
      await q.setPresence(A, 'm1', true, MIN, T0);
      await q.setPresence(A, 'm2', true, MIN, T0 + 30_000);
      await q.setPresence(B, 'm3', true, MIN, T0);
      expect(await q.onDutyCount(A, T0 + 1)).toBe(2);
      expect(await q.onDutyCount(A, T0 + MIN - 1)).toBe(2);
      expect(await q.onDutyCount(A, T0 + MIN)).toBe(1);
      await q.setPresence(A, 'm1', true, MIN, T0 + MIN); // renewed
      expect(await q.onDutyCount(A, T0 + MIN + 1)).toBe(2);
      await q.setPresence(A, 'm2', false, 0, T0 + MIN + 2);
      expect(await q.onDutyCount(A, T0 + MIN + 3)).toBe(1);
      expect(await q.onDutyCount(B, T0 + 1)).toBe(1);
      expect(await q.onDutyCount(A, T0 + 3 * MIN)).toBe(0);
    });
  });
});

export const memoryQueueRetention = (): void =>
describe('MemoryHandoffQueue retention', () => {
  test('records and messages are forgotten retentionSeconds after their last change', async () => {
    let clock = 5_000_000;
    const q = new MemoryHandoffQueue(60, () => clock);
    const input = citizen();
    const { record } = await q.request(input);
    await q.addMessage(A, record.id, { at: clock, from: 'citizen', text: 'Bonjour' });
    clock += 59_000;
    expect(await q.get(A, record.id)).toBeDefined();
    const claim = await q.claim(A, record.id, 'm1', 3_600_000); // a change: the record lives on
    clock += 2_000;
    expect(await q.messages(A, record.id)).toEqual([]); // last message 61 s ago
    expect((await q.get(A, record.id))?.state).toBe('with_mediator');
    await q.close(A, record.id, claim.leaseToken, 'fait-avec');
    clock += 60_000;
    expect(await q.get(A, record.id)).toBeUndefined();
    await expect(q.claim(A, record.id, 'm2', 1000)).rejects.toBeInstanceOf(HandoffNotFound);
    expect(await q.activeFor(A, input.citizenKey)).toBeUndefined();
    expect((await q.request(input)).created).toBe(true);
  });

  test('a waiting handoff past retention leaves the queue and frees the citizen', async () => {
    let clock = 5_000_000;
    const q = new MemoryHandoffQueue(60, () => clock);
    const input = citizen();
    const { record } = await q.request(input);
    clock += 60_000;
    expect(await q.waiting(A)).toEqual([]);
    expect(await q.position(A, record.id)).toBeUndefined();
    const again = await q.request(input);
    expect(again.created).toBe(true);
    expect(again.record.id).not.toBe(record.id);
  });

  test('stream ids follow the given clock, with a sequence inside a millisecond', async () => {
    const q = new MemoryHandoffQueue(3600);
    await q.request(citizen(), T0);
    await q.request(citizen(), T0);
    await q.request(citizen(), T0 - 5); // a clock going back still orders the stream
    await q.request(citizen(), T0 + 1);
    expect((await q.events(A)).map((e) => e.streamId)).toEqual([`${T0}-0`, `${T0}-1`, `${T0}-2`, `${T0 + 1}-0`]);
  });
});
