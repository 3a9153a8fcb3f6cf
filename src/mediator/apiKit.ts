/**
 * What every route of the mediators' HTTP API shares (src/mediator/api.ts mounts them): the session check
 * (bearer token, or cookie + X-CSRF-Token and no foreign Origin on POSTs), JSON-only bodies, the error boundary
 * (404 / 409 / 503 + Retry-After, never the driver's words) and the answers' shapes.
 */
import restify, { type Request, type RequestHandler, type Response } from 'restify';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { ConversationReference } from 'botbuilder';
import { safeEqual } from '../security';
import type { HandoffQueue, HandoffRecord } from '../handoff/queue';
import { HandoffNotFound, LeaseLost } from '../handoff/queue';
import { IllegalTransition } from '../handoff/states';
import type { TerritoryRegistry } from '../territories/registry';
import type { Reachability } from '../channels/webhook/messaging';
import type { Report } from '../stats/report';
import type { MediatorAccounts } from './accounts';
import type { AttemptCounter, Session, SessionStore } from './sessions';
import type { AuditLog } from './audit';
import type { EventHub } from './eventHub';
import type { TwoFactor } from './twoFactor';

export type Next = (err?: unknown) => void;
export type Authed = Request & { session?: Session; token?: string };

export const COOKIE = 'pasapas_session';
/** What a session that must first enrol a second factor may still do (the territory requires one). */
const SETUP_ONLY = /^\/api\/mediator\/(?:me|logout|2fa(?:\/.*)?)$/;
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

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** Storage away (or any unexpected failure): the client retries; the log has the error, the answer nothing of it. */
export function unavailable(res: Response): void {
  res.header('Retry-After', '1');
  fail(res, 503, 'ServiceUnavailable', 'temporarily unavailable, retry shortly');
}

export function bad(res: Response, err: z.ZodError): void {
  const issue = err.issues[0];
  fail(res, 400, 'BadRequest', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

/** What a mediator sees of a handoff. */
export function view(r: HandoffRecord, position?: number) {
  const step = r.stepNumber && r.stepTotal ? `${r.stepNumber}/${r.stepTotal}` : undefined;
  const reason = { command: 'a demandé un conseiller', stuck: 'est bloqué', failures: 'ne comprend pas la question', intent: 'a demandé un conseiller' }[r.reason];
  // Where in the guide: offered, before its first step (the papers), or at a step; then the citizen's own words.
  const where = !r.guideTitle
    ? `La personne ${reason}`
    : r.stage === 'offer'
      ? `${r.guideTitle} — guide proposé, pas encore commencé`
      : r.stage === 'needs' || (!r.stepId && !r.stepNumber)
        ? `${r.guideTitle} — avant de commencer : liste des papiers`
        : `${r.guideTitle} — bloqué à l'étape ${step ?? '?'}${r.stepTitle ? ` : ${r.stepTitle}` : ''}`;
  const summary = r.said ? `${where} — « ${r.said} »` : where;
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
    stage: r.stage,
    said: r.said,
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

/** The kit and what only the API's own routes use besides it. */
export interface ApiKit extends MediatorRouteKit {
  /** JSON body required (415 otherwise), before it is parsed. */
  jsonOnly(required: boolean): RequestHandler;
  /** No foreign Origin (403): the login, which has no session yet. */
  sameOrigin: RequestHandler;
  /** The session is still its account's (else every session of that mediator ends). */
  current(session: Session): Promise<boolean>;
}

export function apiKit(deps: MediatorApiDeps): ApiKit {
  const { queue, now } = deps;
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
  return {
    auth: auth as RequestHandler,
    json,
    guard: (h) => guard(h) as RequestHandler,
    me,
    fail,
    bad,
    jsonOnly: (required) => jsonOnly(required) as RequestHandler,
    sameOrigin: sameOrigin as RequestHandler,
    current,
  };
}
