/**
 * The bot and its dialogs, for the composition root (src/app.ts): the intent router, the handoff, callback,
 * places and self-check dialogs over the domain services (app/services.ts), the bot composing them, and the
 * lean adapter that runs its turns (with the turn metrics).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { TurnContext } from 'botbuilder';
import { CONFIG_DIR, DIALOGS_DIR } from '../paths';
import { PasapasBot } from '../bot/pasapasBot';
import { RememberedRouter } from '../bot/rememberedRouter';
import { LeanAdapter } from '../channels/leanAdapter';
import { HandoffDialog, type HandoffDeps } from '../handoff/dialog';
import { CallbackDialog } from '../handoff/callbackDialog';
import { nationalFormat } from '../handoff/callbackTime';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../nlu/fuzzyRouter';
import type { IntentRouter } from '../nlu/router';
import { contextSignals, type ContextKind } from '../nlu/contextSignals';
import { plainText } from '../nlu/plainText';
import { detectSignals } from '../nlu/signals';
import { SelfCheckDialog } from '../selfcheck/dialog';
import { eraseCitizen } from '../privacy/erase';
import { privacyPageUrl } from '../privacy/page';
import { TERRITORY } from '../conversation/keys';
import { territoryOf } from '../conversation/identity';
import { PlacesDialog } from '../places/dialog';
import { defaultDirectory, readCommunesFile } from '../places/index';
import { RefreshingDirectory } from '../places/import/refresh';
import type { Services } from './services';

export interface BotSide {
  bot: PasapasBot;
  adapter: LeanAdapter;
  /** PLACES_REFRESH on: the index refreshed from the national API (null: the committed index only). */
  placesRefresh: RefreshingDirectory | null;
}

/** "+33555000000" → "05 55 00 00 00" (a territory's help line, said to citizens). */
function nationalPhone(e164: string | undefined): string | undefined {
  return e164 ? nationalFormat(e164) || undefined : undefined;
}

export function loadMenu(): string[] {
  const doc = parse(readFileSync(join(CONFIG_DIR, 'menu.yaml'), 'utf8')) as { menu?: string[] };
  return doc.menu ?? [];
}

export function buildBot(services: Services): BotSide {
  const { config, logger, options, now, catalog, strings, territories, retention, stores, reminders, metrics, events, eraser } = services;
  // Short messages' readings remembered (the same few words make most turns): src/bot/rememberedRouter.ts.
  const router: IntentRouter = new RememberedRouter(new FuzzyRouter(catalog, join(options.dialogsDir ?? DIALOGS_DIR, SYSTEM_INTENTS_FILE)));
  const helpPhone = (id: string) => nationalPhone(territories.get(id)?.helpPhone);
  // Booking links on SMS: through our own domain, /r/<id> (src/places/shortLinks.ts, src/http/shortLinkRoute.ts).
  const shortLink = (ctx: TurnContext, url: string) =>
    stores.shortLinks.save({ url, territory: territoryOf(ctx, config.defaultTerritory) }).then((id) => `${config.publicBaseUrl}/r/${id}`);
  // A formality named while a person is arranged: only when the router is sure (a story is no topic).
  const TOPIC_SCORE = 0.8;
  const TOLD = new Set<ContextKind>(['unpaid', 'letter', 'document']);
  const handoffDeps: HandoffDeps = {
    queue: stores.queue,
    territories,
    strings,
    defaultTerritory: config.defaultTerritory,
    now,
    guideTitle: (id, locale) => catalog.get(id)?.guide.title[locale],
    topicOf: (text, locale) => {
      // A payment stopped, a letter, a certificate: a problem told, not the application its words name.
      if (contextSignals(plainText(text)).some(([kind]) => TOLD.has(kind))) return {};
      // The same in English ("my pension has not been paid"): the unpaid signal, read in both languages.
      if (detectSignals(text).some((s) => s.kind === 'unpaid' && s.strength === 'strong')) return {};
      const r = router.route(text, locale);
      return r.intent !== 'none' && r.score >= TOPIC_SCORE && catalog.get(r.intent) ? { guideId: r.intent } : undefined;
    },
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
    storage: stores.state,
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
    selfCheck: new SelfCheckDialog(strings, catalog, stores.selfCheckStats, now),
    erase: (who) => eraseCitizen(eraser, who),
    stats: events,
    privacyUrl: (id) => territories.get(id)?.privacyUrl ?? privacyPageUrl(config.publicBaseUrl, id, config.defaultTerritory),
  });
  // The channels that wait for Redis before a turn read its states in that same round trip (readStatesAhead).
  const adapter = new LeanAdapter((ctx) => bot.run(ctx), stores.state);
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
  return { bot, adapter, placesRefresh };
}
