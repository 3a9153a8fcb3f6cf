#!/usr/bin/env node
/**
 * pasapas — command line: serve | chat | validate | schema.
 * The CLI is the one place that prints to the terminal; the server logs through pino.
 */
import { DIALOGS_DIR, LOCALES_DIR, CONFIG_DIR } from './paths';
import { validateProject } from './guides/validate';
import { formatProblem } from './guides/loader';
import { guideJsonSchema } from './guides/schema';

const USAGE = `pasapas <command>

  serve                 run the bot server (HTTP channels)
  chat [--locale en]    talk to the bot in the terminal (reads one line per turn when piped)
  validate              check every guide in dialogs/ and the locale files
  schema                print the JSON Schema of a guide file
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate': {
      const problems = validateProject({ dialogs: DIALOGS_DIR, locales: LOCALES_DIR, config: CONFIG_DIR });
      for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.length - errors;
      process.stderr.write(`validate: ${errors} error(s), ${warnings} warning(s)\n`);
      return errors > 0 ? 1 : 0;
    }
    case 'schema':
      process.stdout.write(`${JSON.stringify(guideJsonSchema(), null, 2)}\n`);
      return 0;
    case 'serve': {
      const { start } = await import('./main');
      const started = await start();
      if ('errors' in started) {
        process.stderr.write(`configuration errors:\n${started.errors.map((e) => `  ${e}`).join('\n')}\n`);
        return 2;
      }
      const { app, url } = started;
      const mode = app.config.redis ? 'Redis' : 'embedded in-memory state (no REDIS_URL)';
      process.stdout.write(
        [
          '',
          `Pas à pas is running on ${url} — ${mode}, ${app.catalog.ids().length} guides.`,
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
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pasapas: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
