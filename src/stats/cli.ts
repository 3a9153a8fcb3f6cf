/**
 * `pasapas report --territory ID --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json|coop-csv|coop-json]`: the
 * territory's report for the period, from the counters in Redis (the same REDIS_URL as the server); `coop-csv`
 * and `coop-json` give one row per accompaniment in the Coop de la médiation numérique's terms (docs/coop-report.md).
 */
import { join } from 'node:path';
import { redisConfig, withRedis, type CliIo } from '../cliConfig';
import { TerritoryRegistry } from '../territories/registry';
import { CONFIG_DIR, DIALOGS_DIR } from '../paths';
import { loadGuides } from '../guides/loader';
import { RedisStats, dayOf } from './recorder';
import { RedisSelfCheckStats } from '../selfcheck/stats';
import { buildReport, loadReportLabels, reportCsv } from './report';
import { buildCoopActivities, coopCsv } from './coop';
import type { RedisClient } from '../storage/redis';
import { RedisOutbox, SMS_OUTBOX_PROVIDERS } from '../channels/outbox/store';
import pino from 'pino';
import { SmsBudget } from '../territories/smsBudget';
import { RedisSmsBudgetStore } from '../territories/smsBudgetStore';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FORMATS = ['csv', 'json', 'coop-csv', 'coop-json'];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export interface ReportCliOptions {
  /** Mediators' display names for the Coop report (src/cli.ts gives the accounts'); else their usernames. */
  mediatorNames?: (redis: RedisClient, prefix: string) => (territory: string, mediatorId: string) => Promise<string | undefined>;
}

export async function runReportCli(args: string[], io: CliIo, options: ReportCliOptions = {}): Promise<number> {
  const config = redisConfig(io, 'report needs REDIS_URL (the same as the server): without it, counters live inside the server process (coordinators: GET /api/mediator/report).');
  if (!config) return 2;
  const territory = option(args, '--territory');
  const to = option(args, '--to') ?? dayOf(Date.now());
  const from = option(args, '--from') ?? `${to.slice(0, 8)}01`;
  const format = option(args, '--format') ?? 'csv';
  if (!territory) {
    io.err.write('--territory ID is required\n');
    return 2;
  }
  if (!DAY.test(from) || !DAY.test(to) || from > to) {
    io.err.write('--from and --to are days YYYY-MM-DD, from ≤ to\n');
    return 2;
  }
  if (!FORMATS.includes(format)) {
    io.err.write(`--format is ${FORMATS.join(', ')}\n`);
    return 2;
  }
  const territories = TerritoryRegistry.load(join(CONFIG_DIR, 'territories'), config.publicBaseUrl, { defaultTerritory: config.defaultTerritory });
  if (!territories.get(territory)) {
    io.err.write(`unknown territory "${territory}" (config/territories/)\n`);
    return 2;
  }
  const { catalog } = loadGuides(DIALOGS_DIR);
  return withRedis(config, async (redis) => {
    const prefix = config.redis.keyPrefix;
    const outbox = new RedisOutbox(redis, prefix);
    const view = { providers: SMS_OUTBOX_PROVIDERS, pending: (p: string) => outbox.pending(p), deadLetters: (p: string) => outbox.deadLetters(p) };
    const stats = new RedisStats(redis, prefix, 0);
    if (format.startsWith('coop-')) {
      const rows = await buildCoopActivities({ stats, catalog, nameOf: options.mediatorNames?.(redis, prefix) }, territory, from, to);
      io.out.write(format === 'coop-json' ? `${JSON.stringify(rows, null, 2)}\n` : coopCsv(rows, loadReportLabels('fr')));
      return 0;
    }
    const budget = new SmsBudget({ store: new RedisSmsBudgetStore(redis, prefix), budgetOf: (t) => territories.get(t)?.sms?.monthlyBudget, logger: pino({ level: 'silent' }), now: Date.now });
    const report = await buildReport({ stats, selfCheck: new RedisSelfCheckStats(redis, prefix), catalog, outbox: view, smsBudget: (t, month) => budget.monthOf(t, month) }, territory, from, to);
    io.out.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportCsv(report));
    return 0;
  });
}
