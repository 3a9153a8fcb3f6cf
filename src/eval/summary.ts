/**
 * The figures of a conversation-level evaluation: pass rates per part (tune, held-out), per starting language and
 * per category, the failures, and the table the command line prints.
 */
import { CATEGORIES, type Category, type Part } from './cases';
import type { CaseResult } from './runner';

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
