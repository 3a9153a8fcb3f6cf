/**
 * A client's message id (Web Chat's clientActivityID) runs its turn once: the same contract from the
 * Redis log (real Redis, random prefix) and the in-memory one — taken, pending while its turn runs,
 * done with the append that stores the turn, given back when the turn fails, taken over when the
 * instance that claimed it died (its lease ran out). And the service: a failed turn is retried, a
 * handled one is not.
 */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { MessageFactory } from 'botbuilder';
import { CLIENT_CLAIM_LEASE_MS, MemoryActivityLog, type ActivityLog } from '../../src/channels/directline/activityLog';
import { RedisActivityLog } from '../../src/channels/directline/redisActivityLog';
import { MemoryFileStore } from '../../src/channels/directline/fileStore';
import { TokenService } from '../../src/channels/directline/tokens';
import { DirectLineService } from '../../src/channels/directline/service';
import { LeanAdapter } from '../../src/channels/leanAdapter';
import { TerritoryRegistry } from '../../src/territories/registry';
import { CONFIG_DIR } from '../../src/paths';
import { createLogger } from '../../src/logger';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';

const META = { conversationId: 'conv-c', territory: 'demo', userId: 'dl_u', createdAt: 1 };
const T0 = 1_800_000_000_000;

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
] as const)('client message ids: %s', (_name, make) => {
  test('taken, pending while it runs, done with its append; released, it can be taken again', async () => {
    const { log, cleanup } = await make();
    try {
      await log.create(META);
      expect(await log.claimClientActivity('conv-c', 'wc-1', 'conv-c|a1', T0)).toEqual({ state: 'taken', activityId: 'conv-c|a1' });
      expect(await log.claimClientActivity('conv-c', 'wc-1', 'conv-c|a2', T0 + 10)).toEqual({ state: 'pending', activityId: 'conv-c|a1' });
      // Released by another claimer's id: nothing happens.
      await log.releaseClientActivity('conv-c', 'wc-1', 'conv-c|a2');
      expect((await log.claimClientActivity('conv-c', 'wc-1', 'conv-c|a2', T0 + 20)).state).toBe('pending');
      // The turn failed: released, a retry takes it.
      await log.releaseClientActivity('conv-c', 'wc-1', 'conv-c|a1');
      expect(await log.claimClientActivity('conv-c', 'wc-1', 'conv-c|a3', T0 + 30)).toEqual({ state: 'taken', activityId: 'conv-c|a3' });
      // Stored with its turn: done for good (a release after that changes nothing).
      expect(await log.append('conv-c', [{ type: 'message', id: 'conv-c|a3', text: 'bonjour' }], 'demo', { clientId: 'wc-1', activityId: 'conv-c|a3' })).toBe(1);
      await log.releaseClientActivity('conv-c', 'wc-1', 'conv-c|a3');
      expect(await log.claimClientActivity('conv-c', 'wc-1', 'conv-c|a4', T0 + 40)).toEqual({ state: 'done', activityId: 'conv-c|a3' });
      expect(await log.claimClientActivity('conv-c', 'wc-1', 'conv-c|a5', T0 + 10 * CLIENT_CLAIM_LEASE_MS)).toEqual({ state: 'done', activityId: 'conv-c|a3' });
    } finally {
      await cleanup();
    }
  });

  test('a claim whose instance died is taken over once its lease has run out', async () => {
    const { log, cleanup } = await make();
    try {
      await log.create(META);
      expect((await log.claimClientActivity('conv-c', 'wc-2', 'conv-c|b1', T0)).state).toBe('taken');
      expect((await log.claimClientActivity('conv-c', 'wc-2', 'conv-c|b2', T0 + CLIENT_CLAIM_LEASE_MS - 1)).state).toBe('pending');
      expect(await log.claimClientActivity('conv-c', 'wc-2', 'conv-c|b3', T0 + CLIENT_CLAIM_LEASE_MS + 1)).toEqual({ state: 'taken', activityId: 'conv-c|b3' });
    } finally {
      await cleanup();
    }
  });
});

describe('the web chat service with client message ids', () => {
  test('a turn that failed runs again on a re-post; a handled one does not', async () => {
    const log = new MemoryActivityLog(86_400);
    let turns = 0;
    let failNext = true;
    const adapter = new LeanAdapter(async (ctx) => {
      if (ctx.activity.type !== 'message') return;
      turns += 1;
      if (failNext) {
        failNext = false;
        throw new Error('state store away');
      }
      await ctx.sendActivity(MessageFactory.text(`reçu : ${ctx.activity.text}`));
    });
    const service = new DirectLineService({
      log,
      files: new MemoryFileStore(86_400),
      tokens: new TokenService('a-client-id-test-secret-of-32-characters-or-more', 1800),
      adapter,
      territories: TerritoryRegistry.load(join(CONFIG_DIR, 'territories'), 'http://localhost:3978'),
      publicBaseUrl: 'http://localhost:3978',
      logger: createLogger('silent'),
    });
    const claims = { conversationId: 'conv-s', territory: 'demo', userId: 'dl_s' };
    await service.start(claims, 'token');
    const message = { type: 'message' as const, text: 'menu', channelData: { clientActivityID: 'wc-retry' } };
    await expect(service.post(claims, message)).rejects.toThrow('state store away');
    const id = await service.post(claims, message);
    const again = await service.post(claims, message);
    expect(again).toBe(id);
    expect(turns).toBe(2);
    const { activities } = await log.since('conv-s', 0);
    expect(activities.filter((a) => a.channelData?.clientActivityID === 'wc-retry').map((a) => a.id)).toEqual([id]);
    expect(activities.filter((a) => a.text === 'reçu : menu')).toHaveLength(1);
  });
});
