#!/usr/bin/env node
/**
 * pasapas — command line: serve | chat | validate | schema.
 * The CLI is the one place that prints to the terminal; the server logs through pino.
 */
import { DIALOGS_DIR, LOCALES_DIR, CONFIG_DIR } from './paths';
import { validateProject } from './cli/validate';
import { formatProblem } from './guides/loader';
import { guideJsonSchema } from './guides/schema';
import { territoryJsonSchema } from './territories/schema';

const USAGE = `pasapas <command>

  serve                 run the bot server (HTTP channels)
  chat [--locale en]    talk to the bot in the terminal (reads one line per turn when piped)
  validate [--dialogs DIR] [--territories DIR]
                        check every guide (default dialogs/), the locale files and the territory
                        files (default config/territories/)
  understand [--locale fr]  one utterance per line on stdin → one JSON line: intent, score, alternatives
  eval-nlu              accuracy of the free-text router on test/nlu/*.yaml (top-1, top-3, confusions)
  eval-conversation [--part tune|heldout|all] [--category C] [--verbose] [--json] [--min-heldout 0.95]
                        multi-turn cases of test/eval/conversation/: pass rate per category and part
  mediator add --territory ID --name NAME [--username U] [--role coordinateur]
  mediator list --territory ID | mediator remove --territory ID --username U
  mediator set-role --territory ID --username U --role mediateur|coordinateur
  schema [--territories]  print the JSON Schema of a guide file (or of a territory file)
  export-guides --format html --out DIR [--dialogs DIR] [--locale fr|en]
                        one printable HTML sheet per guide, and an index.html
  report --territory ID [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json]
                        a territory's guides, drop-outs, handoffs, outcomes, waits (needs REDIS_URL)
  purge [--dry-run]     give the retention period to any personal-data key that lost its expiry,
                        trim old events (needs REDIS_URL)
  migrate-contacts [--dry-run]
                        move keys written before CONTACT_HASH_SECRET to the keyed contact ids
                        (needs REDIS_URL and CONTACT_HASH_SECRET; docs/privacy.md)
  import-places [--source files|api] [--data ../shared/data] [--out data/places]
                        open data (files) or the national API (api) on help places → the index (counts per source)
  rdv-links <département|CN>
                        public booking links of RDV Service Public (for a territory's bookingUrl)
`;

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runCli(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate': {
      const dirIdx = rest.indexOf('--dialogs');
      const dialogs = dirIdx >= 0 && rest[dirIdx + 1] ? rest[dirIdx + 1] : DIALOGS_DIR;
      const terrIdx = rest.indexOf('--territories');
      const territories = terrIdx >= 0 && rest[terrIdx + 1] ? rest[terrIdx + 1] : undefined;
      const problems = validateProject({ dialogs, locales: LOCALES_DIR, config: CONFIG_DIR, territories });
      for (const p of problems) io.out.write(`${formatProblem(p)}\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.length - errors;
      io.err.write(`validate: ${errors} error(s), ${warnings} warning(s)\n`);
      return errors > 0 ? 1 : 0;
    }
    case 'build-widget': {
      const { buildWidget } = await import('./widget/build');
      const r = await buildWidget();
      io.out.write(`widget: ${r.files.join(', ')} → ${r.dir}\n`);
      return 0;
    }
    case 'purge': {
      const { runPurgeCli } = await import('./privacy/cli');
      return runPurgeCli(rest, { out: io.out, err: io.err });
    }
    case 'migrate-contacts': {
      const { runMigrateContactsCli } = await import('./privacy/cli');
      return runMigrateContactsCli(rest, { out: io.out, err: io.err });
    }
    case 'report': {
      const { runReportCli } = await import('./stats/cli');
      const { RedisAccounts, mediatorName } = await import('./mediator/accounts');
      return runReportCli(rest, { out: io.out, err: io.err }, { mediatorNames: (redis, prefix) => mediatorName(new RedisAccounts(redis, prefix)) });
    }
    case 'mediator': {
      const { runMediatorCli } = await import('./mediator/cli');
      return runMediatorCli(rest, { out: io.out, err: io.err, input: process.stdin });
    }
    case 'understand': {
      const { runUnderstand } = await import('./cli/understand');
      return runUnderstand(rest, process.stdin, io.out);
    }
    case 'eval-nlu': {
      const { runEvalCli } = await import('./cli/evalNlu');
      return runEvalCli(rest);
    }
    case 'eval-conversation': {
      const { runEvalConversationCli } = await import('./eval/conversation');
      return runEvalConversationCli(rest, { out: io.out, err: io.err });
    }
    case 'import-places': {
      const { runImportPlaces } = await import('./places/import/cli');
      const cfg = rest.includes('api') ? (await import('./config')).loadConfig() : undefined;
      if (cfg && !cfg.ok) {
        io.err.write(`configuration errors:\n${cfg.errors.map((e: string) => `  ${e}`).join('\n')}\n`);
        return 2;
      }
      return runImportPlaces(rest, io.out, io.err, cfg?.ok ? cfg.config.places : undefined);
    }
    case 'rdv-links': {
      const cfg = (await import('./config')).loadConfig();
      if (!cfg.ok) {
        io.err.write(`configuration errors:\n${cfg.errors.map((e: string) => `  ${e}`).join('\n')}\n`);
        return 2;
      }
      const { runRdvLinks } = await import('./places/import/rdvLinks');
      return runRdvLinks(rest, cfg.config.places.rdvServicePublicUrl, io.out, io.err);
    }
    case 'export-guides': {
      const { runExportGuidesCli } = await import('./guides/export');
      return runExportGuidesCli(rest, io, { dialogs: DIALOGS_DIR, locales: LOCALES_DIR });
    }
    case 'schema':
      io.out.write(`${JSON.stringify(rest.includes('--territories') ? territoryJsonSchema() : guideJsonSchema(), null, 2)}\n`);
      return 0;
    case 'serve': {
      const { start } = await import('./main');
      const started = await start();
      if ('errors' in started) {
        io.err.write(`configuration errors:\n${started.errors.map((e) => `  ${e}`).join('\n')}\n`);
        return 2;
      }
      const { app, url } = started;
      const mode = app.config.redis ? 'Redis' : 'embedded in-memory state (no REDIS_URL)';
      io.out.write(
        [
          '',
          `Pas à pas is running on ${url} — ${mode}, ${app.catalog.ids().length} guides.`,
          `  Web chat demo (a territory page with the widget): ${url}/`,
          `  Full-page chat: ${url}/chat?territory=demo`,
          `  Mediator console: ${url}/mediator/${app.demoLogin ? `  (territory "${app.demoLogin.territory}", user "${app.demoLogin.username}", password "${app.demoLogin.password}" — demo only)` : ''}`,
          `  Coordinators (accounts, audit log, dashboard, activity report): ${url}/mediator/admin/`,
          `  Health:        ${url}/healthz`,
          `  Chat over HTTP: curl -s -X POST ${url}/api/chat/conversations/demo/messages \\`,
          `                   -H 'content-type: application/json' -d '{"text":"bonjour"}'`,
          '  Chat in the terminal: npx pasapas chat   (or: npm run chat)',
          '',
        ].join('\n'),
      );
      return 0;
    }
    case 'chat': {
      const { chat } = await import('./terminal');
      return chat(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.err.write(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

/** Entry point of bin/pasapas.js and `node dist/src/cli.js`. */
export function main(): void {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`pasapas: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
