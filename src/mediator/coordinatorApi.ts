/**
 * Coordinators' routes of the mediator API (docs/mediator-api.md): the activity report in the Coop de la
 * médiation numérique's terms. Same authentication and error boundary as src/mediator/api.ts (its kit); a
 * mediator who is not a coordinator gets 403.
 */
import type { Response, Server } from 'restify';
import type { CoopActivity } from '../stats/coop';
import { coopCsv } from '../stats/coop';
import { dayOf } from '../stats/recorder';
import { loadReportLabels } from '../stats/report';
import { fail, type Authed, type MediatorApiKit } from './api';

export interface CoordinatorApiDeps {
  /** The handoffs mediators ended in the period, as Coop activities (src/stats/coop.ts). */
  coopActivities: (territory: string, from: string, to: string) => Promise<CoopActivity[]>;
  now: () => number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period of `?from=&to=` (default: this month so far), or a 400 already sent. */
export function period(req: Authed, res: Response, now: number): { from: string; to: string } | undefined {
  const q = new URLSearchParams(req.getQuery() ?? '');
  const to = q.get('to') || dayOf(now);
  const from = q.get('from') || `${to.slice(0, 8)}01`;
  if (!DAY.test(from) || !DAY.test(to) || from > to) {
    fail(res, 400, 'BadRequest', 'from and to: days YYYY-MM-DD, from ≤ to');
    return undefined;
  }
  return { from, to };
}

/** The caller is a coordinator; else a 403 is sent. */
export function coordinator(req: Authed, res: Response): boolean {
  if (req.session?.mediator.role === 'coordinateur') return true;
  fail(res, 403, 'Forbidden', 'for coordinators only');
  return false;
}

export function mountCoordinatorApi(server: Server, kit: MediatorApiKit, deps: CoordinatorApiDeps): void {
  const { auth, guard } = kit;

  /** GET /api/mediator/report/coop?from=&to=&format=csv|json: one row per accompaniment (docs/coop-report.md). */
  server.get('/api/mediator/report/coop', auth, guard(async (req, res) => {
    if (!coordinator(req, res)) return;
    const p = period(req, res, deps.now());
    if (!p) return;
    const format = new URLSearchParams(req.getQuery() ?? '').get('format') ?? 'json';
    if (format !== 'csv' && format !== 'json') return fail(res, 400, 'BadRequest', 'format: csv or json');
    const territory = req.session!.mediator.territory;
    const rows = await deps.coopActivities(territory, p.from, p.to);
    if (format === 'csv') {
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="coop-${territory}-${p.from}-${p.to}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(coopCsv(rows, loadReportLabels('fr')));
      return;
    }
    res.send(200, { territory, from: p.from, to: p.to, activities: rows });
  }));
}
