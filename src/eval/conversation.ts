/**
 * The conversation-level evaluation (issue #12): multi-turn cases written the way citizens write
 * (test/eval/conversation/{tune,heldout}/*.yaml), each run in a fresh conversation against the real
 * bot built in memory (real guides, locales and territories, an injected clock), and the bot's reply
 * to the last turn checked with markers. `pasapas eval-conversation` prints the pass rate per
 * category and per part; it is a measurement: it exits 0 whatever the rate, unless the run itself
 * fails (or `--min-heldout` is given and the held-out rate is below it).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Activity } from 'botbuilder';
import { parse } from 'yaml';
import { z } from 'zod';
import { buildApp, type App, type AppOptions } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { capabilitiesOf } from '../channels/capabilities';
import { render } from '../channels/render';
import { ROOT } from '../paths';

export const CATEGORIES = [
  'person',
  'scam',
  'feelings',
  'own-words',
  'dead-end',
  'whatis',
  'english',
  'context',
  'places-numbers',
  'first-message',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PARTS = ['tune', 'heldout'] as const;
export type Part = (typeof PARTS)[number];

export const CHANNELS = ['terminal', 'sms', 'webchat'] as const;
export type EvalChannel = (typeof CHANNELS)[number];

/** The bot's clock when a case gives no date: a Friday morning in Paris. */
export const DEFAULT_DATE = '2026-11-27T10:00:00+01:00';
/** Time between two turns of a case (well under the "on reprend ?" delay). */
export const TURN_GAP_MS = 30_000;
/** Where the cases live. */
export const DEFAULT_CASES_DIR = join(ROOT, 'test', 'eval', 'conversation');
/** Where `--json` also writes its summary. */
export const DEFAULT_RESULTS_FILE = join(ROOT, 'bench', 'results', 'eval-conversation.json');

const Marker = z.string().min(1, 'empty marker');

export const Expect = z
  .object({
    /** At least one of these is in the reply. */
    any: z.array(Marker).min(1).optional(),
    /** Several "any": each group has at least one marker in the reply (e.g. a kind sentence AND a next step). */
    anyOf: z.array(z.array(Marker).min(1)).min(1).optional(),
    /** Every one of these is in the reply. */
    all: z.array(Marker).min(1).optional(),
    /** None of these is in the reply. */
    none: z.array(Marker).min(1).optional(),
    /** The reply differs from the reply to the turn before (a re-ask never repeats itself). */
    differsFromPrevious: z.boolean().optional(),
  })
  .strict()
  .refine((e) => e.any !== undefined || e.anyOf !== undefined || e.all !== undefined || e.differsFromPrevious === true, {
    message: 'expect needs positive evidence: "any", "anyOf", "all" or "differsFromPrevious"',
  });
export type Expect = z.infer<typeof Expect>;

export const EvalCase = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    category: z.enum(CATEGORIES),
    /** The citizen's language setting at the start (the territory's default language). */
    locale: z.enum(['fr', 'en']).default('fr'),
    channel: z.enum(CHANNELS).default('terminal'),
    /** The bot's clock at the first turn (ISO 8601 with an offset). */
    date: z.iso.datetime({ offset: true }).optional(),
    /** A mediator is on duty in the territory. */
    onDuty: z.boolean().default(false),
    turns: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
    expect: Expect,
    why: z.string().trim().min(10, 'say why this case matters'),
  })
  .strict()
  .refine((c) => !c.expect.differsFromPrevious || c.turns.length >= 2, {
    message: 'differsFromPrevious needs at least 2 turns',
  });
export type EvalCase = z.infer<typeof EvalCase>;
export type EvalCaseInput = z.input<typeof EvalCase>;

export interface LoadedCase extends EvalCase {
  part: Part;
  /** The file, relative to the cases folder. */
  file: string;
}

