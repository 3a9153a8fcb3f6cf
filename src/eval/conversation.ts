/**
 * `pasapas eval-conversation`, the conversation-level evaluation (issue #12): multi-turn cases written the way
 * citizens write (./cases.ts), each run in a fresh conversation against the real bot built in memory (./runner.ts)
 * and the bot's reply to the last turn checked with markers (./check.ts). Prints the pass rate per category and per
 * part (./summary.ts); it is a measurement: it exits 0 whatever the rate, unless the run itself fails (or
 * `--min-heldout` is given and the held-out rate is below it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../paths';
import { CATEGORIES, DEFAULT_CASES_DIR, loadCases, type Category, type Part } from './cases';
import { ConversationRunner, type CaseResult } from './runner';
import { formatSummary, summarize } from './summary';

/** Where `--json` also writes its summary. */
export const DEFAULT_RESULTS_FILE = join(ROOT, 'bench', 'results', 'eval-conversation.json');

const USAGE = `pasapas eval-conversation [--part tune|heldout|all] [--category C] [--id TEXT] [--verbose] [--trace]
                           [--json] [--min-heldout 0.95] [--cases DIR]
  --verbose      each failed case: id, which marker failed, the bot's last reply
  --trace        every turn and reply of the selected cases (use with --id or --category)
  --json         print a machine-readable summary (also written to bench/results/eval-conversation.json)
  --min-heldout  exit 1 when the held-out pass rate is below this (0..1)
`;

interface CliOptions {
  part: Part | 'all';
  category?: Category;
  id?: string;
  verbose: boolean;
  trace: boolean;
  json: boolean;
  minHeldout?: number;
  casesDir: string;
  resultsFile: string;
}

function parseArgs(args: string[]): CliOptions | string {
  const opts: CliOptions = { part: 'all', verbose: false, trace: false, json: false, casesDir: DEFAULT_CASES_DIR, resultsFile: DEFAULT_RESULTS_FILE };
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i];
    const value = () => {
      const v = args[i + 1];
      i += 1;
      return v;
    };
    switch (a) {
      case '--part': {
        const v = value();
        if (v !== 'tune' && v !== 'heldout' && v !== 'all') return `--part must be tune, heldout or all (got ${v})`;
        opts.part = v;
        break;
      }
      case '--category': {
        const v = value();
        if (!(CATEGORIES as readonly string[]).includes(v)) return `--category must be one of ${CATEGORIES.join(', ')} (got ${v})`;
        opts.category = v as Category;
        break;
      }
      case '--id':
        opts.id = value();
        if (!opts.id) return '--id needs a text';
        break;
      case '--verbose':
      case '-v':
        opts.verbose = true;
        break;
      case '--trace':
        opts.trace = true;
        break;
      case '--json':
        opts.json = true;
        break;
      case '--min-heldout': {
        const v = Number(value());
        if (!Number.isFinite(v) || v < 0 || v > 1) return '--min-heldout must be a number between 0 and 1';
        opts.minHeldout = v;
        break;
      }
      case '--cases':
        opts.casesDir = value();
        if (!opts.casesDir) return '--cases needs a folder';
        break;
      case '--results':
        opts.resultsFile = value();
        if (!opts.resultsFile) return '--results needs a file';
        break;
      case '--help':
      case '-h':
        return '';
      default:
        return `unknown option ${a}`;
    }
  }
  return opts;
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');
}

export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** `pasapas eval-conversation`: 0 (a measurement), 1 when the run fails or is below `--min-heldout`. */
export async function runEvalConversationCli(args: string[], io: CliIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    if (opts) io.err.write(`${opts}\n\n`);
    io.err.write(USAGE);
    return opts ? 1 : 0;
  }
  const { cases, problems } = loadCases(opts.casesDir);
  if (problems.length > 0) {
    io.err.write(`eval-conversation: ${problems.length} problem(s) in the case files:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  const selected = cases.filter(
    (c) =>
      (opts.part === 'all' || c.part === opts.part) &&
      (!opts.category || c.category === opts.category) &&
      (!opts.id || c.id.includes(opts.id)),
  );
  if (selected.length === 0) {
    io.err.write('eval-conversation: no case selected\n');
    return 1;
  }
  const started = Date.now();
  const runner = new ConversationRunner();
  const results: CaseResult[] = [];
  try {
    for (const c of selected) {
      const r = await runner.run(c);
      results.push(r);
      if (opts.trace) {
        io.out.write(`\n=== ${r.id} [${r.part}, ${r.category}, ${r.locale}] ${r.pass ? 'PASS' : 'FAIL'}\n`);
        for (const t of r.transcript) io.out.write(`  > ${t.text}\n${indent(t.reply)}\n`);
        for (const f of r.failed) io.out.write(`  ✗ ${f}\n`);
      }
    }
  } finally {
    await runner.close();
  }
  const errors = results.filter((r) => r.error);
  const summary = summarize(results);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  if (opts.json) {
    const doc = {
      generatedAt: new Date().toISOString(),
      args,
      seconds: Number(seconds),
      ...summary,
    };
    const json = `${JSON.stringify(doc, null, 2)}\n`;
    mkdirSync(dirname(opts.resultsFile), { recursive: true });
    writeFileSync(opts.resultsFile, json);
    io.out.write(json);
  } else {
    if (opts.verbose) {
      for (const f of summary.failures) {
        io.out.write(`✗ ${f.id} [${f.part}, ${f.category}, ${f.locale}]\n`);
        for (const line of f.failed) io.out.write(`    ${line}\n`);
        io.out.write(`    last reply:\n${indent(f.reply.length > 700 ? `${f.reply.slice(0, 700)}…` : f.reply, '      | ')}\n`);
      }
      if (summary.failures.length > 0) io.out.write('\n');
    }
    io.out.write(
      `Conversation evaluation: ${summary.cases} cases (tune ${summary.parts.tune.total}, held-out ${summary.parts.heldout.total}), ${seconds} s\n\n`,
    );
    io.out.write(`${formatSummary(summary)}\n`);
  }
  for (const e of errors) io.err.write(`eval-conversation: ${e.id}: the run failed: ${e.error}\n`);
  if (errors.length > 0) return 1;
  if (opts.minHeldout !== undefined) {
    const h = summary.parts.heldout;
    if (h.total === 0) {
      io.err.write('eval-conversation: --min-heldout given but no held-out case was run\n');
      return 1;
    }
    if ((h.rate ?? 0) < opts.minHeldout) {
      io.err.write(`eval-conversation: held-out pass rate ${((h.rate ?? 0) * 100).toFixed(1)} % is below ${(opts.minHeldout * 100).toFixed(1)} %\n`);
      return 1;
    }
  }
  return 0;
}
