/**
 * The monthly SMS budget's counting, on the in-memory and the Redis store alike: segments as the operators
 * bill them, one counter per territory and Paris month, the 80 % warning given once (even to instances
 * counting at the same time), proactive messages refused at 100 %.
 */
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { SmsBudget, parisMonth, segmentsOf } from '../../src/territories/smsBudget';
import { MemorySmsBudgetStore, RedisSmsBudgetStore, type SmsBudgetStore } from '../../src/territories/smsBudgetStore';
import { keyspace } from '../../src/storage/keyspace';
import { connectRedis, randomPrefix } from '../helpers/redis';

function capture(): { logger: pino.Logger; warnings: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const logger = pino({ level: 'info' }, stream);
  return { logger, warnings: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40) };
}

// 2026-12-31 23:30 in Paris is still December; 23:30 UTC that day is already January in Paris.
const DEC = Date.UTC(2026, 11, 31, 22, 30);
const JAN = Date.UTC(2026, 11, 31, 23, 30);

describe('the Paris month and segments', () => {
  it('changes month at midnight in Paris, not UTC', () => {
    expect(parisMonth(DEC)).toBe('2026-12');
    expect(parisMonth(JAN)).toBe('2027-01');
  });
  it('gives the right month to the last and first millisecond of a month, winter and summer time, asked one after the other', () => {
    const cases: Array<[number, string]> = [
      [Date.UTC(2026, 11, 31, 22, 59, 59, 999), '2026-12'], // 23:59:59.999 in Paris (UTC+1)
      [Date.UTC(2026, 11, 31, 23, 0, 0, 0), '2027-01'],
      [Date.UTC(2026, 11, 31, 22, 59, 59, 999), '2026-12'],
      [Date.UTC(2027, 2, 31, 21, 59, 59, 999), '2027-03'], // summer time (UTC+2)
      [Date.UTC(2027, 2, 31, 22, 0, 0, 0), '2027-04'],
      [Date.UTC(2027, 2, 31, 22, 59, 59, 999), '2027-04'],
    ];
    for (const [ms, month] of cases) expect([new Date(ms).toISOString(), parisMonth(ms)]).toEqual([new Date(ms).toISOString(), month]);
  });
  it('counts segments as operators bill them', () => {
    expect(segmentsOf(['Bonjour'])).toBe(1);
    expect(segmentsOf(['a'.repeat(161)])).toBe(2); // GSM-7: 153 a segment beyond 160
    expect(segmentsOf(['é'.repeat(10) + '€ ✓'])).toBe(1); // UCS-2, 13 units
    expect(segmentsOf(['✓'.repeat(71), 'x'])).toBe(3);
  });
});

let redis: Redis;
const prefixes: string[] = [];
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

describe.each([
  ['memory', (): SmsBudgetStore => new MemorySmsBudgetStore()],
  [
    'redis',
    (): SmsBudgetStore => {
      const p = randomPrefix();
      prefixes.push(p);
      return new RedisSmsBudgetStore(redis, p);
    },
  ],
])('SMS budget on the %s store', (_name, makeStore) => {
  let now = DEC;
  const setup = (budgets: Record<string, number>) => {
    const store = makeStore();
    const log = capture();
    const budget = new SmsBudget({ store, budgetOf: (t) => budgets[t], logger: log.logger, now: () => now });
    return { store, budget, log };
  };
  beforeEach(() => {
    now = DEC;
  });

  it('counts per territory and warns coordinators once at 80 %, with counts only', async () => {
    const { budget, log } = setup({ gironde: 10, creuse: 10 });
    await budget.sent('gironde', ['Bonjour', 'a'.repeat(161)]); // 3
    await budget.sent('gironde', Array(4).fill('ok')); // 7
    expect(await budget.status('gironde')).toMatchObject({ budget: 10, used: 7, month: '2026-12', warning: false, exhausted: false });
    expect(log.warnings()).toEqual([]);
    await budget.sent('gironde', ['ok']); // 8 = 80 %
    await budget.sent('gironde', ['ok']);
    await budget.sent('gironde', ['ok']);
    expect(log.warnings()).toHaveLength(1);
    expect(log.warnings()[0]).toMatchObject({ territory: 'gironde', month: '2026-12', used: 8, budget: 10 });
    expect(Object.keys(log.warnings()[0]).sort()).toEqual(['budget', 'level', 'month', 'msg', 'pid', 'hostname', 'territory', 'time', 'used'].sort());
    expect(await budget.status('gironde')).toMatchObject({ used: 10, warning: true, exhausted: true });
    // Another territory counts apart.
    expect(await budget.status('creuse')).toMatchObject({ used: 0, warning: false });
  });

  it('gives the warning once when several instances cross 80 % together', async () => {
    const { store, budget, log } = setup({ demo: 40 });
    const other = new SmsBudget({ store, budgetOf: () => 40, logger: log.logger, now: () => now });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? budget : other).sent('demo', ['x'])));
    expect((await budget.status('demo')).used).toBe(40);
    expect(log.warnings()).toHaveLength(1);
  });

  it('refuses proactive messages at 100 %, counts the skipped ones, and starts again next month', async () => {
    const { budget, log } = setup({ demo: 3 });
    await budget.sent('demo', ['a', 'b']);
    expect(await budget.proactiveAllowed('demo')).toBe(true);
    await budget.sent('demo', ['c']);
    expect(await budget.proactiveAllowed('demo')).toBe(false);
    await budget.skipped('demo');
    expect(await budget.status('demo')).toMatchObject({ used: 3, skipped: 1, exhausted: true });
    now = JAN;
    expect(await budget.proactiveAllowed('demo')).toBe(true);
    expect(await budget.status('demo')).toMatchObject({ month: '2027-01', used: 0, skipped: 0, warning: false });
    await budget.sent('demo', ['a', 'b', 'c']);
    expect(log.warnings()).toHaveLength(2); // once in December, once in January
  });

  it('counts a territory without a budget, and never holds its messages back', async () => {
    const { budget, log } = setup({});
    await budget.sent('demo', Array(50).fill('x'));
    expect(await budget.status('demo')).toMatchObject({ budget: null, used: 50, warning: false, exhausted: false });
    expect(await budget.proactiveAllowed('demo')).toBe(true);
    expect(log.warnings()).toEqual([]);
  });
});

describe('SMS budget keys in Redis', () => {
  it('one hash per territory and month, kept about 400 days', async () => {
    const p = randomPrefix();
    prefixes.push(p);
    await new RedisSmsBudgetStore(redis, p).add('gironde', '2026-12', 2);
    const key = keyspace(p).smsBudget('gironde', '2026-12');
    expect(await redis.hgetall(key)).toEqual({ used: '2' });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(399 * 86_400);
    expect(ttl).toBeLessThanOrEqual(400 * 86_400);
  });

  it('counts asked together are all counted, each answered with the total after them', async () => {
    const p = randomPrefix();
    prefixes.push(p);
    const store = new RedisSmsBudgetStore(redis, p);
    const totals = await Promise.all([store.add('gironde', '2026-12', 2), store.add('gironde', '2026-12', 3), store.add('demo', '2026-12', 1), store.skip('gironde', '2026-12')]);
    expect(totals).toEqual([5, 5, 1, undefined]);
    expect(await store.add('gironde', '2026-12', 1)).toBe(6);
    expect(await store.month('gironde', '2026-12')).toEqual({ used: 6, skipped: 1, warned: false });
    expect(await redis.ttl(keyspace(p).smsBudget('demo', '2026-12'))).toBeGreaterThan(399 * 86_400);
  });
});
