/**
 * The domain side of the composition root (src/app.ts): guides, strings, territories and their retention, the
 * stores (memory or Redis), reminders, metrics and the stats fan-out, erasure and the SMS budget. No dialog, no
 * channel, no route: the bot (app/bot.ts), the channels (app/channels.ts) and the mediator side (app/mediator.ts)
 * are built on these.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { setLogIdKey } from '../logger';
import { CONFIG_DIR, DIALOGS_DIR, LOCALES_DIR } from '../paths';
import { loadGuides, formatProblem } from '../guides/loader';
import type { GuideCatalog } from '../guides/catalog';
import { Strings } from '../i18n/strings';
import { createStores, type Stores } from '../stores';
import { TerritoryRegistry } from '../territories/registry';
import { Retention } from '../territories/retention';
import { SmsBudget } from '../territories/smsBudget';
import { ContactIds } from '../privacy/contactIds';
import type { EraserDeps } from '../privacy/erase';
import { keepingContacts, type ReminderStore } from '../reminders/store';
import { fanOut, type StatsEvents } from '../stats/recorder';
import { Metrics } from '../stats/metrics';
import type { AppOptions } from './options';

export interface Services {
  config: Config;
  logger: Logger;
  options: AppOptions;
  /** The app's clock (injected in tests). */
  now: () => number;
  catalog: GuideCatalog;
  strings: Strings;
  territories: TerritoryRegistry;
  retention: Retention;
  stores: Stores;
  /** The stores' reminders, keeping the citizen's messaging address until a little after each one's time. */
  reminders: ReminderStore;
  metrics: Metrics;
  /** Stats and metrics, one call for both. */
  events: StatsEvents;
  eraser: EraserDeps;
  /** The territories' monthly SMS budget. */
  smsBudget: SmsBudget;
}

export async function buildServices(config: Config, logger: Logger, options: AppOptions): Promise<Services> {
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
  const { queue, contacts, stats, memoryWatch } = stores;
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
    activityLog: stores.activityLog,
    files: stores.files,
    state: stores.state,
    botAddresses: () => ({
      sms: territories.list().flatMap((t) => t.channels.sms?.numbers ?? []),
      whatsapp: [...territories.list().flatMap((t) => t.channels.whatsapp?.phoneNumberIds ?? []), ...(config.whatsapp.phoneNumberId ? [config.whatsapp.phoneNumberId] : [])],
      telegram: territories.list().flatMap((t) => t.channels.telegram?.paths ?? []),
    }),
  };
  // The territories' monthly SMS budget (docs/sms-operators.md): every SMS counted, reminders stop at 100 %.
  const smsBudget = new SmsBudget({ store: stores.smsBudget, budgetOf: (t) => territories.get(t)?.sms?.monthlyBudget, logger: logger.child({ module: 'sms-budget' }), now });
  return { config, logger, options, now, catalog, strings, territories, retention, stores, reminders, metrics, events, eraser, smsBudget };
}
