/**
 * The web chat's activity log announces appends WITH the activities (so the instance holding the
 * socket pushes them without reading the list back): same event from the Redis log (real Redis,
 * random prefix) and the in-memory log.
 */
import type { Redis } from 'ioredis';
import type { Activity } from 'botbuilder';
import { MemoryActivityLog, type ActivityLog, type LogEvent } from '../../src/channels/directline/activityLog';
import { RedisActivityLog, parseEvent } from '../../src/channels/directline/redisActivityLog';
import { createLogger } from '../../src/logger';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';

const META = { conversationId: 'conv-1', territory: 'demo', userId: 'dl_u', createdAt: 1 };
// A text that contains what the subscriber looks for: it must not be fooled by it.
const TRICKY: Partial<Activity> = { type: 'message', id: 'a', text: 'voir ,"activities":[ et "watermark":9 }' };
const PLAIN: Partial<Activity> = { type: 'message', id: 'b', text: 'Étape 1 sur 9' };

function nextEvent(log: ActivityLog, kind: LogEvent['kind']): Promise<LogEvent> {
  return new Promise((resolve) => {
    const off = log.onEvent((e) => {
      if (e.kind !== kind) return;
      off();
      resolve(e);
    });
  });
}

describe.each([
  ['memory', async () => ({ log: new MemoryActivityLog(60) as ActivityLog, cleanup: async () => undefined })],
  [
    'redis',
    async () => {
      const redis: Redis = await connectRedis();
      const prefix = randomPrefix();
      const log = new RedisActivityLog(redis, prefix, 60, createLogger('silent'));
      await log.ready();
      return {
        log: log as ActivityLog,
        cleanup: async () => {
          await log.close();
          await deletePrefix(redis, prefix);
          redis.disconnect();
        },
      };
    },
  ],
] as const)('activity log announcements: %s', (_name, make) => {
  test('an append is announced with its watermark, its count and its activities as JSON', async () => {
    const { log, cleanup } = await make();
    try {
      expect(await log.create(META)).toBe(true);
      const first = nextEvent(log, 'activities');
      expect(await log.append('conv-1', [TRICKY])).toBe(1);
      expect(await first).toEqual({ conversationId: 'conv-1', kind: 'activities', watermark: 1, count: 1, json: JSON.stringify([TRICKY]) });
      const second = nextEvent(log, 'activities');
      expect(await log.append('conv-1', [PLAIN, TRICKY])).toBe(3);
      const e = await second;
      expect(e).toMatchObject({ watermark: 3, count: 2 });
      expect(JSON.parse(e.json!)).toEqual([PLAIN, TRICKY]);
      // What a reconnecting socket reads is the same.
      expect((await log.since('conv-1', 1)).activities).toEqual([PLAIN, TRICKY]);
      const typing = nextEvent(log, 'typing');
      await log.announce({ conversationId: 'conv-1', kind: 'typing' });
      expect(await typing).toEqual({ conversationId: 'conv-1', kind: 'typing' });
    } finally {
      await cleanup();
    }
  });
});

test('an announcement without activities (an instance of the previous version) still parses', () => {
  expect(parseEvent('{"conversationId":"c","kind":"activities"}')).toEqual({ conversationId: 'c', kind: 'activities' });
  expect(() => parseEvent('{"conversationId":"c","kind":"activities","activities":[{"a":1}')).toThrow();
});

describe('retention of a web chat conversation (real Redis)', () => {
  const DAY = 86_400;
  const retention = (t: string | undefined) => (t === 'creuse' ? 60 * DAY : 30 * DAY);

  it('is its territory’s, kept from its creation for every append — proactive ones too', async () => {
    const redis: Redis = await connectRedis();
    const prefix = randomPrefix();
    const log = new RedisActivityLog(redis, prefix, retention, createLogger('silent'));
    try {
      await log.create({ ...META, conversationId: 'c-creuse', territory: 'creuse' });
      // A mediator's message: the delivery does not know the territory.
      expect(await log.append('c-creuse', [PLAIN])).toBe(1);
      for (const key of ['meta', 'acts']) expect(await redis.ttl(`${prefix}dl:{c-creuse}:${key}`)).toBeGreaterThan(59 * DAY);
    } finally {
      await log.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it('a conversation created before its meta kept the retention gets its territory’s at the next turn', async () => {
    const redis: Redis = await connectRedis();
    const prefix = randomPrefix();
    const log = new RedisActivityLog(redis, prefix, retention, createLogger('silent'));
    try {
      await redis.hset(`${prefix}dl:{c-old}:meta`, 'territory', 'creuse', 'user', 'dl_u', 'createdAt', '1');
      await log.append('c-old', [PLAIN]); // a delivery: the default, not remembered
      expect(await redis.ttl(`${prefix}dl:{c-old}:acts`)).toBeLessThanOrEqual(30 * DAY);
      await log.append('c-old', [TRICKY], 'creuse'); // the citizen's turn: remembered
      await log.append('c-old', [PLAIN]);
      expect(await redis.ttl(`${prefix}dl:{c-old}:acts`)).toBeGreaterThan(59 * DAY);
      expect(await redis.hget(`${prefix}dl:{c-old}:meta`, 'ttl')).toBe(String(60 * DAY));
    } finally {
      await log.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  });
});
