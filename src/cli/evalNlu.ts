/**
 * Accuracy of an IntentRouter on labelled utterances (test/nlu/<locale>.<tune|heldout>.yaml):
 * top-1, top-3 and the most frequent confusions. `pasapas eval-nlu` prints it for every set found.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadGuides } from '../guides/loader';
import type { Locale } from '../i18n/locale';
import { DIALOGS_DIR, ROOT } from '../paths';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../nlu/fuzzyRouter';
import type { IntentRouter } from '../nlu/router';

export interface EvalRow {
  text: string;
  intent: string;
}

export interface Confusion {
  expected: string;
  got: string;
  count: number;
}

export interface EvalReport {
  top1: number;
  top3: number;
  n: number;
  /** Wrong top-1 answers grouped by (expected, got), most frequent first. */
  confusions: Confusion[];
}

const Rows = z.array(z.object({ text: z.string(), intent: z.string().min(1) }).strict());

/** A YAML list of { text, intent }. */
export function loadEvalSet(file: string): EvalRow[] {
  const parsed = Rows.safeParse(parse(readFileSync(file, 'utf8')) ?? []);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function evaluate(router: IntentRouter, rows: EvalRow[], locale: Locale): EvalReport {
  let top1 = 0;
  let top3 = 0;
  const confusions = new Map<string, Confusion>();
  for (const row of rows) {
    const r = router.route(row.text, locale);
    const ranked = [r.intent, ...r.alternatives.map((a) => a.intent)];
    if (ranked[0] === row.intent) top1 += 1;
    else {
      const key = `${row.intent}\u0000${ranked[0]}`;
      const c = confusions.get(key) ?? { expected: row.intent, got: ranked[0], count: 0 };
      c.count += 1;
      confusions.set(key, c);
    }
    if (ranked.slice(0, 3).includes(row.intent)) top3 += 1;
  }
  const n = rows.length;
  return {
    top1: n ? top1 / n : 0,
    top3: n ? top3 / n : 0,
    n,
    confusions: [...confusions.values()].sort(
      (a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.got.localeCompare(b.got),
    ),
  };
}

const SETS: Array<{ file: string; locale: Locale }> = [
  { file: 'fr.tune.yaml', locale: 'fr' },
  { file: 'fr.heldout.yaml', locale: 'fr' },
  { file: 'en.tune.yaml', locale: 'en' },
  { file: 'en.heldout.yaml', locale: 'en' },
];

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

/**
 * `pasapas eval-nlu [--dialogs DIR] [--sets DIR]`: top-1/top-3 and the 10 biggest confusions per set.
 * Returns 0, or 1 when no set could be read or the guides do not load.
 */
export async function runEvalCli(args: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const dialogs = opt('--dialogs', DIALOGS_DIR);
  const setsDir = opt('--sets', join(ROOT, 'test', 'nlu'));
  const { catalog, problems } = loadGuides(dialogs);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) out(`note: ${errors.length} guide file problem(s); evaluating with the ${catalog.ids().length} guides that load`);
  const router = new FuzzyRouter(catalog, join(dialogs, SYSTEM_INTENTS_FILE));
  // Warm the JIT up (not the word cache) so the timing below is the steady one.
  for (let i = 0; i < 200; i += 1) router.route(`bonjour essai ${i}`, i % 2 ? 'fr' : 'en');
  let evaluated = 0;
  for (const set of SETS) {
    const file = join(setsDir, set.file);
    if (!existsSync(file)) {
      out(`${set.file}: missing, skipped`);
      continue;
    }
    const rows = loadEvalSet(file);
    const started = process.hrtime.bigint();
    const report = evaluate(router, rows, set.locale);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    evaluated += 1;
    out(
      `${set.file}: n=${report.n}  top-1 ${pct(report.top1)}  top-3 ${pct(report.top3)}  ` +
        `(${rows.length ? (ms / rows.length).toFixed(3) : '0'} ms/query)`,
    );
    for (const c of report.confusions.slice(0, 10)) out(`    ${c.count} × ${c.expected} → ${c.got}`);
  }
  return evaluated > 0 ? 0 : 1;
}
