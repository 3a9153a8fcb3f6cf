/**
 * Every store of the app, created in one place: on Redis when REDIS_URL (or a cluster, or sentinels) is
 * configured, else embedded in the process (the default: `npm start` on a bare machine, one instance).
 * This is the only module that chooses between the two; app.ts takes what it returns. It sits beside
 * app.ts (layer 6) because the stores it builds belong to every layer, channels and mediator included.
 *
 * Redis keys come from storage/keyspace.ts and scripts from storage/scripts.ts; the scripts are defined on
 * the client here, at startup, so a missing or misnamed script fails the start rather than a turn.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config';
import { checkMaxmemoryPolicy, createRedis, type RedisClient } from './storage/redis';
import { scripts } from './storage/scripts';
import { RedisStateStore } from './storage/redisStore';
import { MemoryStateStore } from './storage/memoryStore';
import type { StateStore } from './storage/stateStore';
import { MemoryRateLimiter, RedisRateLimiter, type AttemptCounter } from './storage/rateLimiter';
import { MemoryHandoffQueue } from './handoff/memoryQueue';
import { RedisHandoffQueue } from './handoff/redisQueue';
import { MemoryHandoffNotes, type HandoffNotes } from './handoff/notes';
import { RedisHandoffNotes } from './handoff/redisNotes';
import type { HandoffQueue } from './handoff/queue';
import { MemoryEventFeed, RedisEventFeed, type EventFeed } from './handoff/notifier';
import { MemoryReminderStore, RedisReminderStore, type ReminderStore } from './reminders/store';
import { MemoryStats, RedisStats, type StatsStore } from './stats/recorder';
import { MemorySelfCheckStats, RedisSelfCheckStats, type SelfCheckStats } from './selfcheck/stats';
import type { ContactIds } from './privacy/contactIds';
import type { RetentionOf } from './territories/retention';
import { MemoryActivityLog, type ActivityLog } from './channels/directline/activityLog';
import { RedisActivityLog } from './channels/directline/redisActivityLog';
import { MemoryFileStore, RedisFileStore, type FileStore } from './channels/directline/fileStore';
import { MemoryQuotaStore, RedisQuotaStore, type QuotaStore } from './channels/directline/uploadQuota';
import { RedisMemoryWatch } from './channels/directline/redisMemory';
import { DELIVERY_LEASE_SECONDS, RedisContactStore, type ContactStore } from './channels/webhook/contacts';
import { MemoryContactStore } from './channels/webhook/memoryContacts';
import { MemoryAccounts, RedisAccounts, type MediatorAccounts } from './mediator/accounts';
import { MemorySessions, RedisSessions, type SessionStore } from './mediator/sessions';
import { MemoryPendingLogins, RedisPendingLogins, type PendingLogins } from './mediator/proconnectStore';
import { MemoryAudit, RedisAudit, type AuditLog } from './mediator/audit';
import { MemoryReplyStore, RedisReplyStore, type ReplyStore } from './mediator/replies';
import { MemoryTypingStore, RedisTypingStore, type TypingStore } from './handoff/typing';
import { MemoryShortLinks, RedisShortLinks, type ShortLinkStore } from './places/shortLinks';
import { MemoryOutbox, RedisOutbox, type OutboxStore } from './channels/outbox/store';
import { MemorySmsBudgetStore, RedisSmsBudgetStore, type SmsBudgetStore } from './territories/smsBudgetStore';

export interface Stores {
  /** The Redis client, or null in the embedded default. */
  redis: RedisClient | null;
  state: StateStore;
  activityLog: ActivityLog;
  files: FileStore;
  queue: HandoffQueue;
  /** Mediators' internal notes on handoffs (issue 19). */
  notes: HandoffNotes;
  feed: EventFeed;
  contacts: ContactStore;
  /** Reminders as stored (app.ts wraps them to keep the citizen's contact). */
  reminders: ReminderStore;
  stats: StatsStore;
  selfCheckStats: SelfCheckStats;
  /** The shared RateLimiter (web chat tokens and messages, mediator logins): the `limit` key family. */
  limiter: AttemptCounter;
  uploadQuotas: QuotaStore;
  sessions: SessionStore;
  /** ProConnect sign-ins under way (state → nonce, PKCE verifier, territory). */
  pendingLogins: PendingLogins;
  mediators: MediatorAccounts;
  audit: AuditLog;
  /** The teams' canned replies per territory and language. */
  replies: ReplyStore;
  /** "La personne écrit…" marks of handoffs (a few seconds each). */
  typing: TypingStore;
  /** Booking links shortened through our domain (/r/<id>): the `shortLink` key family. */
  shortLinks: ShortLinkStore;
  /** The SMS providers' outboxes and dead letters: the `outbox…` key families. */
  outbox: OutboxStore;
  /** SMS segments sent per territory and month: the `smsBudget` key family. */
  smsBudget: SmsBudgetStore;
  /** Redis memory as a ratio of maxmemory (web chat photos are refused near full); none embedded. */
  memoryWatch?: RedisMemoryWatch;
}

