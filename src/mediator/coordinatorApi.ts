/**
 * Coordinators' routes of the mediator API (docs/mediator-api.md): the activity report in the Coop de la
 * médiation numérique's terms, the territory's accounts (through AccountAdmin, the CLI's code path too) and the
 * audit log. Same authentication and error boundary as src/mediator/api.ts (its kit); a mediator who is not a
 * coordinator gets 403; an account of another territory is simply not found (404).
 */
import type { Response, Server } from 'restify';
import { z } from 'zod';
import { AccountAdmin, AccountError } from './accountAdmin';
import { AUDIT_ACTIONS, type AuditLog } from './audit';
import type { HandoffQueue } from '../handoff/queue';
import { heldBy } from './capacity';
import { bad } from './api';
import type { TwoFactor } from './twoFactor';
import type { CoopActivity } from '../stats/coop';
import type { Dashboard } from '../stats/dashboard';
import { coopCsv } from '../stats/coop';
import { dayOf } from '../stats/recorder';
import { loadReportLabels } from '../stats/report';
import { fail, type Authed, type MediatorApiKit } from './api';

export interface CoordinatorApiDeps {
  admin: AccountAdmin;
  twoFactor?: TwoFactor;
  audit: AuditLog;
  queue: HandoffQueue;
  /** The handoffs mediators ended in the period, as Coop activities (src/stats/coop.ts). */
  coopActivities: (territory: string, from: string, to: string) => Promise<CoopActivity[]>;
  /** The dashboard's figures (src/stats/dashboard.ts). */
  dashboard?: (territory: string, from: string, to: string) => Promise<Dashboard>;
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

const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '2 to 40 lower-case letters, digits, ".", "_" or "-"');
const Capacity = z.int().min(1).max(50).nullable();
/** The agent's work e-mail (ProConnect finds the account by it); "" or null removes it. */
const Email = z.string().trim().max(254).regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address');
const NewAccountBody = z.object({ name: z.string().trim().min(1).max(80), username: Username.optional(), role: z.enum(['mediateur', 'coordinateur']).optional(), capacity: Capacity.optional(), email: Email.optional() }).strict();
const ChangeBody = z
  .object({ role: z.enum(['mediateur', 'coordinateur']).optional(), disabled: z.boolean().optional(), capacity: Capacity.optional(), email: Email.nullable().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.capacity !== undefined || b.email !== undefined, 'give role, disabled, capacity or email');

const STATUS: Record<AccountError['code'], number> = { NotFound: 404, Taken: 409, Invalid: 400, Self: 409 };
const CODE: Record<AccountError['code'], string> = { NotFound: 'NotFound', Taken: 'UsernameTaken', Invalid: 'BadRequest', Self: 'OwnAccount' };

export function mountCoordinatorApi(server: Server, kit: MediatorApiKit, deps: CoordinatorApiDeps): void {
  const { auth, json } = kit;
  /** Coordinators only; AccountError → its 4xx; anything else goes to the kit's boundary (503). */
  const guard = (handler: (req: Authed, res: Response) => Promise<void>) =>
    kit.guard(async (req, res) => {
      if (!coordinator(req, res)) return;
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof AccountError) return fail(res, STATUS[err.code], CODE[err.code], err.message);
        throw err;
      }
    });
  const who = (req: Authed) => req.session!.mediator;
  const usernameParam = (req: Authed, res: Response): string | undefined => {
    const u = Username.safeParse(String(req.params.username ?? ''));
    if (!u.success) {
      fail(res, 404, 'NotFound', 'no such account');
      return undefined;
    }
    return u.data;
  };

  /** The territory's accounts, each with the handoffs they hold now (for capacity). */
  server.get('/api/mediator/accounts', auth, guard(async (req, res) => {
    const t = who(req).territory;
    const accounts = await deps.admin.list(t);
    const rows = await Promise.all(accounts.map(async (a) => ({ ...a, capacity: a.capacity ?? null, disabled: Boolean(a.disabled), held: (await heldBy(deps.queue, t, a.id)).length })));
    res.send(200, { accounts: rows });
  }));

  server.post('/api/mediator/accounts', auth, json, guard(async (req, res) => {
    const body = NewAccountBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = who(req);
    const { account, password } = await deps.admin.add(m.id, m.territory, body.data);
    // The password is shown once, here; it is stored hashed.
    res.send(201, { account, password });
  }));

  server.patch('/api/mediator/accounts/:username', auth, json, guard(async (req, res) => {
    const username = usernameParam(req, res);
    if (!username) return;
    const body = ChangeBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = who(req);
    res.send(200, { account: await deps.admin.update(m.id, m.territory, username, body.data) });
  }));

  server.post('/api/mediator/accounts/:username/password', auth, guard(async (req, res) => {
    const username = usernameParam(req, res);
    if (!username) return;
    const m = who(req);
    res.send(200, { password: await deps.admin.resetPassword(m.id, m.territory, username) });
  }));

  /** A coordinator removes someone's second factor (lost phone): they enrol again at their next sign-in. */
  server.del('/api/mediator/accounts/:username/2fa', auth, guard(async (req, res) => {
    const username = usernameParam(req, res);
    if (!username) return;
    if (!deps.twoFactor) return fail(res, 404, 'NotFound', 'two-factor sign-in is not available');
    const m = who(req);
    const done = await deps.admin.resetTwoFactor(m.id, m.territory, username, (t, u) => deps.twoFactor!.reset(t, u));
    if (!done) return fail(res, 409, 'NoTwoFactor', 'this account has no second factor');
    res.send(204);
  }));

  server.del('/api/mediator/accounts/:username', auth, guard(async (req, res) => {
    const username = usernameParam(req, res);
    if (!username) return;
    const m = who(req);
    await deps.admin.remove(m.id, m.territory, username);
    res.send(204);
  }));

  /** GET /api/mediator/audit?mediator=username&action=&from=YYYY-MM-DD&to=YYYY-MM-DD (Paris days), newest first. */
  server.get('/api/mediator/audit', auth, guard(async (req, res) => {
    const m = who(req);
    const q = new URLSearchParams(req.getQuery() ?? '');
    const action = q.get('action') || undefined;
    if (action && !(AUDIT_ACTIONS as readonly string[]).includes(action)) return fail(res, 400, 'BadRequest', `action: one of ${AUDIT_ACTIONS.join(', ')}`);
    const mediator = q.get('mediator') || undefined;
    if (mediator && !Username.safeParse(mediator).success) return fail(res, 400, 'BadRequest', 'mediator: a username');
    const from = q.get('from') || undefined;
    const to = q.get('to') || undefined;
    if ((from && !DAY.test(from)) || (to && !DAY.test(to)) || (from && to && from > to)) return fail(res, 400, 'BadRequest', 'from and to: days YYYY-MM-DD, from ≤ to');
    const entries = await deps.audit.query(m.territory, {
      mediatorId: mediator ? `${m.territory}:${mediator}` : undefined,
      action: action as (typeof AUDIT_ACTIONS)[number] | undefined,
      from: from ? parisMidnight(from) : undefined,
      to: to ? parisMidnight(nextDay(to)) - 1 : undefined,
      limit: 500,
    });
    res.send(200, { entries });
  }));

  /** GET /api/mediator/dashboard?from=&to= (at most 366 days): the figures the coordinators' page draws. */
  server.get('/api/mediator/dashboard', auth, guard(async (req, res) => {
    const p = period(req, res, deps.now());
    if (!p) return;
    if (!deps.dashboard) return fail(res, 404, 'NotFound', 'the dashboard is not available');
    if (Date.parse(p.to) - Date.parse(p.from) > 366 * 86_400_000) return fail(res, 400, 'BadRequest', 'from and to: at most 366 days apart');
    res.send(200, await deps.dashboard(who(req).territory, p.from, p.to));
  }));

  /** GET /api/mediator/report/coop?from=&to=&format=csv|json: one row per accompaniment (docs/coop-report.md). */
  server.get('/api/mediator/report/coop', auth, guard(async (req, res) => {
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

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The instant a Paris day starts (its offset, +01:00 or +02:00, read from the time zone database). */
export function parisMidnight(day: string): number {
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  const parisNoon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date(noonUtc));
  const offsetHours = Number(parisNoon) - 12;
  return Date.parse(`${day}T00:00:00Z`) - offsetHours * 3_600_000;
}
