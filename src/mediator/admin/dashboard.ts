/// <reference lib="dom" />
/**
 * The coordinators' dashboard (src/mediator/admin/main.ts): requests, waits, outcomes, guides, callbacks,
 * orientations and satisfaction over a period, each a bar chart with a one-sentence summary and its table.
 */
import { byId } from '../console/dom';
import { barChart } from './charts';
import type { AdminStringKey } from './config';
import { api, t } from './client';

interface DashboardView {
  from: string;
  to: string;
  days: Array<{ day: string; requests: number; byChannel: Record<string, number>; medianWaitMinutes: number | null; p90WaitMinutes: number | null; callbacksRequested: number; callbacksKept: number }>;
  channels: string[];
  totals: { requested: number; medianWaitMinutes: number | null; p90WaitMinutes: number | null; callbacks: number; callbacksKept: number };
  outcomes: Record<string, number>;
  guides: Array<{ title: string; started: number; completed: number; mostStopped: { n: number; stoppedHere: number } | null }>;
  orientations: Record<string, number>;
  satisfaction: { asked: number; good: number; fair: number; poor: number };
}

const OUTCOME_KEYS: Record<string, AdminStringKey> = { 'fait-pour': 'outFaitPour', 'fait-avec': 'outFaitAvec', autonome: 'outAutonome', 'non-resolu': 'outNonResolu' };
const ORIENTATION_KEYS: Record<string, AdminStringKey> = { equipement: 'orEquipement', accompagnement: 'orAccompagnement', ateliers: 'orAteliers', autonome: 'orAutonome' };
const dayLabel = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const top = (o: Record<string, number>, keys: Record<string, AdminStringKey>) => {
  const best = Object.entries(o).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return { top: keys[best[0]] ? t(keys[best[0]]) : best[0], count: best[1] };
};

/** Each load is numbered: the first one, slower, never replaces the period the coordinator asked for since. */
let loads = 0;

export async function dashboard(): Promise<void> {
  const load = ++loads;
  const q = new URLSearchParams();
  const from = byId<HTMLInputElement>('pa-dash-from').value;
  const to = byId<HTMLInputElement>('pa-dash-to').value;
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const d = await api<DashboardView>('GET', `/dashboard?${q.toString()}`);
  if (load !== loads) return;
  const L = { category: t('colDay'), noData: t('noData'), table: t('showTable') };
  const days = d.days.map((x) => dayLabel(x.day));
  const busiest = [...d.days].sort((a, b) => b.requests - a.requests)[0];
  const channelSeries = d.channels.map((c) => ({ name: c, values: d.days.map((x) => x.byChannel[c] ?? 0) }));
  const outcomeKeys = Object.keys(d.outcomes);
  const closed = sum(Object.values(d.outcomes));
  const orientationKeys = Object.keys(d.orientations);
  const s = d.satisfaction;
  const stop = d.guides.filter((g) => g.mostStopped).sort((a, b) => b.mostStopped!.stoppedHere - a.mostStopped!.stoppedHere)[0];
  const charts = [
    barChart('pa-chart-requests', t('chartRequests'), t('sumRequests', { n: d.totals.requested, from: dayLabel(d.from), to: dayLabel(d.to), day: busiest ? dayLabel(busiest.day) : '–', max: busiest?.requests ?? 0 }), days,
      [{ name: t('all'), values: d.days.map((x) => x.requests) }, ...channelSeries], L),
    barChart('pa-chart-wait', t('chartWait'), t('sumWait', { median: d.totals.medianWaitMinutes ?? '–', p90: d.totals.p90WaitMinutes ?? '–' }), days,
      [{ name: t('median'), values: d.days.map((x) => x.medianWaitMinutes) }, { name: t('p90'), values: d.days.map((x) => x.p90WaitMinutes) }], L),
    barChart('pa-chart-outcomes', t('chartOutcomes'), t('sumOutcomes', { n: closed, ...top(d.outcomes, OUTCOME_KEYS) }), outcomeKeys.map((k) => (OUTCOME_KEYS[k] ? t(OUTCOME_KEYS[k]) : k)),
      [{ name: t('count'), values: outcomeKeys.map((k) => d.outcomes[k]) }], { ...L, category: t('item') }),
    barChart('pa-chart-guides', t('chartGuides'), [t('sumGuides', { started: sum(d.guides.map((g) => g.started)), completed: sum(d.guides.map((g) => g.completed)) }), stop ? t('sumStop', { guide: stop.title, n: stop.mostStopped!.n, count: stop.mostStopped!.stoppedHere }) : ''].join(' ').trim(),
      d.guides.map((g) => g.title), [{ name: t('started'), values: d.guides.map((g) => g.started) }, { name: t('completed'), values: d.guides.map((g) => g.completed) }], { ...L, category: t('item') }),
    barChart('pa-chart-callbacks', t('chartCallbacks'), t('sumCallbacks', { kept: d.totals.callbacksKept, requested: d.totals.callbacks }), days,
      [{ name: t('requested'), values: d.days.map((x) => x.callbacksRequested) }, { name: t('kept'), values: d.days.map((x) => x.callbacksKept) }], L),
    barChart('pa-chart-orientations', t('chartOrientations'), t('sumOrientations', { n: sum(Object.values(d.orientations)), ...top(d.orientations, ORIENTATION_KEYS) }), orientationKeys.map((k) => (ORIENTATION_KEYS[k] ? t(ORIENTATION_KEYS[k]) : k)),
      [{ name: t('count'), values: orientationKeys.map((k) => d.orientations[k]) }], { ...L, category: t('item') }),
    barChart('pa-chart-satisfaction', t('chartSatisfaction'), t('sumSatisfaction', { asked: s.asked, answered: s.good + s.fair + s.poor, good: s.good }), [t('satGood'), t('satFair'), t('satPoor')],
      [{ name: t('count'), values: [s.good, s.fair, s.poor] }], { ...L, category: t('item') }),
  ];
  byId('pa-charts').replaceChildren(...charts);
}