export interface StoreOptions {
  logger: Logger;
  /** Seconds a territory keeps what its citizens leave (its retentionDays, else STATE_TTL_DAYS). */
  retentionSeconds: RetentionOf;
  contactIds: ContactIds;
  /** The app's clock; the embedded stores take the injected one as is (undefined: their own Date.now). */
  clock?: () => number;
}

export async function createStores(config: Config, options: StoreOptions): Promise<Stores> {
  const { logger, retentionSeconds, contactIds, clock } = options;
  const sessionLimits = { idleMs: config.mediatorIdleSeconds * 1000, maxMs: config.mediatorSessionMaxSeconds * 1000 };
  if (!config.redis) {
    const queue = new MemoryHandoffQueue(retentionSeconds, clock);
    const sessions = new MemorySessions(sessionLimits);
    return {
      redis: null,
      state: new MemoryStateStore(config.stateTtlSeconds, clock),
      activityLog: new MemoryActivityLog(retentionSeconds, clock),
      files: new MemoryFileStore(config.stateTtlSeconds, clock),
      queue,
      notes: new MemoryHandoffNotes(async (territory, id) => Boolean(await queue.get(territory, id)), retentionSeconds, clock),
      feed: new MemoryEventFeed(queue),
      contacts: new MemoryContactStore(config.stateTtlSeconds, clock ?? Date.now, DELIVERY_LEASE_SECONDS, contactIds),
      reminders: new MemoryReminderStore(),
      stats: new MemoryStats(),
      selfCheckStats: new MemorySelfCheckStats(),
      limiter: new MemoryRateLimiter(),
      uploadQuotas: new MemoryQuotaStore(),
      sessions,
      pendingLogins: new MemoryPendingLogins(),
      // Removing an account or changing its role ends that mediator's sessions.
      mediators: new MemoryAccounts({ endSessions: (territory, username) => sessions.endAll(territory, username) }),
      audit: new MemoryAudit(),
      replies: new MemoryReplyStore(),
      typing: new MemoryTypingStore(),
      shortLinks: new MemoryShortLinks(clock),
      outbox: new MemoryOutbox(),
      smsBudget: new MemorySmsBudgetStore(),
    };
  }

  const redisLogger = logger.child({ module: 'redis' });
  const redis = createRedis(config.redis, redisLogger);
  await redis.connect();
  await checkMaxmemoryPolicy(redis, redisLogger);
  // Every Lua script, defined once (a missing or misnamed one fails here).
  scripts(redis);
  const memoryWatch = new RedisMemoryWatch(redis, config.redisMemoryWarnRatio, redisLogger);
  // Logs the warning at startup if Redis is already above the threshold.
  const memory = await memoryWatch.read().catch((err: unknown) => logger.warn({ err }, 'redis memory unknown (INFO memory failed)'));
  if (memory && memory.maxBytes === 0 && config.production && config.redisMemoryWarnRatio > 0) {
    logger.warn('redis has no maxmemory: the web chat cannot tell when photos would fill it (set maxmemory, see docs/reliability.md)');
  }
  const prefix = config.redis.keyPrefix;
  const activityLog = new RedisActivityLog(redis, prefix, retentionSeconds, logger.child({ module: 'directline' }));
  await activityLog.ready();
  const sessions = new RedisSessions(redis, prefix, sessionLimits);
  return {
    redis,
    state: new RedisStateStore(redis, prefix, config.stateTtlSeconds, logger.child({ module: 'state' })),
    activityLog,
    files: new RedisFileStore(redis, prefix, config.stateTtlSeconds),
    queue: new RedisHandoffQueue(redis, prefix, retentionSeconds, logger.child({ module: 'handoff' })),
    notes: new RedisHandoffNotes(redis, prefix, retentionSeconds),
    feed: new RedisEventFeed(redis, prefix, `instance-${randomUUID()}`),
    contacts: new RedisContactStore(redis, prefix, config.stateTtlSeconds, DELIVERY_LEASE_SECONDS, contactIds),
    reminders: new RedisReminderStore(redis, prefix),
    stats: new RedisStats(redis, prefix, 1000, logger.child({ module: 'stats' })),
    selfCheckStats: new RedisSelfCheckStats(redis, prefix),
    limiter: new RedisRateLimiter(redis, prefix),
    uploadQuotas: new RedisQuotaStore(redis, prefix),
    sessions,
    pendingLogins: new RedisPendingLogins(redis, prefix),
    mediators: new RedisAccounts(redis, prefix, { endSessions: (territory, username) => sessions.endAll(territory, username) }),
    audit: new RedisAudit(redis, prefix),
    replies: new RedisReplyStore(redis, prefix),
    typing: new RedisTypingStore(redis, prefix),
    shortLinks: new RedisShortLinks(redis, prefix),
    outbox: new RedisOutbox(redis, prefix),
    smsBudget: new RedisSmsBudgetStore(redis, prefix),
    memoryWatch,
  };
}
