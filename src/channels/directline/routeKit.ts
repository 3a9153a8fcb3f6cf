/**
 * What every Direct Line route shares (routes.ts mounts them): the dependencies, the error boundary, the
 * Bearer-token check, JSON bodies, CORS for the territories' sites, and the per-minute limits.
 */
import type { RateLimiter } from '../../storage/rateLimiter';
import restify, { type Request, type RequestHandler, type Response } from 'restify';
import type { Logger } from 'pino';
import type { TerritoryRegistry } from '../../territories/registry';
import { DirectLineError } from './errors';
import type { DirectLineService } from './service';
import type { TokenClaims, TokenService } from './tokens';
import type { UploadQuotas } from './uploadQuota';

/** What the routes report of photos (the Prometheus metrics implement it). */
export interface UploadEvents {
  /** A photo stored in Redis (kept for the territory's retention). */
  uploadStored(territory: string, bytes: number): void;
  /** A photo refused: 'rate' (messages a minute), 'memory' (Redis too full), or the quota: 'conversation', 'ip', 'territory'. */
  uploadRefused(territory: string, reason: string): void;
}

export const BASE = '/v3/directline';
/**
 * Request headers a cross-origin page may send: botframework-directlinejs sends `x-ms-bot-agent`, and
 * the RxJS ajax under it `X-Requested-With` on every call (Microsoft's Web Chat does not start without).
 */
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, X-Requested-With, x-ms-bot-agent, x-ms-conversation-id';
export type Next = (err?: unknown) => void;
export type AuthedRequest = Request & { claims?: TokenClaims; bearer?: string };

/**
 * The counter of a conversation's messages and photos (a minute's window): its hash tag is the conversation's,
 * as in its other keys, so the claim script counts it in the same slot.
 */
export function messagesKey(conversationId: string): string {
  return `dl:msgs:{${conversationId}}`;
}

function sendError(res: Response, err: unknown, logger: Logger): void {
  if (res.headersSent) {
    logger.error({ err }, 'web chat request failed after its answer started');
    return;
  }
  if (err instanceof DirectLineError) {
    if (err.status === 503) res.header('Retry-After', '1');
    if (err.status === 429) res.header('Retry-After', '60');
    res.send(err.status, { error: { code: err.code, message: err.message } });
    return;
  }
  logger.error({ err }, 'web chat request failed');
  res.header('Retry-After', '1');
  res.send(503, { error: { code: 'ServiceUnavailable', message: 'temporarily unavailable, retry shortly' } });
}

/**
 * The origin this request was sent to (its scheme and Host header), when it is a plain one: a page of
 * that origin is one of ours, whatever name reached us (http://localhost:3978 as well as PUBLIC_BASE_URL).
 * Behind a TLS proxy the scheme differs from the page's and nothing matches: PUBLIC_BASE_URL serves then.
 */
