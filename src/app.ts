/**
 * Composition root: config → logger → redis → stores → guides → bot → adapter → server.
 * Everything is injected; tests build the same app with their own config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { Server } from 'restify';
import type { Config } from './config';
import { CONFIG_DIR, DIALOGS_DIR, LOCALES_DIR } from './paths';
import { loadGuides, formatProblem } from './guides/loader';
import { Strings } from './i18n/strings';
import { createRedis } from './storage/redis';
import { RedisStateStore } from './storage/redisStore';
import { MemoryStateStore } from './storage/memoryStore';
import type { StateStore } from './storage/stateStore';
import { PasapasBot } from './bot/pasapasBot';
import { LeanAdapter } from './channels/leanAdapter';
import { UnavailableHandoff } from './handoff/hook';
import { KeywordRouter } from './nlu/keywordRouter';
import type { IntentRouter } from './nlu/router';
import type { GuideCatalog } from './guides/catalog';
import { createServer } from './server';
import { warmUpRecognizers } from './nlu/choices';

export interface App {
  config: Config;
  logger: Logger;
  redis: Redis | null;
  store: StateStore;
  catalog: GuideCatalog;
  strings: Strings;
  bot: PasapasBot;
  adapter: LeanAdapter;
  server: Server;
  close(): Promise<void>;
}

export interface AppOptions {
  dialogsDir?: string;
  /** Guide ids of the numbered menu (default: config/menu.yaml). */
  menu?: string[];
  now?: () => number;
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

  let redis: Redis | null = null;
  let store: StateStore;
  if (config.redis) {
    redis = createRedis(config.redis.url, logger.child({ module: 'redis' }));
    await redis.connect();
    store = new RedisStateStore(redis, config.redis.keyPrefix, config.stateTtlSeconds, logger.child({ module: 'state' }));
  } else {
    store = new MemoryStateStore(config.stateTtlSeconds, options.now);
  }

  const router: IntentRouter = new KeywordRouter(catalog);
  const bot = new PasapasBot({
    storage: store,
    catalog,
    strings,
    handoff: new UnavailableHandoff(strings),
    router,
    menu: options.menu ?? loadMenu(),
    defaultLocale: config.defaultLocale,
    retentionDays: Math.round(config.stateTtlSeconds / 86400),
    resumeAfterMs: config.resumeAfterMs,
    logger: logger.child({ module: 'bot' }),
    now: options.now,
  });
  const adapter = new LeanAdapter((ctx) => bot.run(ctx));
  const server = createServer({
    config,
    logger: logger.child({ module: 'server' }),
    adapter,
    bot,
    ready: async () => {
      if (redis) await redis.ping();
    },
  });
  if (config.warmupRecognizers) warmUpRecognizers();

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
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
