/**
 * The mediators' HTTP API (docs/mediator-api.md, docs/mediator-api.openapi.yaml). A mediator only
 * ever sees their own territory: every lookup is made under the session's territory, so another
 * territory's handoff is simply "not found" (404, its existence not revealed).
 * Auth: `Authorization: Bearer <token>` (API clients) or the console's HttpOnly cookie plus the
 * `X-CSRF-Token` header on every POST; a cookie POST (and the login) from another site's `Origin`
 * is refused. Bodies are JSON only (415 otherwise), validated with zod: 400 names the field.
 * Storage away: 503 + Retry-After with a generic message, never a 500 nor the driver's words.
 */
import type { Request, Response, Server } from 'restify';
import { pathIdProblem, type PathIdRule } from '../security';
import { apiKit, fail, type MediatorApiDeps, type MediatorRouteKit } from './apiKit';
import { mountCallbackRoutes } from './callbackRoutes';
import { mountEventsRoute } from './eventsRoute';
import { mountHandoffRoutes } from './handoffRoutes';
import { mountReportRoute } from './reportRoute';
import { mountSessionRoutes } from './sessionRoutes';

export { COOKIE, HANDOFF_ID, bad, fail, view, type Authed, type MediatorApiDeps, type MediatorRouteKit } from './apiKit';
export { LOGIN_MAX_PER_ACCOUNT_AND_IP, LOGIN_SLOWDOWN_AFTER, loginSlowdownMs } from './sessionRoutes';
/** The ids in the API's paths: a handoff's (its messages, notes, photos…), a callback's. */
const MEDIATOR_PATH_IDS: PathIdRule[] = [{ path: /^\/api\/mediator\/(?:handoffs|callbacks)\/([^/]*)/, names: ['handoff id'] }];

/** The same kit, under the name the coordinators' routes use. */
export type MediatorApiKit = MediatorRouteKit;

/**
 * Mounts the API's own routes, by resource, with one kit (src/mediator/apiKit.ts); returns the kit for the other
 * route modules (notes, photos, transfer, replies, coordinators…), mounted by app.ts.
 */
export function mountMediatorApi(server: Server, deps: MediatorApiDeps): MediatorRouteKit {
  const kit = apiKit(deps);
  // A handoff or callback id that cannot be one of ours: 400 with the reason, before the router (which answers 404
  // to a segment over 100 characters), the session check and the queue.
  server.pre((req: Request, res: Response, next: (err?: unknown) => unknown) => {
    const why = req.url?.startsWith('/api/mediator/') ? pathIdProblem(req.url, MEDIATOR_PATH_IDS) : undefined;
    if (!why) return next();
    req.resume();
    fail(res, 400, 'BadRequest', why);
    return next(false);
  });
  mountSessionRoutes(server, deps, kit);
  mountReportRoute(server, deps, kit);
  mountHandoffRoutes(server, deps, kit);
  mountCallbackRoutes(server, deps, kit);
  mountEventsRoute(server, deps, kit);
  return { auth: kit.auth, json: kit.json, guard: kit.guard, me: kit.me, fail: kit.fail, bad: kit.bad };
}
