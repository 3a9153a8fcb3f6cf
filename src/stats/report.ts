/**
 * A territory's inclusion report for a period (`pasapas report`, GET /api/mediator/report): guides
 * started and completed and where people stop (the steps reached, in the guide's order, and the
 * drop after each), handoffs and their outcomes (fait pour / fait avec / autonome / non résolu),
 * median and 90th-percentile wait, callbacks, help-place lookups, self-check orientations.
 */
import type { GuideCatalog } from '../guides/catalog';
import type { SelfCheckStats } from '../selfcheck/stats';
import type { StatsStore } from './recorder';

export interface GuideReport {
  guide: string;
  title: string;
  started: number;
  completed: number;
  steps: Array<{ step: string; n: number; reached: number; stoppedHere: number }>;
}

export interface Report {
  territory: string;
  from: string;
  to: string;
  guides: GuideReport[];
  handoffs: {
    requested: number;
    claimed: number;
    closed: Record<string, number>;
    callbacks: number;
    medianWaitMinutes: number | null;
    p90WaitMinutes: number | null;
  };
  places: { lookups: number; notFound: number };
  selfCheck: Record<string, number>;
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const [ty, tm] = to.slice(0, 7).split('-').map(Number);
  while ((y < ty || (y === ty && m <= tm)) && out.length < 400) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export async function buildReport(deps: { stats: StatsStore; selfCheck: SelfCheckStats; catalog: GuideCatalog }, territory: string, from: string, to: string): Promise<Report> {
  const total: Record<string, number> = {};
  const waits: number[] = [];
  for (const d of await deps.stats.days(territory, from, to)) {
    for (const [k, v] of Object.entries(d.counters)) total[k] = (total[k] ?? 0) + v;
    waits.push(...d.waitsMs);
  }
  waits.sort((a, b) => a - b);
  const get = (k: string) => total[k] ?? 0;

  const guides: GuideReport[] = [];
  for (const { guide } of deps.catalog.list()) {
    const started = get(`guide:${guide.id}:started`);
    const completed = get(`guide:${guide.id}:completed`);
    const reached = guide.steps.map((s) => get(`guide:${guide.id}:step:${s.id}`));
    const movedOn = guide.steps.map((s) => get(`guide:${guide.id}:movedOn:${s.id}`));
    if (started === 0 && completed === 0 && reached.every((r) => r === 0)) continue;
    guides.push({
      guide: guide.id,
      title: guide.title.fr,
      started,
      completed,
      // Stopped here: arrived at this step and never went on (to another step or to the end).
      steps: guide.steps.map((s, i) => ({ step: s.id, n: i + 1, reached: reached[i], stoppedHere: Math.max(0, reached[i] - movedOn[i]) })),
    });
  }
  const closed: Record<string, number> = {};
  for (const [k, v] of Object.entries(total)) if (k.startsWith('handoff:closed:')) closed[k.slice('handoff:closed:'.length)] = v;

  const selfCheck: Record<string, number> = {};
  for (const month of monthsBetween(from, to)) {
    for (const [k, v] of Object.entries(await deps.selfCheck.month(territory, month))) selfCheck[k] = (selfCheck[k] ?? 0) + v;
  }

  return {
    territory,
    from,
    to,
    guides,
    handoffs: {
      requested: get('handoff:requested'),
      claimed: get('handoff:claimed'),
      closed,
      callbacks: get('handoff:callback'),
      medianWaitMinutes: minutes(quantile(waits, 0.5)),
      p90WaitMinutes: minutes(quantile(waits, 0.9)),
    },
    places: { lookups: get('places:found') + get('places:notFound'), notFound: get('places:notFound') },
    selfCheck,
  };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One table: section, item, detail, value — opens in any spreadsheet. */
export function reportCsv(r: Report): string {
  const rows: Array<Array<string | number | null>> = [['section', 'item', 'detail', 'value']];
  rows.push(['period', r.territory, `${r.from} → ${r.to}`, '']);
  for (const g of r.guides) {
    rows.push(['guide', g.guide, 'started', g.started], ['guide', g.guide, 'completed', g.completed]);
    for (const s of g.steps) rows.push(['guide step', g.guide, `${s.n} ${s.step} reached`, s.reached], ['guide step', g.guide, `${s.n} ${s.step} stopped here`, s.stoppedHere]);
  }
  const h = r.handoffs;
  rows.push(['handoffs', 'requested', '', h.requested], ['handoffs', 'claimed', '', h.claimed], ['handoffs', 'callbacks', '', h.callbacks]);
  for (const [outcome, n] of Object.entries(h.closed)) rows.push(['handoffs', 'closed', outcome, n]);
  rows.push(['handoffs', 'wait (minutes)', 'median', h.medianWaitMinutes], ['handoffs', 'wait (minutes)', '90th percentile', h.p90WaitMinutes]);
  rows.push(['places', 'lookups', '', r.places.lookups], ['places', 'lookups', 'nothing found', r.places.notFound]);
  for (const [k, v] of Object.entries(r.selfCheck)) rows.push(['self-check', k, '', v]);
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}
