/**
 * The mediators' HTTP API (docs/mediator-api.md, docs/mediator-api.openapi.yaml). A mediator only
 * ever sees their own territory: every lookup is made under the session's territory, so another
 * territory's handoff is simply "not found" (404, its existence not revealed).
 * Auth: `Authorization: Bearer <token>` (API clients) or the console's HttpOnly cookie plus the
 * `X-CSRF-Token` header on every POST; a cookie POST (and the login) from another site's `Origin`
 * is refused. Bodies are JSON only (415 otherwise), validated with zod: 400 names the field.
 * Storage away: 503 + Retry-After with a generic message, never a 500 nor the driver's words.
 */
import restify, { type Request, type RequestHandler, type Response, type Server } from 'restify';
import { z } from 'zod';
import type { Logger } from 'pino';
import { safeEqual } from '../security';
import type { HandoffQueue, HandoffRecord } from '../handoff/queue';
import { HandoffNotFound, LeaseLost } from '../handoff/queue';
import { IllegalTransition, OUTCOMES } from '../handoff/states';
import { maskPersonalData } from '../privacy/mask';
import type { TerritoryRegistry } from '../territories/registry';
import type { MediatorAccounts } from './accounts';
import type { AttemptCounter, Session, SessionStore } from './sessions';
import type { AuditLog } from './audit';
import type { EventHub } from './eventHub';
import type { ConversationReference } from 'botbuilder';
import { clientIp } from '../security';
import type { Reachability } from '../channels/webhook/messaging';
import { reportCsv, type Report } from '../stats/report';
import { dayOf } from '../stats/recorder';
import { heldBy } from './capacity';
import type { TwoFactor } from './twoFactor';
import { messageViews } from './messageView';

type Next = (err?: unknown) => void;
type Authed = Request & { session?: Session; token?: string };

export const COOKIE = 'pasapas_session';
const LOGIN_WINDOW_MS = 15 * 60_000;
/** Attempts for one account from one client address per window; then 429 (for that address only). */
export const LOGIN_MAX_PER_ACCOUNT_AND_IP = 5;
const LOGIN_MAX_PER_IP = 30;
/**
 * Failed logins of one account from any address per window before each attempt is slowed down
 * (never refused: a stranger must not be able to lock a mediator out): 0.5 s more per failure past
 * the threshold, at most 5 s.
 */
export const LOGIN_SLOWDOWN_AFTER = 20;
const LOGIN_SLOWDOWN_STEP_MS = 500;
const LOGIN_SLOWDOWN_MAX_MS = 5_000;
/**
 * A stream id as the event stream sends it in `id:` ("<ms>-<seq>"), or "0" (from the start, for API
 * clients); anything else would make XRANGE fail.
 */
const STREAM_ID = /^(?:0|\d{1,15}-\d{1,19})$/;

export function loginSlowdownMs(failures: number): number {
  return failures < LOGIN_SLOWDOWN_AFTER ? 0 : Math.min(LOGIN_SLOWDOWN_MAX_MS, (failures - LOGIN_SLOWDOWN_AFTER + 1) * LOGIN_SLOWDOWN_STEP_MS);
}

