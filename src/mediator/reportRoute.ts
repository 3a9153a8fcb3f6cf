/** Coordinators' report of their territory over the API (src/mediator/api.ts mounts it; `pasapas report` is the CLI). */
import type { Server } from 'restify';
import { reportCsv } from '../stats/report';
import { dayOf } from '../stats/recorder';
import { fail, type ApiKit, type MediatorApiDeps } from './apiKit';

export function mountReportRoute(server: Server, deps: MediatorApiDeps, kit: ApiKit): void {
  const { now } = deps;
  const { auth, guard, me } = kit;

  /** Coordinators: the territory's report (?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv|json; default this month). */
  server.get('/api/mediator/report', auth, guard(async (req, res) => {
    const m = me(req);
    if (m.role !== 'coordinateur') return fail(res, 403, 'Forbidden', 'reports are for coordinators');
    if (!deps.report) return fail(res, 404, 'NotFound', 'reports are not available');
    const q = new URLSearchParams(req.getQuery() ?? '');
    const to = q.get('to') ?? dayOf(now());
    const from = q.get('from') ?? `${to.slice(0, 8)}01`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) return fail(res, 400, 'BadRequest', 'from and to: days YYYY-MM-DD, from ≤ to');
    const report = await deps.report(m.territory, from, to);
    if (q.get('format') === 'csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="pasapas-${m.territory}-${from}-${to}.csv"` });
      res.end(reportCsv(report));
      return;
    }
    res.send(200, report);
  }));
}
