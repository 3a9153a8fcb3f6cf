/**
 * The mediator side, for the composition root (src/app.ts): the mediators' API and its route modules on one
 * kit, the event hub, two-factor sign-in and ProConnect, the console and the coordinators' page, and the demo
 * mediator of the embedded default.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Server } from 'restify';
import { ROOT } from '../paths';
import { reachabilityOf, type MessagingChannels } from '../channels/messagingChannels';
import { SMS_OUTBOX_PROVIDERS } from '../channels/outbox/store';
import { audioSources, photoSources } from '../channels/photoSources';
import { generatePassword, mediatorName } from '../mediator/accounts';
import { EventHub } from '../mediator/eventHub';
import { mountMediatorApi } from '../mediator/api';
import { mountRepliesRoutes } from '../mediator/repliesRoutes';
import { mountTypingRoutes } from '../mediator/typingRoutes';
import { mountPhotoRoutes } from '../mediator/photoRoutes';
import { mountNotesRoutes, noteViews } from '../mediator/notesRoutes';
import { mountTransferRoutes } from '../mediator/transferRoutes';
import { previousVisits } from '../mediator/previousVisits';
import { mountClosedRoutes } from '../mediator/closedRoutes';
import { mountConsole } from '../mediator/consoleRoutes';
import { mountCoordinatorApi } from '../mediator/coordinatorApi';
import { mountSmsBudgetRoute } from '../mediator/smsBudgetRoute';
import { AccountAdmin } from '../mediator/accountAdmin';
import { TwoFactor } from '../mediator/twoFactor';
import { mountTwoFactorApi } from '../mediator/twoFactorApi';
import { mountProConnect } from '../mediator/proconnect';
import { mountAdmin } from '../mediator/adminPage';
import { buildCoopActivities } from '../stats/coop';
import { buildDashboard } from '../stats/dashboard';
import { buildReport } from '../stats/report';
import type { Services } from './services';

export interface MediatorSide {
  /** The mediators' event streams (closed on shutdown). */
  hub: EventHub;
  /** The demo mediator's login in the embedded default (printed at startup). */
  demoLogin?: { territory: string; username: string; password: string };
}

export async function mountMediatorSide(services: Services, server: Server, messaging: MessagingChannels): Promise<MediatorSide> {
  const { config, logger, options, now, catalog, territories, stores, smsBudget } = services;
  const { sessions, mediators, audit, notes, queue, stats, selfCheckStats, activityLog, files } = stores;
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
  let demoLogin: MediatorSide['demoLogin'];
  if (!config.redis && !config.production && options.demoMediator !== false) {
    demoLogin = { territory: 'demo', username: 'demo', password: generatePassword() };
    await mediators.add({ ...demoLogin, name: 'Médiatrice de démonstration', role: 'coordinateur', demo: true });
  }
  return { hub, demoLogin };
}
