/**
 * Composition root: config → logger → redis → stores → guides → bot → adapter → server.
 * Everything is injected; tests build the same app with their own config.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { Config } from './config';
import { setLogIdKey } from './logger';
import { CONFIG_DIR, DIALOGS_DIR, LOCALES_DIR } from './paths';
import { loadGuides, formatProblem } from './guides/loader';
import { Strings } from './i18n/strings';
import { pingRedis, type RedisClient } from './storage/redis';
import type { TurnContext } from 'botbuilder';
import { createStores } from './stores';
import type { StateStore } from './storage/stateStore';
import { PasapasBot } from './bot/pasapasBot';
import { LeanAdapter } from './channels/leanAdapter';
import { capabilitiesOf } from './channels/capabilities';
import { HandoffDialog, type HandoffDeps } from './handoff/dialog';
import type { HandoffQueue } from './handoff/queue';
import { HandoffNotifier } from './handoff/notifier';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from './nlu/fuzzyRouter';
import type { IntentRouter } from './nlu/router';
import type { GuideCatalog } from './guides/catalog';
import { createServer } from './server';
import { warmUpRecognizers } from './nlu/choices';
import { TerritoryRegistry } from './territories/registry';
import type { ActivityLog } from './channels/directline/activityLog';
import { TokenService } from './channels/directline/tokens';
import { DirectLineService } from './channels/directline/service';
import { DirectLineStreams } from './channels/directline/stream';
import { UploadQuotas } from './channels/directline/uploadQuota';
import { mountWidget } from './widget/routes';
import { generatePassword, type MediatorAccounts } from './mediator/accounts';
import type { AuditLog } from './mediator/audit';
import { EventHub } from './mediator/eventHub';
import { mountMediatorApi } from './mediator/api';
import { mountRepliesRoutes } from './mediator/repliesRoutes';
import { mountTypingRoutes } from './mediator/typingRoutes';
import { CitizenTypingRelay } from './handoff/typing';
import { mountPhotoRoutes } from './mediator/photoRoutes';
import { mountNotesRoutes, noteViews } from './mediator/notesRoutes';
import { mountTransferRoutes } from './mediator/transferRoutes';
import { previousVisits } from './mediator/previousVisits';
import { mountClosedRoutes } from './mediator/closedRoutes';
import type { HandoffNotes } from './handoff/notes';
import { audioSources, photoSources } from './channels/photoSources';
import { mountConsole } from './mediator/consoleRoutes';
import { mountCoordinatorApi } from './mediator/coordinatorApi';
import { mountSmsBudgetRoute } from './mediator/smsBudgetRoute';
import { AccountAdmin } from './mediator/accountAdmin';
import { TwoFactor } from './mediator/twoFactor';
import { mountTwoFactorApi } from './mediator/twoFactorApi';
import { mountProConnect } from './mediator/proconnect';
import { mountAdmin } from './mediator/adminPage';
import { mediatorName } from './mediator/accounts';
import { buildCoopActivities } from './stats/coop';
import { buildDashboard } from './stats/dashboard';
import { ROOT } from './paths';
import type { ContactStore } from './channels/webhook/contacts';
import { ContactIds } from './privacy/contactIds';
import { reachabilityOf, type MessagingChannels } from './channels/messagingChannels';
import { mountChannels } from './channels/mountChannels';
import { keepingContacts, type ReminderStore } from './reminders/store';
import { ReminderScheduler } from './reminders/scheduler';
import { SmsBudget, reminderBudget } from './territories/smsBudget';
import { SelfCheckDialog } from './selfcheck/dialog';
import { conversationStateKey, eraseCitizen, userStateKey, type EraserDeps } from './privacy/erase';
import { Retention } from './territories/retention';
import { fanOut, type StatsStore } from './stats/recorder';
import { Metrics, mountMetrics } from './stats/metrics';
import { buildReport } from './stats/report';
import { SMS_OUTBOX_PROVIDERS } from './channels/outbox/store';
import { TERRITORY } from './conversation/keys';
import { citizenKeyFor, territoryOf } from './conversation/identity';
import { CallbackDialog } from './handoff/callbackDialog';
import { nationalFormat } from './handoff/callbackTime';
import { mountPrivacyPage, privacyPageUrl } from './privacy/page';
import { mountShortLinks } from './http/shortLinkRoute';
import type { SelfCheckStats } from './selfcheck/stats';
import { PlacesDialog } from './places/dialog';
import { defaultDirectory, readCommunesFile, type PlaceDirectory } from './places/index';
import { RefreshingDirectory } from './places/import/refresh';

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

export interface AppOptions {
  dialogsDir?: string;
  /** Guide ids of the numbered menu (default: config/menu.yaml). */
  menu?: string[];
  /** Folder of the built widget (default dist/public). */
  publicDir?: string;
  territoriesDir?: string;
  /** Create the demo mediator in the embedded default (default true). */
  demoMediator?: boolean;
  /** Run the handoff notifier on a timer (default true; tests may tick it by hand). */
  notifier?: boolean;
  now?: () => number;
  /** Help places (default: the committed index data/places/, loaded on first use). */
  places?: () => PlaceDirectory;
  /** Keep-alive (and session check) period of the mediators' event streams (default 15 s; tests shorten it). */
  mediatorEventsKeepAliveMs?: number;
  /** How addresses become ids (default: keyed with CONTACT_HASH_SECRET); the migration's tests write as the old version did. */
  contactIds?: ContactIds;
}

