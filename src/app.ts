/**
 * Composition root: config → logger → redis → stores → guides → bot → adapter → server.
 * Everything is injected; tests build the same app with their own config. The parts are built in src/app/:
 * the domain services (`services.ts`), the bot and its dialogs (`bot.ts`), the server and the channels
 * (`channels.ts`), the mediator side (`mediator.ts`); this module puts them together, mounts the public pages,
 * starts the background work and owns the shutdown.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from './config';
import { ROOT } from './paths';
import type { Strings } from './i18n/strings';
import type { RedisClient } from './storage/redis';
import type { StateStore } from './storage/stateStore';
import type { PasapasBot } from './bot/pasapasBot';
import type { LeanAdapter } from './channels/leanAdapter';
import { capabilitiesOf } from './channels/capabilities';
import type { HandoffQueue } from './handoff/queue';
import { HandoffNotifier } from './handoff/notifier';
import type { GuideCatalog } from './guides/catalog';
import { warmUpRecognizers } from './nlu/warmUp';
import { warmUpCallbackTimes } from './handoff/callbackTime';
import type { TerritoryRegistry } from './territories/registry';
import type { ActivityLog } from './channels/directline/activityLog';
import type { DirectLineStreams } from './channels/directline/stream';
import { mountWidget } from './widget/routes';
import type { MediatorAccounts } from './mediator/accounts';
import type { AuditLog } from './mediator/audit';
import type { HandoffNotes } from './handoff/notes';
import type { ContactStore } from './channels/webhook/contacts';
import type { MessagingChannels } from './channels/messagingChannels';
import type { ReminderStore } from './reminders/store';
import { ReminderScheduler } from './reminders/scheduler';
import { reminderBudget, type SmsBudget } from './territories/smsBudget';
import type { StatsStore } from './stats/recorder';
import { mountMetrics, type Metrics } from './stats/metrics';
import { mountPrivacyPage } from './privacy/page';
import { mountShortLinks } from './http/shortLinkRoute';
import type { SelfCheckStats } from './selfcheck/stats';
import { defaultDirectory } from './places/index';
import type { RefreshingDirectory } from './places/import/refresh';
import type { AppOptions } from './app/options';
import { buildServices } from './app/services';
import { buildBot } from './app/bot';
import { buildChannels } from './app/channels';
import { mountMediatorSide } from './app/mediator';

export type { AppOptions } from './app/options';
export { loadMenu } from './app/bot';

export interface App {
  config: Config;
  logger: Logger;
  redis: RedisClient | null;
  store: StateStore;
  catalog: GuideCatalog;
  strings: Strings;
  bot: PasapasBot;
  adapter: LeanAdapter;
  server: Server;
  territories: TerritoryRegistry;
  activityLog: ActivityLog;
  streams: DirectLineStreams;
  queue: HandoffQueue;
  /** Mediators' internal notes on handoffs. */
  notes: HandoffNotes;
  notifier: HandoffNotifier;
  /** The app's clock (injected in tests). */
  now: () => number;
  mediators: MediatorAccounts;
  audit: AuditLog;
  contacts: ContactStore;
  messaging: MessagingChannels;
  reminders: ReminderStore;
  reminderScheduler: ReminderScheduler;
  /** The territories' monthly SMS budget. */
  smsBudget: SmsBudget;
  /** PLACES_REFRESH on: the index refreshed from the national API (null: the committed index only). */
  placesRefresh: RefreshingDirectory | null;
  selfCheckStats: SelfCheckStats;
  stats: StatsStore;
  metrics: Metrics;
  /** The demo mediator's login in the embedded default (printed at startup). */
  demoLogin?: { territory: string; username: string; password: string };
  close(): Promise<void>;
}

export async function buildApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const services = await buildServices(config, logger, options);
  const { now, catalog, strings, territories, retention, stores, reminders, metrics, events, smsBudget } = services;
  const { redis, state: store, activityLog, queue, feed, contacts, stats, selfCheckStats, mediators, audit, notes } = stores;
  const { bot, adapter, placesRefresh } = buildBot(services);
  const { server, streams, messaging } = buildChannels(services, { bot, adapter });
  const { hub, demoLogin } = await mountMediatorSide(services, server, messaging);
  mountShortLinks(server, { links: stores.shortLinks, stats: events, now, strings, logger: logger.child({ module: 'links' }) });
  mountPrivacyPage(server, { strings, territories, retentionDays: retention.days, defaultLocale: config.defaultLocale });
  mountWidget(server, { territories, publicDir: options.publicDir ?? join(ROOT, 'dist', 'public'), locale: config.defaultLocale });

  await feed.init(territories.list().map((t) => t.id));
  const notifier = new HandoffNotifier({ queue, feed, adapter, smsLike: (channel) => capabilitiesOf(channel).sms, strings, territories, logger: logger.child({ module: 'handoff' }), now, stats: events });
  if (!mountMetrics(server, metrics, config.metricsToken, config.production)) logger.info('GET /metrics disabled (production without METRICS_TOKEN)');
  if (options.notifier !== false) notifier.start();
  const reminderScheduler = new ReminderScheduler({ store: reminders, adapter, strings, logger: logger.child({ module: 'reminders' }), now, budget: reminderBudget(smsBudget) });
  if (options.notifier !== false) reminderScheduler.start();
  if (options.notifier !== false) placesRefresh?.start();

  if (config.warmupRecognizers) {
    const t0 = Date.now();
    warmUpRecognizers();
    warmUpCallbackTimes();
    logger.info({ ms: Date.now() - t0 }, 'answer recognizers ready');
  }
  // Same idea for the help places index (~0.2 s of blocking work that the first citizen would wait for).
  if (config.warmupRecognizers && !options.places) {
    setImmediate(() => {
      try {
        defaultDirectory();
      } catch (err) {
        logger.error({ err }, 'places index unavailable');
      }
    });
  }

  return {
    config,
    logger,
    redis,
    store,
    catalog,
    strings,
    bot,
    adapter,
    server,
    territories,
    activityLog,
    streams,
    queue,
    notes,
    notifier,
    now,
    mediators,
    audit,
    contacts,
    messaging,
    reminders,
    reminderScheduler,
    smsBudget,
    placesRefresh,
    selfCheckStats,
    stats,
    metrics,
    demoLogin,
    async close() {
      // Graceful shutdown (docs/reliability.md): stop accepting; web chat sockets (1001) and mediator
      // event streams end so clients reconnect to another instance; turns in flight finish (Redis is
      // still there) within SHUTDOWN_GRACE_MS, then their connections are cut; then background work and Redis.
      const http = server.server;
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      const idle = setInterval(() => http.closeIdleConnections(), 50);
      const cut = setTimeout(() => http.closeAllConnections(), config.reliability.shutdownGraceMs);
      hub.close();
      await streams.close();
      await drained;
      clearInterval(idle);
      clearTimeout(cut);
      await notifier.stop();
      await reminderScheduler.stop();
      await messaging.close();
      placesRefresh?.stop();
      await stats.close?.();
      await activityLog.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