const Login = z.object({
  territory: z.string().min(1).max(60),
  username: z.string().min(1).max(60),
  password: z.string().min(1).max(200),
  /** The authenticator app's 6 digits, or a recovery code, when the account has a second factor. */
  code: z.string().max(20).optional(),
}).strict();
/** What a session that must first enrol a second factor may still do (the territory requires one). */
const SETUP_ONLY = /^\/api\/mediator\/(?:me|logout|2fa(?:\/.*)?)$/;
const MessageBody = z.object({ text: z.string().trim().min(1, 'empty message').max(2000) }).strict();
const CloseBody = z.object({ outcome: z.enum(OUTCOMES), note: z.string().max(2000).optional() }).strict();
const DoneBody = z.object({ outcome: z.enum(OUTCOMES).default('fait-pour') }).strict();
const PresenceBody = z.object({ onDuty: z.boolean() }).strict();
/** Handoff ids are UUIDs (randomUUID in both queues): anything else is a bad request, not a lookup. */
export const HANDOFF_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MediatorApiDeps {
  accounts: MediatorAccounts;
  sessions: SessionStore;
  limiter: AttemptCounter;
  audit: AuditLog;
  queue: HandoffQueue;
  hub: EventHub;
  territories: TerritoryRegistry;
  production: boolean;
  /** PUBLIC_BASE_URL: its origin is the only one allowed on cookie POSTs and the login (plus the request's own host outside production). */
  publicBaseUrl: string;
  idleTimeoutSeconds: number;
  /** Every this long an open event stream gets a keep-alive line and its session is checked again (default 15 s). */
  eventsKeepAliveMs?: number;
  now: () => number;
  logger: Logger;
  /** Behind a reverse proxy: the client's IP comes from X-Forwarded-For. */
  /** Reverse proxies in front (TRUST_PROXY): the client address is the one the nearest trusted proxy added. */
  trustProxy?: boolean | number;
  /** The territory's report for a period (coordinators only). */
  report?: (territory: string, from: string, to: string) => Promise<Report>;
  /** Second factor at sign-in (src/mediator/twoFactor.ts); without it, passwords only. */
  twoFactor?: TwoFactor;
  /** The handoff's internal notes and the citizen's earlier visits, for GET /handoffs/:id (src/mediator/notesRoutes.ts…). */
  detail?: { notes(territory: string, id: string): Promise<unknown[]>; previous(territory: string, record: HandoffRecord): Promise<unknown[]> };
  /** Can a message reach the citizen now (STOP, WhatsApp's 24-hour window…)? Default: yes. */
  reachability?: (reference: Partial<ConversationReference>) => Promise<Reachability>;
}

const UNREACHABLE: Record<'unknown-address' | 'opted-out' | 'outside-window', [string, string]> = {
  'opted-out': ['CitizenStopped', 'the citizen wrote STOP: nothing can be sent to them'],
  'outside-window': ['OutsideWindow', 'WhatsApp allows free messages only within 24 hours of the citizen\'s last message, and no template is configured'],
  'unknown-address': ['CitizenGone', 'the citizen\'s contact has expired (retention period)'],
};

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** Storage away (or any unexpected failure): the client retries; the log has the error, the answer nothing of it. */
function unavailable(res: Response): void {
  res.header('Retry-After', '1');
  fail(res, 503, 'ServiceUnavailable', 'temporarily unavailable, retry shortly');
}