/** "+33555000000" → "05 55 00 00 00" (a territory's help line, said to citizens). */
function nationalPhone(e164: string | undefined): string | undefined {
  return e164 ? nationalFormat(e164) || undefined : undefined;
}

export function loadMenu(): string[] {
  const doc = parse(readFileSync(join(CONFIG_DIR, 'menu.yaml'), 'utf8')) as { menu?: string[] };
  return doc.menu ?? [];
}

export async function buildApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const { catalog, problems } = loadGuides(options.dialogsDir ?? DIALOGS_DIR);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`invalid guides (run pasapas validate):\n${errors.map(formatProblem).join('\n')}`);
  }
  const strings = Strings.load(LOCALES_DIR);

  // Checks every territory file and that DEFAULT_TERRITORY has one, before connecting anything.
  const territories = TerritoryRegistry.load(options.territoriesDir ?? join(CONFIG_DIR, 'territories'), config.publicBaseUrl, {
    defaultTerritory: config.defaultTerritory,
  });

  // Each territory's retention (retentionDays), else STATE_TTL_DAYS; every writer passes the territory's along.
  const retention = new Retention(
    config.stateTtlSeconds,
    new Map(territories.list().filter((t) => t.retentionDays).map((t) => [t.id, t.retentionDays! * 86_400])),
  );
  const now = options.now ?? Date.now;

  // Citizens' addresses appear in keys, records and logs only as hashes keyed with CONTACT_HASH_SECRET.
  const contactIds = options.contactIds ?? ContactIds.keyed(config.contactHash.secret);
  setLogIdKey(config.contactHash.secret);
  const stores = await createStores(config, { logger, retentionSeconds: retention.seconds, contactIds, clock: options.now });
  const { redis, state: store, activityLog, files, queue, feed, contacts, stats, selfCheckStats, memoryWatch } = stores;
  // A reminder keeps the citizen's messaging address until a little after its next time.
  const reminders: ReminderStore = keepingContacts(stores.reminders, (r) => contacts.keep(r.reference.user?.id ?? '', Math.ceil((r.due - now()) / 1000) + 14 * 86_400));
  const metrics = new Metrics(queue, () => territories.list().map((t) => t.id), now);
  if (memoryWatch) {
    const watch = memoryWatch;
    metrics.trackRedisMemory(() => watch.current());
  }
  const events = fanOut([stats, metrics], logger.child({ module: 'stats' }));
  const eraser: EraserDeps = {
    territories: () => territories.list().map((t) => t.id),
    queue,
    reminders,
    contacts,
    activityLog,
    files,
    state: store,
    botAddresses: () => ({
      sms: territories.list().flatMap((t) => t.channels.sms?.numbers ?? []),
      whatsapp: [...territories.list().flatMap((t) => t.channels.whatsapp?.phoneNumberIds ?? []), ...(config.whatsapp.phoneNumberId ? [config.whatsapp.phoneNumberId] : [])],
      telegram: territories.list().flatMap((t) => t.channels.telegram?.paths ?? []),
    }),
  };
  const router: IntentRouter = new FuzzyRouter(catalog, join(options.dialogsDir ?? DIALOGS_DIR, SYSTEM_INTENTS_FILE));
  const helpPhone = (id: string) => nationalPhone(territories.get(id)?.helpPhone);
  // Booking links on SMS: through our own domain, /r/<id> (src/places/shortLinks.ts, src/http/shortLinkRoute.ts).
  const shortLink = (ctx: TurnContext, url: string) =>
    stores.shortLinks.save({ url, territory: territoryOf(ctx, config.defaultTerritory) }).then((id) => `${config.publicBaseUrl}/r/${id}`);
  const handoffDeps: HandoffDeps = {
    queue,
    territories,
    strings,
    defaultTerritory: config.defaultTerritory,
    now,
    guideTitle: (id, locale) => catalog.get(id)?.guide.title[locale],
    stepTitle: (id, stepId, locale) => {
      const step = catalog.get(id)?.stepById.get(stepId);
      return (step?.title ?? step?.text)?.[locale].slice(0, 80);
    },
    helpPhone,
    stats: events,
    shortLink,
  };
  // PLACES_REFRESH: the committed index first, then the national API's on a timer (docs/places.md).
  const placesRefresh =
    config.places.refreshMs > 0 && !options.places
      ? new RefreshingDirectory({
          cartographieUrl: config.places.apiUrl,
          dataInclusion: config.places.dataInclusion ?? undefined,
          periodMs: config.places.refreshMs,
          initial: defaultDirectory,
          communes: () => readCommunesFile(),
          logger: logger.child({ module: 'places' }),
          now,
        })
      : null;
  const bot = new PasapasBot({
    storage: store,
    catalog,
    strings,
    handoff: new HandoffDialog(handoffDeps),
    callback: new CallbackDialog(handoffDeps),
    places: new PlacesDialog({
      directory: options.places ?? (placesRefresh ? () => placesRefresh.directory() : defaultDirectory),
      strings,
      now,
      onError: (err) => logger.error({ err }, 'places index unavailable'),
      onLookup: (ctx, found) => {
        events.placesLookup(territoryOf(ctx, config.defaultTerritory), found, now()).catch((err: unknown) => logger.warn({ err }, 'places lookup not counted'));
      },
      shortLink,
    }),
    defaultTerritory: config.defaultTerritory,
    helpPhone,
    router,
    menu: options.menu ?? loadMenu(),
    defaultLocale: config.defaultLocale,
    retention: retention.seconds,
    resumeAfterMs: config.resumeAfterMs,
    logger: logger.child({ module: 'bot' }),
    now: options.now,
    reminders,
    selfCheck: new SelfCheckDialog(strings, catalog, selfCheckStats, now),
    erase: (who) => eraseCitizen(eraser, who),
    stats: events,
    privacyUrl: (id) => territories.get(id)?.privacyUrl ?? privacyPageUrl(config.publicBaseUrl, id, config.defaultTerritory),
  });
  const adapter = new LeanAdapter((ctx) => bot.run(ctx));
  // Turn count and latency by channel, for /metrics.
  adapter.use({
    onTurn: async (ctx, next) => {
      if (ctx.activity.type !== 'message') return next();
      const started = process.hrtime.bigint();
      await next();
      const territory = TERRITORY.get(ctx) ?? config.defaultTerritory;
      metrics.observeTurn(ctx.activity.channelId ?? 'unknown', territory, Number(process.hrtime.bigint() - started) / 1e9);
    },
  });

  const server = createServer({
    config,
    logger: logger.child({ module: 'server' }),
    bot,
    ready: async () => {
      if (redis) await pingRedis(redis);
      return { warnings: memoryWatch ? await memoryWatch.warnings().catch(() => []) : [] };
    },
  });
  const tokens = new TokenService(config.directLine.tokenSecret, config.directLine.tokenTtlSeconds, options.now);
  if (config.directLine.tokenSecretIsEphemeral) {
    logger.warn('DIRECTLINE_TOKEN_SECRET not set: web chat tokens are valid on this instance only, until it restarts');
  }
  const citizenTyping = new CitizenTypingRelay({ queue, store: stores.typing, now });
  const directLine = new DirectLineService({
    log: activityLog,
    files,
    tokens,
    adapter,
    territories,
    publicBaseUrl: config.publicBaseUrl,
    logger: logger.child({ module: 'directline' }),
    now: options.now,
    retention: retention.seconds,
    typingDelayMs: config.webChatTypingDelayMs,
    // "Terminer et effacer": what "effacer mes données" erases, and the bot's state of that conversation.
    // The citizen typing in the widget: "La personne écrit…" in the console of the mediator who has their handoff.
    onTyping: async ({ territory, userId }) => citizenTyping.typed(territory, citizenKeyFor('directline', userId)),
    eraseCitizen: async ({ conversationId, userId }) => {
      await eraseCitizen(eraser, { channelId: 'directline', userId, conversationId, citizenKey: citizenKeyFor('directline', userId) });
      await store.delete([conversationStateKey('directline', conversationId), userStateKey('directline', userId)]);
    },
  });
  const streams = new DirectLineStreams(activityLog, tokens, logger.child({ module: 'directline-stream' }), {
    ...config.webChatSockets,
    trustProxy: config.trustProxyHops,
  });
  // The territories' monthly SMS budget (docs/sms-operators.md): every SMS counted, reminders stop at 100 %.
  const smsBudget = new SmsBudget({ store: stores.smsBudget, budgetOf: (t) => territories.get(t)?.sms?.monthlyBudget, logger: logger.child({ module: 'sms-budget' }), now });
  // Every channel of src/channels/registry.ts, by the one loop; the web chat and the HTTP API get their services here.
  const messaging = mountChannels({
    config,
    server,
    adapter,
    contacts,
    strings,
    territories,
    logger,
    now,
    retention: retention.seconds,
    outbox: stores.outbox,
    smsBudget,
    own: {
      directline: {
        routes: {
          service: directLine,
          tokens,
          territories,
          uploadMaxBytes: config.directLine.uploadMaxBytes,
          refreshGraceSeconds: config.directLine.refreshGraceSeconds,
          logger: logger.child({ module: 'directline' }),
          limiter: stores.limiter,
          limits: config.webChatLimits,
          trustProxy: config.trustProxyHops,
          now,
          quotas: new UploadQuotas(stores.uploadQuotas, config.webChatUploads),
          storageFull: memoryWatch?.full.bind(memoryWatch),
          uploadEvents: metrics,
        },
        streams,
        adapter,
        activityLog,
        now,
      },
      http: { adapter, token: config.httpChannelToken },
    },
  });
  const { sessions, mediators, audit, notes } = stores;
  const hub = new EventHub(queue, 25, logger.child({ module: 'mediator-events' }));
  const twoFactor = new TwoFactor({ accounts: mediators, required: (t) => territories.get(t)?.security.require2fa ?? false });
  const mediatorKit = mountMediatorApi(server, {
    twoFactor,
    accounts: mediators,
    sessions,
    limiter: stores.limiter,
    audit,
    queue,
    hub,
    territories,
    production: config.production,
    publicBaseUrl: config.publicBaseUrl,
    eventsKeepAliveMs: options.mediatorEventsKeepAliveMs,
    idleTimeoutSeconds: config.mediatorIdleSeconds,
    now,
    logger: logger.child({ module: 'mediator' }),
    reachability: (reference) => reachabilityOf(messaging, reference),
    detail: { notes: async (territory, id) => noteViews(await notes.list(territory, id)), previous: (territory, record) => previousVisits(queue, territory, record) },
    // The hop count (TRUST_PROXY=N): clientIp takes it, but src/mediator/api.ts still types this option as a
    // boolean — with `true` the login limiter would take the wrong address behind 2+ proxies. Its owner widens the type.
    trustProxy: config.trustProxyHops,
    report: (territory, from, to) =>
      buildReport(
        { stats, selfCheck: selfCheckStats, catalog, outbox: { providers: SMS_OUTBOX_PROVIDERS, pending: (p) => stores.outbox.pending(p), deadLetters: (p) => stores.outbox.deadLetters(p) }, smsBudget: (t, month) => smsBudget.monthOf(t, month) },
        territory,
        from,
        to,
      ),
  });
  mountRepliesRoutes(server, mediatorKit, { replies: stores.replies, audit, now });
  mountTypingRoutes(server, mediatorKit, {
    queue,
    typing: stores.typing,
    now,
    // Ephemeral, to every instance holding the citizen's socket; never stored in the conversation.
    mediatorTyping: async (ref) => {
      const conversationId = ref.conversation?.id;
      if (ref.channelId !== 'directline' || !conversationId) return;
      await activityLog.announce({ conversationId, kind: 'typing', from: 'mediator', activityId: `${conversationId}|${randomUUID().slice(0, 8)}`, timestamp: new Date(now()).toISOString() });
    },
  });
  mountSmsBudgetRoute(server, mediatorKit, (territory) => smsBudget.status(territory));
  mountCoordinatorApi(server, mediatorKit, {
    now,
    admin: new AccountAdmin({ accounts: mediators, audit, now, setPresence: (t, id, on, ttl, at) => queue.setPresence(t, id, on, ttl, at), endSessions: (t, u) => sessions.endAll(t, u) }),
    twoFactor,
    audit,
    queue,
    dashboard: (territory, from, to) => buildDashboard({ stats, selfCheck: selfCheckStats, catalog }, territory, from, to),
    coopActivities: (territory, from, to) => buildCoopActivities({ stats, catalog, nameOf: mediatorName(mediators) }, territory, from, to),
  });
  mountNotesRoutes(server, mediatorKit, { queue, notes, audit, now });
  mountClosedRoutes(server, mediatorKit, { queue });
  mountTransferRoutes(server, mediatorKit, { queue, notes, accounts: mediators, territories, audit, now });
  mountPhotoRoutes(server, mediatorKit, { queue, audit, photo: photoSources(config, territories, files), audio: audioSources(config, territories), now, logger: logger.child({ module: 'mediator' }) });
  mountConsole(server, {
    publicDir: options.publicDir ?? join(ROOT, 'dist', 'public'),
    idleTimeoutSeconds: config.mediatorIdleSeconds,
    proconnect: config.proconnect ? territories.list().filter((t) => t.security.proconnect).map((t) => t.id) : [],
  });
  mountTwoFactorApi(server, mediatorKit, { twoFactor, sessions, audit, now });
  if (config.proconnect) {
    mountProConnect(server, { config: config.proconnect, accounts: mediators, sessions, audit, pending: stores.pendingLogins, limiter: stores.limiter, trustProxy: config.trustProxyHops, territories, production: config.production, now, logger: logger.child({ module: 'proconnect' }) });
  }
  mountAdmin(server, { publicDir: options.publicDir ?? join(ROOT, 'dist', 'public') });
  let demoLogin: App['demoLogin'];
  if (!config.redis && !config.production && options.demoMediator !== false) {
    demoLogin = { territory: 'demo', username: 'demo', password: generatePassword() };
    await mediators.add({ ...demoLogin, name: 'Médiatrice de démonstration', role: 'coordinateur', demo: true });
  }
  mountShortLinks(server, { links: stores.shortLinks, stats: events, now, logger: logger.child({ module: 'links' }) });
  mountPrivacyPage(server, { strings, territories, retentionDays: retention.days, defaultLocale: config.defaultLocale });
  mountWidget(server, { territories, publicDir: options.publicDir ?? join(ROOT, 'dist', 'public'), locale: config.defaultLocale });

  await feed.init(territories.list().map((t) => t.id));
  const notifier = new HandoffNotifier({ queue, feed, adapter, smsLike: (channel) => capabilitiesOf(channel).sms, strings, territories, logger: logger.child({ module: 'handoff' }), now, stats: events });
  if (!mountMetrics(server, metrics, config.metricsToken, config.production)) logger.info('GET /metrics disabled (production without METRICS_TOKEN)');
  if (options.notifier !== false) notifier.start();
  const reminderScheduler = new ReminderScheduler({ store: reminders, adapter, strings, logger: logger.child({ module: 'reminders' }), now, budget: reminderBudget(smsBudget) });
  if (options.notifier !== false) reminderScheduler.start();
  if (options.notifier !== false) placesRefresh?.start();

  if (config.warmupRecognizers) warmUpRecognizers();
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
