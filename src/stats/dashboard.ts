/**
 * The coordinators' dashboard (GET /api/mediator/dashboard, drawn by /mediator/admin/): the territory's figures per
 * day for a period — requests per channel, the wait (median and 90th percentile), callbacks requested and kept — and
 * the period's totals, which are the territory report's own (buildReport: the same code as `pasapas report`, a test
 * compares them): outcomes, guides started and completed with the step where most stop, self-check orientations.
 */
import type { Report } from './report';
import { buildReport, minutes, quantile } from './report';
import { daysBetween, type StatsStore } from './recorder';
import type { GuideCatalog } from '../guides/catalog';
import type { SelfCheckStats } from '../selfcheck/stats';

export interface DashboardDay {
  day: string;
  requests: number;
  /** Requests per channel (web, sms, whatsapp, telegram…). */
  byChannel: Record<string, number>;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  callbacksRequested: number;
  callbacksKept: number;
}

export interface Dashboard {
  territory: string;
  from: string;
  to: string;
  /** Every day of the period, 0 included (at most 366). */
  days: DashboardDay[];
  channels: string[];
  totals: Report['handoffs'] & { callbacksKept: number };
  outcomes: Record<string, number>;
  guides: Array<{ guide: string; title: string; started: number; completed: number; mostStopped: { n: number; step: string; stoppedHere: number } | null }>;
  orientations: Record<string, number>;
  /** The question after a handoff (issue 19): asked, and each answer — the report's own figures. */
  satisfaction: Report['satisfaction'];
}

const REQUESTED_ON = 'handoff:requested:ch:';

export async function buildDashboard(deps: { stats: StatsStore; selfCheck: SelfCheckStats; catalog: GuideCatalog }, territory: string, from: string, to: string): Promise<Dashboard> {
  const report = await buildReport(deps, territory, from, to);
  const byDay = new Map((await deps.stats.days(territory, from, to)).map((d) => [d.day, d]));
  const channels = new Set<string>();
  const days: DashboardDay[] = daysBetween(from, to).slice(0, 366).map((day) => {
    const d = byDay.get(day);
    const c = d?.counters ?? {};
    const byChannel: Record<string, number> = {};
    for (const [k, v] of Object.entries(c)) {
      if (!k.startsWith(REQUESTED_ON)) continue;
      byChannel[k.slice(REQUESTED_ON.length)] = v;
      channels.add(k.slice(REQUESTED_ON.length));
    }
    const waits = [...(d?.waitsMs ?? [])].sort((a, b) => a - b);
    return {
      day,
      requests: c['handoff:requested'] ?? 0,
      byChannel,
      medianWaitMinutes: minutes(quantile(waits, 0.5)),
      p90WaitMinutes: minutes(quantile(waits, 0.9)),
      callbacksRequested: c['handoff:callback'] ?? 0,
      callbacksKept: (d?.ended ?? []).filter((e) => e.callback).length,
    };
  });
  const orientations: Record<string, number> = {};
  for (const [k, v] of Object.entries(report.selfCheck)) if (k.startsWith('orientation:')) orientations[k.slice('orientation:'.length)] = v;
  return {
    territory,
    from,
    to,
    days,
    channels: [...channels].sort(),
    totals: { ...report.handoffs, callbacksKept: days.reduce((n, d) => n + d.callbacksKept, 0) },
    outcomes: report.handoffs.closed,
    guides: report.guides
      .filter((g) => g.started > 0)
      .sort((a, b) => b.started - a.started)
      .map((g) => {
        const worst = [...g.steps].sort((a, b) => b.stoppedHere - a.stoppedHere)[0];
        return { guide: g.guide, title: g.title, started: g.started, completed: g.completed, mostStopped: worst && worst.stoppedHere > 0 ? { n: worst.n, step: worst.step, stoppedHere: worst.stoppedHere } : null };
      }),
    orientations,
    satisfaction: report.satisfaction,
  };
}