function bad(res: Response, err: z.ZodError): void {
  const issue = err.issues[0];
  fail(res, 400, 'BadRequest', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/** What a mediator sees of a handoff. */
export function view(r: HandoffRecord, position?: number) {
  const step = r.stepNumber && r.stepTotal ? `${r.stepNumber}/${r.stepTotal}` : undefined;
  const reason = { command: 'a demandé un conseiller', stuck: 'est bloqué', failures: 'ne comprend pas la question', intent: 'a demandé un conseiller' }[r.reason];
  const summary = r.guideTitle
    ? `${r.guideTitle} — bloqué à l'étape ${step ?? '?'}${r.stepTitle ? ` : ${r.stepTitle}` : ''}`
    : `La personne ${reason}`;
  return {
    id: r.id,
    state: r.state,
    waitingSince: r.enqueuedAt,
    position,
    locale: r.locale,
    channel: r.channel,
    guideId: r.guideId,
    guideTitle: r.guideTitle,
    stepNumber: r.stepNumber,
    stepTotal: r.stepTotal,
    stepTitle: r.stepTitle,
    summary,
    reason: r.reason,
    mediatorId: r.mediatorId,
  };
}

/** What the mediator API's other route modules (photoRoutes.ts…) mount their routes with: the same checks. */
export interface MediatorRouteKit {
  /** Session (bearer or cookie + CSRF on POSTs), else 401/403. */
  auth: RequestHandler;
  /** JSON bodies only (415), parsed (8 KiB). */
  json: RequestHandler[];
  /** 404 HandoffNotFound, 409 IllegalTransition/LeaseLost, 503 anything else (logged). */
  guard(handler: (req: Authed, res: Response) => Promise<void>): RequestHandler;
  me(req: Authed): Session['mediator'];
  fail(res: Response, status: number, code: string, message: string): void;
  bad(res: Response, err: z.ZodError): void;
}
export type { Authed };
/** The same kit, under the name the coordinators' routes use. */
export type MediatorApiKit = MediatorRouteKit;
export { fail, bad };

export function mountMediatorApi(server: Server, deps: MediatorApiDeps): MediatorRouteKit {
  const { queue, audit, now } = deps;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const ownOrigin = new URL(deps.publicBaseUrl).origin;
  /**
   * The request's Origin: 'absent', 'ours' (PUBLIC_BASE_URL's origin; outside production also the
   * request's own host, so a console opened on 127.0.0.1 works in development) or 'foreign' ("null" included).
   */
  const originOf = (req: Request): 'absent' | 'ours' | 'foreign' => {
    const origin = req.header('origin');
    if (origin === undefined || origin === '') return 'absent';
    if (origin === ownOrigin) return 'ours';
    const host = req.header('host');
    if (!deps.production && host && (origin === `http://${host}` || origin === `https://${host}`)) return 'ours';
    return 'foreign';
  };
  /** JSON bodies only: a form (urlencoded, multipart, text/plain) is what another site can post without asking (CSRF). */
  const jsonOnly = (required: boolean) => (req: Request, res: Response, next: Next): void => {
    const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
    const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if ((required || hasBody) && type !== 'application/json') {
      fail(res, 415, 'UnsupportedMediaType', 'send a JSON body (Content-Type: application/json)');
      return next(false);
    }
    return next();
  };
  const json: RequestHandler[] = [jsonOnly(false), ...restify.plugins.bodyParser({ maxBodySize: 8 * 1024, mapParams: false, rejectUnknown: true })];

  /**
   * The session is still the account's: the account exists, with the same role, and is the same
   * account (not removed and re-created). Else every session of that mediator ends.
   */
  const current = async (session: Session): Promise<boolean> => {
    const m = session.mediator;
    const account = await deps.accounts.get(m.territory, m.username);
    if (account && !account.disabled && account.role === m.role && account.createdAt === m.createdAt) return true;
    await deps.sessions.endAll(m.territory, m.username);
    await queue.setPresence(m.territory, m.id, false, 0, now());
    deps.logger.info({ mediatorId: m.id, reason: !account ? 'account removed' : account.disabled ? 'account disabled' : 'role changed' }, 'mediator sessions ended');
    return false;
  };

  /** Session from the bearer token or the cookie; a cookie POST needs the CSRF header and no foreign Origin. */
  const authenticate = async (req: Authed, res: Response): Promise<boolean> => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const cookie = cookieOf(req, COOKIE);
    const token = bearer ?? cookie;
    if (!token) {
      fail(res, 401, 'Unauthorized', 'log in first');
      return false;
    }
    const session = await deps.sessions.touch(token, now());
    if (!session || !(await current(session))) {
      fail(res, 401, 'Unauthorized', 'session expired: log in again');
      return false;
    }
    if (!bearer && req.method !== 'GET') {
      // Without an Origin header (old browsers, privacy extensions) the X-CSRF-Token alone protects the cookie.
      if (originOf(req) === 'foreign') {
        fail(res, 403, 'Forbidden', 'request from another site refused');
        return false;
      }
      if (!safeEqual(req.header('x-csrf-token') ?? '', session.csrf)) {
        fail(res, 403, 'Forbidden', 'missing or wrong X-CSRF-Token');
        return false;
      }
    }
    if (session.mediator.twoFactorSetupRequired && !SETUP_ONLY.test(req.path())) {
      fail(res, 403, 'TwoFactorSetupRequired', 'your territory requires two-factor sign-in: enrol an authenticator app first (POST /api/mediator/2fa/setup)');
      return false;
    }
    req.session = session;
    req.token = token;
    return true;
  };
  const auth = (req: Authed, res: Response, next: Next): void => {
    authenticate(req, res).then(
      (ok) => next(ok ? undefined : false),
      (err: unknown) => {
        deps.logger.error({ err }, 'mediator session check failed');
        unavailable(res);
        next(false);
      },
    );
  };
  const guard = (handler: (req: Authed, res: Response) => Promise<void>) => async (req: Authed, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof HandoffNotFound) return fail(res, 404, 'NotFound', 'no such handoff');
      if (err instanceof IllegalTransition) return fail(res, 409, 'Conflict', `not possible now (state: ${err.state})`);
      if (err instanceof LeaseLost) return fail(res, 409, 'NotYours', 'this handoff is no longer yours');
      deps.logger.error({ err }, 'mediator API failed');
      unavailable(res);
    }
  };
  const me = (req: Authed) => req.session!.mediator;

  const sameOrigin = (req: Request, res: Response, next: Next): void => {
    if (originOf(req) === 'foreign') {
      fail(res, 403, 'Forbidden', 'request from another site refused');
      return next(false);
    }
    return next();
  };

  server.post('/api/mediator/login', jsonOnly(true), sameOrigin, json, guard(async (req, res) => {
    const body = Login.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const { territory, username, password } = body.data;
    const ip = clientIp(req, deps.trustProxy ?? false);
    // The strict limit is per (account, address): someone else's wrong passwords never lock a mediator out.
    const pairKey = `login:acct-ip:${territory}:${username}:${ip}`;
    const accountKey = `login:acct:${territory}:${username}`;
    const [byPair, byIp] = await Promise.all([
      deps.limiter.hit(pairKey, LOGIN_MAX_PER_ACCOUNT_AND_IP, LOGIN_WINDOW_MS, now()),
      deps.limiter.hit(`login:ip:${ip}`, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MS, now()),
    ]);
    if (!byPair || !byIp) {
      res.header('Retry-After', String(LOGIN_WINDOW_MS / 1000));
      return fail(res, 429, 'TooManyAttempts', 'too many attempts: wait 15 minutes');
    }
    // Per account, from every address: slowed down past a threshold, never refused.
    const delay = loginSlowdownMs(await deps.limiter.count(accountKey, now()));
    if (delay > 0) await sleep(delay);
    const mediator = await deps.accounts.verify(territory, username, password);
    if (!mediator || (mediator.demo && deps.production)) {
      const failures = await deps.limiter.increment(accountKey, LOGIN_WINDOW_MS, now());
      if (failures === LOGIN_SLOWDOWN_AFTER) await slowedDown(territory, username);
      return fail(res, 401, 'Unauthorized', 'wrong territory, username or password');
    }
    // Only after the right password: a disabled account is not revealed to someone guessing.
    if (mediator.disabled) return fail(res, 403, 'AccountDisabled', 'this account is disabled: ask your coordinator');
    const second = deps.twoFactor ? await deps.twoFactor.atLogin(mediator, body.data.code, now()) : 'ok';
    if (second === 'required') return fail(res, 401, 'TwoFactorRequired', 'enter the 6-digit code of your authenticator app (or a recovery code)');
    if (second === 'wrong') {
      // Counted like a wrong password (the limits above apply to codes too).
      await deps.limiter.increment(accountKey, LOGIN_WINDOW_MS, now());
      await audit.write(territory, { at: now(), mediatorId: mediator.id, action: 'two-factor-failed' });
      return fail(res, 401, 'TwoFactorWrong', 'wrong or already used code');
    }
    await deps.limiter.reset(pairKey);
    const { token, session } = await deps.sessions.create(second === 'setup' ? { ...mediator, twoFactorSetupRequired: true } : mediator, now());
    await audit.write(territory, { at: now(), mediatorId: mediator.id, action: 'login' });
    res.header(
      'Set-Cookie',
      // No Max-Age: a browser-session cookie; the server ends the session after the idle timeout, renewed by each request.
      `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${deps.production ? '; Secure' : ''}`,
    );
    res.send(200, { token, csrfToken: session.csrf, mediator: session.mediator });
  }));

  /** An account's logins are being slowed down: a warning in the log and a line in the territory's audit. */
  const slowedDown = async (territory: string, username: string) => {
    const account = deps.territories.get(territory) ? await deps.accounts.get(territory, username) : undefined;
    deps.logger.warn(
      { territory, mediatorId: account?.id, failures: LOGIN_SLOWDOWN_AFTER, windowMinutes: LOGIN_WINDOW_MS / 60_000 },
      'many failed logins for one account from several addresses: its logins are slowed down (never locked)',
    );
    if (account) await audit.write(territory, { at: now(), mediatorId: account.id, action: 'login-slowed' });
  };

  server.post('/api/mediator/logout', auth, guard(async (req, res) => {
    await deps.sessions.destroy(req.token!);
    await queue.setPresence(me(req).territory, me(req).id, false, 0, now());
    await audit.write(me(req).territory, { at: now(), mediatorId: me(req).id, action: 'logout' });
    res.header('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.send(204);
  }));

  server.get('/api/mediator/me', auth, guard(async (req, res) => {
    const m = me(req);
    const onDuty = await isOnDuty(m.territory, m.id);
    // The CSRF token too: a console signed in through ProConnect (a redirect, no JSON answer) learns it here.
    res.send(200, { ...m, onDuty, idleTimeoutSeconds: deps.idleTimeoutSeconds, csrfToken: req.session!.csrf });
  }));

  /** Presence expires with the session's idle time; asking for it renews it while on duty. */
  const isOnDuty = async (territory: string, id: string) => {
    const on = await queue.isOnDuty(territory, id, now());
    if (on) await queue.setPresence(territory, id, true, deps.idleTimeoutSeconds * 1000, now());
    return on;
  };

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

  server.get('/api/mediator/queue', auth, guard(async (req, res) => {
    const m = me(req);
    const waiting = await queue.waiting(m.territory);
    const mine = await heldBy(queue, m.territory, m.id);
    const capacity = (await deps.accounts.get(m.territory, m.username))?.capacity ?? null;
    // `now`: the server's clock, so a console on a computer whose clock is wrong still shows true waits.
    // `atCapacity`: the mediator holds as many as their capacity (set by a coordinator): a claim would be refused.
    res.send(200, { waiting: waiting.map((r, i) => view(r, i + 1)), mine: mine.map((r) => view(r)), now: now(), capacity, atCapacity: capacity !== null && mine.length >= capacity });
  }));

  server.post('/api/mediator/handoffs/:id/claim', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    const territory = deps.territories.get(m.territory);
    const account = await deps.accounts.get(m.territory, m.username);
    if (account?.capacity !== undefined) {
      const held = (await heldBy(queue, m.territory, m.id)).length;
      if (held >= account.capacity) return fail(res, 409, 'AtCapacity', `you already have ${held} conversation(s) and your capacity is ${account.capacity}: close or release one first`);
    }
    let claim;
    try {
      claim = await queue.claim(m.territory, id, m.id, (territory?.handoff.leaseSeconds ?? 90) * 1000, now());
    } catch (err) {
      if (err instanceof IllegalTransition && err.state === 'with_mediator') return fail(res, 409, 'AlreadyClaimed', 'déjà pris');
      throw err;
    }
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'claim', handoffId: id });
    const messages = messageViews(id, await queue.messages(m.territory, id));
    res.send(200, { handoff: view(claim.record), transcript: claim.record.transcript, messages, leaseExpiresAt: claim.leaseExpiresAt });
  }));

  const lease = async (req: Authed): Promise<string> => {
    const m = me(req);
    const id = String(req.params.id);
    const token = await queue.leaseOf(m.territory, id, m.id);
    if (!token) {
      if (!(await queue.get(m.territory, id))) throw new HandoffNotFound(id);
      throw new LeaseLost(id);
    }
    return token;
  };

  server.post('/api/mediator/handoffs/:id/heartbeat', auth, guard(async (req, res) => {
    const m = me(req);
    const t = deps.territories.get(m.territory);
    const leaseExpiresAt = await queue.heartbeat(m.territory, String(req.params.id), await lease(req), (t?.handoff.leaseSeconds ?? 90) * 1000, now());
    res.send(200, { leaseExpiresAt });
  }));

  /**
   * One handoff of the caller's territory with everything the console shows of it, so a reload rebuilds a
   * conversation: the masked transcript before the handoff and every message since. `notes` and `previous` are
   * empty until internal notes and earlier visits exist (issue 19).
   */
  server.get('/api/mediator/handoffs/:id', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    if (!HANDOFF_ID.test(id)) return fail(res, 400, 'BadRequest', 'id: not a handoff id');
    const record = await queue.get(m.territory, id);
    if (!record) throw new HandoffNotFound(id);
    const messages = messageViews(id, await queue.messages(m.territory, id));
    const [notes, previous] = deps.detail ? await Promise.all([deps.detail.notes(m.territory, id), deps.detail.previous(m.territory, record)]) : [[], []];
    res.send(200, { handoff: view(record), transcript: record.transcript, messages, notes, previous });
  }));

  server.get('/api/mediator/handoffs/:id/messages', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    if (!(await queue.get(m.territory, id))) throw new HandoffNotFound(id);
    const after = Math.max(0, Number(new URLSearchParams(req.getQuery() ?? '').get('after') ?? 0) || 0);
    const messages = messageViews(id, await queue.messages(m.territory, id, after), after);
    res.send(200, { messages });
  }));

  server.post('/api/mediator/handoffs/:id/messages', auth, json, guard(async (req, res) => {
    const body = MessageBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const id = String(req.params.id);
    await lease(req);
    const record = await queue.get(m.territory, id);
    if (!record) throw new HandoffNotFound(id);
    const reach = deps.reachability ? await deps.reachability(record.reference) : { ok: true as const, later: false };
    if (!reach.ok) {
      const [code, message] = UNREACHABLE[reach.reason];
      return fail(res, 422, code, message);
    }
    await queue.addMessage(m.territory, id, { at: now(), from: 'mediator', text: maskPersonalData(body.data.text), mediatorId: m.id });
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'message', handoffId: id });
    res.send(201, { index: (await queue.messages(m.territory, id)).length - 1, delivery: reach.later ? 'when-citizen-writes' : 'now' });
  }));

  server.post('/api/mediator/handoffs/:id/release', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    await queue.release(m.territory, id, await lease(req), now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'release', handoffId: id });
    res.send(204);
  }));

  server.post('/api/mediator/handoffs/:id/close', auth, json, guard(async (req, res) => {
    const body = CloseBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const id = String(req.params.id);
    await queue.close(m.territory, id, await lease(req), body.data.outcome, maskPersonalData(body.data.note ?? ''), now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'close', handoffId: id, outcome: body.data.outcome });
    res.send(204);
  }));

  server.get('/api/mediator/callbacks', auth, guard(async (req, res) => {
    const m = me(req);
    const callbacks = (await queue.callbacks(m.territory)).map((r) => ({
      ...view(r),
      phone: r.callbackPhone,
      callAt: r.callbackAt,
    }));
    res.send(200, { callbacks });
  }));

  server.post('/api/mediator/callbacks/:id/done', auth, json, guard(async (req, res) => {
    const body = DoneBody.safeParse(req.body ?? {});
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const id = String(req.params.id);
    await queue.callbackDone(m.territory, id, body.data.outcome, m.id, now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'callback-done', handoffId: id, outcome: body.data.outcome });
    res.send(204);
  }));

  server.post('/api/mediator/presence', auth, json, guard(async (req, res) => {
    const body = PresenceBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    await queue.setPresence(m.territory, m.id, body.data.onDuty, deps.idleTimeoutSeconds * 1000, now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: body.data.onDuty ? 'on-duty' : 'off-duty' });
    res.send(200, { onDuty: body.data.onDuty });
  }));

  /**
   * Server-Sent Events of the caller's territory; resumes after Last-Event-ID (header, or
   * ?lastEventId= for clients that cannot set it). Every keep-alive checks the session again: a
   * session that ended (logout elsewhere, account removed, role changed, lifetime over) ends the
   * stream. Storage away: the stream stays open and resumes when it is back.
   */
  server.get('/api/mediator/events', auth, (req: Authed, res: Response, next: Next) => {
    const m = me(req);
    const token = req.token!;
    const last = req.header('last-event-id') || new URLSearchParams(req.getQuery() ?? '').get('lastEventId') || '';
    if (last && !STREAM_ID.test(last)) {
      fail(res, 400, 'BadRequest', 'Last-Event-ID: a stream id "<ms>-<seq>" as sent in the id: lines, or 0 (from the start)');
      return next(false);
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': pasapas\n\n');
    let open = true;
    let keepAlive: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    const end = () => {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      unsubscribe();
      res.end();
    };
    unsubscribe = deps.hub.subscribe(
      m.territory,
      last || undefined,
      (e) => {
        res.write(`id: ${e.streamId}\nevent: handoff\ndata: ${JSON.stringify(e)}\n\n`);
      },
      end, // shutdown: the console's EventSource reconnects (to another instance) with Last-Event-ID
    );
    keepAlive = setInterval(() => {
      res.write(': keep-alive\n\n');
      deps.sessions
        .peek(token, now())
        .then(async (session) => {
          if (!session || !(await current(session))) end();
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'event stream: session check failed (storage away?); the stream stays open'));
    }, deps.eventsKeepAliveMs ?? 15_000);
    req.on('close', end);
    res.on('close', end);
    return next(false);
  });
  return { auth: auth as RequestHandler, json, guard: (h) => guard(h) as RequestHandler, me, fail, bad };
}