/** Every case of `dir/tune/*.yaml` and `dir/heldout/*.yaml`, with the problems found (schema, duplicate ids). */
export function loadCases(dir: string = DEFAULT_CASES_DIR): { cases: LoadedCase[]; problems: string[] } {
  const cases: LoadedCase[] = [];
  const problems: string[] = [];
  for (const part of PARTS) {
    const folder = join(dir, part);
    if (!existsSync(folder)) {
      problems.push(`${relative(ROOT, folder) || folder}: missing folder`);
      continue;
    }
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = join(folder, name);
      const rel = `${part}/${name}`;
      let doc: unknown;
      try {
        doc = parse(readFileSync(file, 'utf8')) ?? [];
      } catch (err) {
        problems.push(`${rel}: ${(err as Error).message}`);
        continue;
      }
      if (!Array.isArray(doc)) {
        problems.push(`${rel}: a case file is a YAML list of cases`);
        continue;
      }
      doc.forEach((raw, i) => {
        const parsed = EvalCase.safeParse(raw);
        const label = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i + 1}`;
        if (!parsed.success) {
          for (const issue of parsed.error.issues) problems.push(`${rel}: ${label}: ${issue.path.join('.') || '(case)'}: ${issue.message}`);
          return;
        }
        cases.push({ ...parsed.data, part, file: rel });
      });
    }
  }
  const seen = new Map<string, string>();
  for (const c of cases) {
    const other = seen.get(c.id);
    if (other) problems.push(`${c.file}: ${c.id}: duplicate id (also in ${other})`);
    else seen.set(c.id, c.file);
  }
  return { cases, problems };
}

// ---- matching ---------------------------------------------------------------------------------

/** Case-, accent- and apostrophe-insensitive form used for matching ("J’AI été" ≈ "jai ete"). */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/['\u2018\u2019\u201B\u2032\u00B4\u0060\u02BC]/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();
}

export interface CheckResult {
  pass: boolean;
  /** One line per failed expectation: `any: none of "a", "b"`, `all: missing "c"`, `none: found "d"`. */
  failed: string[];
}

export function checkReply(reply: string, expect: Expect, previousReply?: string): CheckResult {
  const text = normalizeForMatch(reply);
  const has = (m: string) => text.includes(normalizeForMatch(m));
  const failed: string[] = [];
  const list = (ms: string[]) => ms.map((m) => JSON.stringify(m)).join(', ');
  if (expect.any && !expect.any.some(has)) failed.push(`any: none of ${list(expect.any)}`);
  (expect.anyOf ?? []).forEach((group, i) => {
    if (!group.some(has)) failed.push(`anyOf[${i + 1}]: none of ${list(group)}`);
  });
  for (const m of expect.all ?? []) if (!has(m)) failed.push(`all: missing ${JSON.stringify(m)}`);
  for (const m of expect.none ?? []) if (has(m)) failed.push(`none: found ${JSON.stringify(m)}`);
  if (expect.differsFromPrevious && previousReply !== undefined && normalizeForMatch(previousReply) === text) {
    failed.push('differsFromPrevious: the reply is the same as the one before');
  }
  return { pass: failed.length === 0, failed };
}

/** What the citizen reads on that channel: each message's text, then its buttons as "key label" lines. */
export function replyText(activities: Partial<Activity>[], channel: EvalChannel): string {
  return render(activities, capabilitiesOf(channel))
    .map((m) => [m.text, ...(m.buttons ?? []).map((b) => `${b.key} ${b.label}`)].filter((s) => s).join('\n'))
    .join('\n\n');
}

// ---- running ----------------------------------------------------------------------------------

export interface CaseResult {
  id: string;
  part: Part;
  category: Category;
  locale: 'fr' | 'en';
  pass: boolean;
  failed: string[];
  /** The bot's reply to the last turn. */
  reply: string;
  /** Every turn and its reply (always kept: cheap, and what --trace prints). */
  transcript: Array<{ text: string; reply: string }>;
  /** The run of the case threw (counted as a failure). */
  error?: string;
}

interface Pooled {
  app: App;
}

/**
 * Runs cases against the real bot in memory. One app per (starting language, mediator on duty),
 * reused across cases; every case gets its own conversation and citizen, and the shared clock is
 * set to the case's date before its first turn.
 */
export class ConversationRunner {
  private readonly apps = new Map<string, Promise<Pooled>>();
  private clock = Date.parse(DEFAULT_DATE);
  private runs = 0;

  constructor(private readonly options: Pick<AppOptions, 'dialogsDir' | 'territoriesDir' | 'menu' | 'places'> = {}) {}

  private app(locale: 'fr' | 'en', onDuty: boolean): Promise<Pooled> {
    const key = `${locale}:${onDuty}`;
    let pooled = this.apps.get(key);
    if (!pooled) {
      pooled = this.build(locale);
      this.apps.set(key, pooled);
    }
    return pooled;
  }

  private async build(locale: 'fr' | 'en'): Promise<Pooled> {
    // An explicit environment: the evaluation never depends on the shell's (no Redis, no channels).
    const result = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WARMUP_RECOGNIZERS: 'false', PORT: '0', DEFAULT_LOCALE: locale });
    if (!result.ok) throw new Error(`configuration: ${result.errors.join('; ')}`);
    const app = await buildApp(result.config, createLogger('silent'), {
      ...this.options,
      now: () => this.clock,
      notifier: false,
      demoMediator: false,
    });
    return { app };
  }

  /** Run one case (a loaded case, or a literal one: it is validated first) in a new conversation. */
  async run(c: EvalCaseInput & { part?: Part; file?: string }): Promise<CaseResult> {
    const { part = 'tune', file: _file, ...raw } = c;
    const parsed = EvalCase.parse(raw);
    this.runs += 1;
    const conversationId = `eval-${this.runs}-${parsed.id}`;
    const base: Omit<CaseResult, 'pass' | 'failed' | 'reply'> = {
      id: parsed.id,
      part,
      category: parsed.category,
      locale: parsed.locale,
      transcript: [],
    };
    try {
      const { app } = await this.app(parsed.locale, parsed.onDuty);
      this.clock = Date.parse(parsed.date ?? DEFAULT_DATE);
      const territory = app.config.defaultTerritory;
      if (parsed.onDuty) await app.queue.setPresence(territory, 'eval-mediator', true, 365 * 86_400_000, this.clock);
      for (const text of parsed.turns) {
        const activities = await app.adapter.process({
          channelId: parsed.channel,
          conversationId,
          userId: conversationId,
          text,
        });
        base.transcript.push({ text, reply: replyText(activities, parsed.channel) });
        this.clock += TURN_GAP_MS;
      }
      const last = base.transcript[base.transcript.length - 1];
      const previous = base.transcript.length >= 2 ? base.transcript[base.transcript.length - 2].reply : undefined;
      const check = checkReply(last.reply, parsed.expect, previous);
      return { ...base, pass: check.pass, failed: check.failed, reply: last.reply };
    } catch (err) {
      const last = base.transcript[base.transcript.length - 1];
      return { ...base, pass: false, failed: [`error: ${(err as Error).message}`], reply: last?.reply ?? '', error: (err as Error).stack ?? String(err) };
    }
  }

  async close(): Promise<void> {
    for (const pooled of this.apps.values()) {
      const { app } = await pooled;
      await app.close();
    }
    this.apps.clear();
  }
}

// ---- summary ----------------------------------------------------------------------------------

export interface Tally {
  passed: number;
  total: number;
  /** passed / total, or null when there is no case. */
  rate: number | null;
}

export interface Summary {
  cases: number;
  overall: Tally;
  parts: Record<Part, Tally>;
  locales: Record<'fr' | 'en', Tally>;
  categories: Record<Category, Record<Part | 'all', Tally>>;
  failures: Array<Pick<CaseResult, 'id' | 'part' | 'category' | 'locale' | 'failed' | 'reply'>>;
}

function tally(results: CaseResult[]): Tally {
  const passed = results.filter((r) => r.pass).length;
  return { passed, total: results.length, rate: results.length ? passed / results.length : null };
}

export function summarize(results: CaseResult[]): Summary {
  const categories = {} as Summary['categories'];
  for (const cat of CATEGORIES) {
    const mine = results.filter((r) => r.category === cat);
    categories[cat] = {
      tune: tally(mine.filter((r) => r.part === 'tune')),
      heldout: tally(mine.filter((r) => r.part === 'heldout')),
      all: tally(mine),
    };
  }
  return {
    cases: results.length,
    overall: tally(results),
    parts: { tune: tally(results.filter((r) => r.part === 'tune')), heldout: tally(results.filter((r) => r.part === 'heldout')) },
    locales: { fr: tally(results.filter((r) => r.locale === 'fr')), en: tally(results.filter((r) => r.locale === 'en')) },
    categories,
    failures: results
      .filter((r) => !r.pass)
      .map((r) => ({ id: r.id, part: r.part, category: r.category, locale: r.locale, failed: r.failed, reply: r.reply })),
  };
}

function cell(t: Tally): string {
  if (t.total === 0) return '—'.padEnd(16);
  return `${`${t.passed}/${t.total}`.padStart(7)} ${`${((t.rate ?? 0) * 100).toFixed(1)} %`.padStart(7)} `;
}

/** The table printed by the CLI: categories × (tune, held-out, all), then the totals. */
export function formatSummary(s: Summary): string {
  const lines = [`${'category'.padEnd(16)}${'tune'.padEnd(17)}${'held-out'.padEnd(17)}all`];
  for (const cat of CATEGORIES) {
    const c = s.categories[cat];
    if (c.all.total === 0) continue;
    lines.push(`${cat.padEnd(16)}${cell(c.tune)} ${cell(c.heldout)} ${cell(c.all)}`);
  }
  lines.push(`${'overall'.padEnd(16)}${cell(s.parts.tune)} ${cell(s.parts.heldout)} ${cell(s.overall)}`);
  lines.push(`by starting language: fr ${cell(s.locales.fr).trim()}   en ${cell(s.locales.en).trim()}`);
  return lines.join('\n');
}

// ---- command line -----------------------------------------------------------------------------

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
