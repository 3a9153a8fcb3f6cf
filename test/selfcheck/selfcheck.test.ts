/** The orientation rules, and the anonymous counters the answers feed (memory and real Redis). */
import { randomUUID } from 'node:crypto';
import { orient, type SelfCheckAnswers } from '../../src/selfcheck/orientation';
import { MemorySelfCheckStats, RedisSelfCheckStats, monthOf, type SelfCheckStats } from '../../src/selfcheck/stats';
import { connectRedis, deletePrefix, keysWithPrefix, randomPrefix } from '../helpers/redis';
import { Citizen, startTestApp } from '../helpers/app';

const all = (v: boolean): SelfCheckAnswers => ({ email: v, smartphone: v, computer: v, attach: v, franceconnect: v });

describe('orientation', () => {
  it.each([
    ['nothing at all', all(false), 'equipement', undefined],
    ['a smartphone only', { ...all(false), smartphone: true }, 'accompagnement', 'email-creer'],
    ['e-mail and smartphone, cannot attach', { ...all(false), email: true, smartphone: true, computer: true }, 'ateliers', 'documents-scanner'],
    ['all but FranceConnect', { ...all(true), franceconnect: false }, 'ateliers', 'franceconnect'],
    ['everything', all(true), 'autonome', undefined],
  ] as const)('%s → %s, first guide %s', (_name, answers, level, guideId) => {
    const o = orient(answers);
    expect(o.level).toBe(level);
    expect(o.guideId).toBe(guideId);
    expect(o.passNumerique).toBe(level === 'accompagnement' || level === 'ateliers');
  });
});

describe.each([
  ['memory', async () => ({ stats: new MemorySelfCheckStats() as SelfCheckStats, keys: async () => [] as string[], done: async () => undefined })],
  ['redis', async () => {
    const redis = await connectRedis();
    const prefix = randomPrefix();
    return { stats: new RedisSelfCheckStats(redis, prefix) as SelfCheckStats, keys: () => keysWithPrefix(redis, prefix), done: async () => { await deletePrefix(redis, prefix); redis.disconnect(); } };
  }],
])('self-check counters: %s', (name, make) => {
  it('counts per territory and month, with no identity', async () => {
    const h = await make();
    try {
      const at = Date.UTC(2026, 10, 27, 9);
      await h.stats.record('creuse', at, { ...all(false), smartphone: true }, 'accompagnement');
      await h.stats.record('creuse', at, all(true), 'autonome');
      await h.stats.record('gironde', at, all(true), 'autonome');
      expect(await h.stats.month('creuse', '2026-11')).toEqual({ count: 2, 'smartphone:yes': 2, 'email:yes': 1, 'computer:yes': 1, 'attach:yes': 1, 'franceconnect:yes': 1, 'orientation:accompagnement': 1, 'orientation:autonome': 1 });
      expect(await h.stats.month('creuse', '2026-12')).toEqual({});
      if (name === 'redis') expect((await h.keys()).every((k) => /stats:\{(creuse|gironde)\}:selfcheck:2026-11$/.test(k))).toBe(true);
    } finally {
      await h.done();
    }
  });
});

it('a month is counted in Paris time', () => {
  expect(monthOf(Date.UTC(2026, 10, 30, 23, 30))).toBe('2026-12');
});

it('a citizen finishing the self-check adds to the territory counters', async () => {
  const ta = await startTestApp();
  try {
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    for (const line of ['faire le point', 'oui', 'oui', 'non', 'non', 'non']) await c.say(line);
    expect(await ta.app.selfCheckStats.month('demo', monthOf(ta.app.now()))).toMatchObject({ count: 1, 'email:yes': 1, 'smartphone:yes': 1, 'orientation:accompagnement': 1 });
  } finally {
    await ta.close();
  }
});