export function requestOrigin(req: { headers: Record<string, string | string[] | undefined>; socket?: unknown }): string | undefined {
  const host = req.headers.host;
  if (typeof host !== 'string' || !/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host)) return undefined;
  const secure = Boolean((req.socket as { encrypted?: boolean } | undefined)?.encrypted);
  return `${secure ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/** restify leaves the query string unparsed unless a plugin runs: read it here. */
export function watermarkOf(req: Request): number {
  const n = Number(new URLSearchParams(req.getQuery() ?? '').get('watermark') ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export interface DirectLineRouteDeps {
  service: DirectLineService;
  tokens: TokenService;
  territories: TerritoryRegistry;
  uploadMaxBytes: number;
  /** How long after expiry a token may still be refreshed (DIRECTLINE_REFRESH_GRACE_SECONDS). */
  refreshGraceSeconds: number;
  logger: Logger;
  /** Redis-backed limits shared by every instance (none: unlimited, e.g. in benchmarks of the raw path). */
  limiter?: RateLimiter;
  /** Per minute; 0 = no limit (WEBCHAT_TOKENS_PER_IP_PER_MINUTE, WEBCHAT_MESSAGES_PER_MINUTE). */
  limits?: { tokensPerIpPerMinute: number; messagesPerConversationPerMinute: number };
  /** TRUST_PROXY: trusted reverse proxies in front of the service (true = 1; see clientIp). */
  trustProxy?: boolean | number;
  now?: () => number;
  /** Daily photo quotas (none: unlimited). */
  quotas?: UploadQuotas;
  /** True while Redis is too full to take photos (REDIS_MEMORY_WARN_PERCENT). */
  storageFull?: () => Promise<boolean>;
  uploadEvents?: UploadEvents;
}

/** Defaults: page loads from one address (an office behind one IP counts once), messages in one conversation. */
export const WEB_CHAT_LIMITS = { tokensPerIpPerMinute: 60, messagesPerConversationPerMinute: 60 };

/** The Bearer token of a request, or undefined. */
export function bearerOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
}

export interface RouteKit {
  /** Every route's error boundary (see `routeKit`). */
  guarded<R extends Request>(handler: (req: R, res: Response) => Promise<void>): (req: R, res: Response) => Promise<void>;
  /** Bearer token → `req.claims`; 403 when missing, expired or foreign to the :id in the path. */
  auth(req: AuthedRequest, res: Response, next: Next): void;
  /** A JSON body of `max` bytes at most. */
  json(max: number): RequestHandler[];
  /** 415 unless the body is JSON. */
  needJson(req: Request, res: Response, next: Next): unknown;
  /** The CORS headers for a page of one of the territories' sites. */
  cors(req: Request, res: Response): void;
  /** Counts a hit on `key`; over `limit` a minute, answers 429 + Retry-After and says so. */
  limited(res: Response, key: string, limit: number): Promise<boolean>;
}

export function routeKit(deps: DirectLineRouteDeps): RouteKit {
  const { tokens, logger } = deps;
  /**
   * Every route's error boundary: whatever a handler throws (Redis away: the limiter, the log, the
   * files) becomes 503 + Retry-After with a generic message, never restify's 500 with the driver's words.
   */
  const guarded =
    <R extends Request>(handler: (req: R, res: Response) => Promise<void>) =>
    async (req: R, res: Response): Promise<void> => {
      try {
        await handler(req, res);
      } catch (err) {
        sendError(res, err, logger);
      }
    };

  /** Bearer token → claims; 403 when missing, expired or foreign to the :id in the path. */
  const auth = (req: AuthedRequest, res: Response, next: Next): void => {
    const bearer = bearerOf(req);
    const verified = bearer ? tokens.verify(bearer) : Promise.resolve(null);
    verified.then(
      (claims) => {
        if (!claims) {
          res.send(403, { error: { code: 'TokenExpired', message: 'missing, invalid or expired token' } });
          return next(false);
        }
        if (req.params.id !== undefined && req.params.id !== claims.conversationId) {
          res.send(403, { error: { code: 'Forbidden', message: 'this token is not for this conversation' } });
          return next(false);
        }
        req.claims = claims;
        req.bearer = bearer;
        return next();
      },
      (err: unknown) => next(err),
    );
  };
  const json = (max: number) =>
    restify.plugins.bodyParser({ maxBodySize: max, mapParams: false, mapFiles: false, rejectUnknown: true });
  const needJson = (req: Request, res: Response, next: Next) => {
    if (!req.is('application/json')) {
      res.send(415, { error: { code: 'UnsupportedMediaType', message: 'send application/json' } });
      return next(false);
    }
    return next();
  };
  const cors = (req: Request, res: Response) => {
    const origin = req.header('origin');
    if (origin && deps.territories.list().some((t) => deps.territories.originAllowed(t.id, origin))) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
      // directlinejs waits Retry-After on a 429; the widget reads it too.
      res.header('Access-Control-Expose-Headers', 'Retry-After');
    }
  };

  const limited = async (res: Response, key: string, limit: number): Promise<boolean> => {
    if (!deps.limiter || limit <= 0 || (await deps.limiter.hit(key, limit, 60_000, (deps.now ?? Date.now)()))) return false;
    res.header('Retry-After', '60');
    res.send(429, { error: { code: 'TooManyRequests', message: `more than ${limit} requests a minute: wait a little` } });
    return true;
  };

  return { guarded, auth, json, needJson, cors, limited };
}
