/**
 * Direct Line 3.0 REST routes under /v3/directline, compatible with botframework-directlinejs.
 * Every route but tokens/generate is authenticated (Bearer token) BEFORE its body is read.
 */
import { clientIp } from '../../security';
import type { RateLimiter } from '../../storage/rateLimiter';
import restify, { type Request, type Response, type Server } from 'restify';
import busboy from 'busboy';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { TerritoryRegistry } from '../../territories/registry';
import { DirectLineError, type DirectLineService, type IncomingActivity } from './service';
import type { TokenClaims, TokenService } from './tokens';
import type { UploadQuotas } from './uploadQuota';

/** What the routes report of photos (the Prometheus metrics implement it). */
export interface UploadEvents {
  /** A photo stored in Redis (kept for the territory's retention). */
  uploadStored(territory: string, bytes: number): void;
  /** A photo refused: 'rate' (messages a minute), 'memory' (Redis too full), or the quota: 'conversation', 'ip', 'territory'. */
  uploadRefused(territory: string, reason: string): void;
}

const BASE = '/v3/directline';
const MAX_ACTIVITY_BYTES = 16 * 1024;
const IMAGE_TYPES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

const GenerateBody = z.object({ territory: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) }).passthrough();
const ActivityBody = z
  .object({
    type: z.enum(['message', 'typing', 'event', 'conversationUpdate', 'invoke']),
    text: z.string().max(5000).optional(),
    name: z.string().max(200).optional(),
    value: z.unknown().optional(),
    locale: z.string().max(20).optional(),
  })
  .passthrough();

type Next = (err?: unknown) => void;
type AuthedRequest = Request & { claims?: TokenClaims; bearer?: string };

function sendError(res: Response, err: unknown, logger: Logger): void {
  if (res.headersSent) {
    logger.error({ err }, 'web chat request failed after its answer started');
    return;
  }
  if (err instanceof DirectLineError) {
    res.send(err.status, { error: { code: err.code, message: err.message } });
    return;
  }
  logger.error({ err }, 'web chat request failed');
  res.header('Retry-After', '1');
  res.send(503, { error: { code: 'ServiceUnavailable', message: 'temporarily unavailable, retry shortly' } });
}

/** restify leaves the query string unparsed unless a plugin runs: read it here. */
function watermarkOf(req: Request): number {
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

export function mountDirectLine(server: Server, deps: DirectLineRouteDeps): void {
  const { service, tokens, logger } = deps;
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
    const m = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    const verified = m ? tokens.verify(m[1]) : Promise.resolve(null);
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
        req.bearer = m![1];
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
    }
  };

  server.opts(`${BASE}/*`, (req: Request, res: Response, next: Next) => {
    cors(req, res);
    res.header('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    return next();
  });

  const limited = async (res: Response, key: string, limit: number): Promise<boolean> => {
    if (!deps.limiter || limit <= 0 || (await deps.limiter.hit(key, limit, 60_000, (deps.now ?? Date.now)()))) return false;
    res.header('Retry-After', '60');
    res.send(429, { error: { code: 'TooManyRequests', message: `more than ${limit} requests a minute: wait a little` } });
    return true;
  };

  server.post(`${BASE}/tokens/generate`, needJson, json(1024), guarded(async (req: Request, res: Response): Promise<void> => {
    cors(req, res);
    if (await limited(res, `dl:tokens:${clientIp(req, deps.trustProxy ?? false)}`, (deps.limits ?? WEB_CHAT_LIMITS).tokensPerIpPerMinute)) return;
    const body = GenerateBody.safeParse(req.body);
    if (!body.success) {
      res.send(400, { error: { code: 'BadArgument', message: 'territory: expected a territory id' } });
      return;
    }
    res.send(200, await service.generate(body.data.territory, req.header('origin')));
  }));

  // A refresh accepts a token expired within a short grace (its signature still checked): a laptop that slept,
  // not the next person on a shared computer days later.
  server.post(`${BASE}/tokens/refresh`, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    const m = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    const claims = m ? await tokens.verify(m[1], deps.refreshGraceSeconds) : null;
    if (!claims) {
      res.send(403, { error: { code: 'TokenExpired', message: 'missing, invalid or too old token' } });
      return;
    }
    res.send(200, await service.refresh(claims));
  }));

  server.post(`${BASE}/conversations`, auth, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    const { created, info } = await service.start(req.claims!, req.bearer!);
    res.send(created ? 201 : 200, info);
  }));

  server.get(`${BASE}/conversations/:id`, auth, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    res.send(200, await service.reconnect(req.claims!, req.bearer!, watermarkOf(req)));
  }));

  server.get(`${BASE}/conversations/:id/activities`, auth, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    res.send(200, await service.activities(req.claims!, watermarkOf(req)));
  }));

  server.post(
    `${BASE}/conversations/:id/activities`,
    auth,
    needJson,
    json(MAX_ACTIVITY_BYTES),
    guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
      cors(req, res);
      // An unknown (or ended) conversation gets its 404 before anything is counted for it.
      await service.requireConversation(req.claims!);
      if (await limited(res, `dl:msgs:${String(req.params.id)}`, (deps.limits ?? WEB_CHAT_LIMITS).messagesPerConversationPerMinute)) return;
      const body = ActivityBody.safeParse(req.body);
      if (!body.success) {
        const issue = body.error.issues[0];
        res.send(400, { error: { code: 'BadArgument', message: `${issue.path.join('.') || 'activity'}: ${issue.message}` } });
        return;
      }
      res.send(200, { id: await service.post(req.claims!, body.data as IncomingActivity) });
    }),
  );

  // "Terminer et effacer": the token may have expired within the refresh grace (a page that slept): it only destroys.
  server.del(`${BASE}/conversations/:id`, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    const m = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    const claims = m ? await tokens.verify(m[1], deps.refreshGraceSeconds) : null;
    if (!claims || claims.conversationId !== req.params.id) {
      res.send(403, { error: { code: 'Forbidden', message: 'missing, invalid or foreign token' } });
      return;
    }
    await service.end(claims);
    // Its counters go too (they name the conversation).
    await deps.limiter?.reset(`dl:msgs:${claims.conversationId}`);
    await deps.quotas?.forgetConversation(claims.conversationId);
    res.send(204);
  }));

  server.get(`${BASE}/conversations/:id/files/:fileId`, auth, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    const f = await service.file(req.claims!, String(req.params.fileId));
    res.writeHead(200, {
      'Content-Type': f.contentType,
      'Content-Length': f.bytes.length,
      'Content-Disposition': 'inline',
      'Content-Security-Policy': "default-src 'none'",
    });
    res.end(f.bytes);
  }));

  /**
   * A photo: counted in the conversation's messages a minute, refused while Redis is too full for photos,
   * and within the daily quotas (per conversation, per client address, per territory) — checked before
   * the body is read, counted once its size is known.
   */
  server.post(`${BASE}/conversations/:id/upload`, auth, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    const claims = req.claims!;
    const refuse = (status: number, code: string, message: string, retryAfterSeconds?: number, reason?: string) => {
      if (reason) deps.uploadEvents?.uploadRefused(claims.territory, reason);
      if (retryAfterSeconds !== undefined) res.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
      res.send(status, { error: { code, message } });
      req.resume(); // the rest of the body is read and dropped
    };
    const tooLarge = `a photo of ${Math.round(deps.uploadMaxBytes / 1048576)} MB at most`;
    if (!req.is('multipart/form-data')) return refuse(415, 'UnsupportedMediaType', 'send multipart/form-data with a "file" part');
    const declared = Number(req.header('content-length') ?? 0);
    if (declared > deps.uploadMaxBytes + 64 * 1024) return refuse(413, 'PayloadTooLarge', tooLarge);
    await service.requireConversation(claims);
    if (await limited(res, `dl:msgs:${claims.conversationId}`, (deps.limits ?? WEB_CHAT_LIMITS).messagesPerConversationPerMinute)) {
      deps.uploadEvents?.uploadRefused(claims.territory, 'rate');
      req.resume();
      return;
    }
    if (await deps.storageFull?.()) {
      return refuse(503, 'PhotosPaused', 'photos cannot be received for now: retry later', 600, 'memory');
    }
    const who = { conversationId: claims.conversationId, ip: clientIp(req, deps.trustProxy ?? false), territory: claims.territory };
    const now = (deps.now ?? Date.now)();
    const full = await deps.quotas?.full(who, now);
    if (full) return refuse(429, 'PhotoQuotaExceeded', `enough photos for today (${full.scope}): retry later`, full.retryAfterMs / 1000, full.scope);

    const read = await readPhoto(req, deps.uploadMaxBytes);
    if ('status' in read) return refuse(read.status, read.code, read.status === 413 ? tooLarge : read.message);
    const bytes = read.bytes;
    const taken = deps.quotas ? await deps.quotas.take(who, bytes.length, now) : { ok: true as const, release: async () => undefined };
    if (!taken.ok) return refuse(429, 'PhotoQuotaExceeded', `enough photos for today (${taken.scope}): retry later`, taken.retryAfterMs / 1000, taken.scope);
    let id: string;
    try {
      id = await service.upload(claims, { contentType: read.contentType, name: read.name.slice(0, 100), bytes });
    } catch (err) {
      // Not stored: not counted either.
      await taken.release().catch((e: unknown) => logger.warn({ err: e }, 'photo quota not given back'));
      throw err;
    }
    deps.uploadEvents?.uploadStored(claims.territory, bytes.length);
    res.send(200, { id });
  }));
}

/** The "file" part of a multipart body: a JPEG or PNG (checked by its first bytes) of `maxBytes` at most. */
function readPhoto(
  req: Request,
  maxBytes: number,
): Promise<{ contentType: string; name: string; bytes: Buffer } | { status: number; code: string; message: string }> {
  const bad = (message: string) => ({ status: 400, code: 'BadArgument', message });
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Awaited<ReturnType<typeof readPhoto>>) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 4, fieldSize: 16 * 1024 } });
    } catch {
      return done(bad('malformed multipart body'));
    }
    let file: { contentType: string; name: string; chunks: Buffer[]; truncated: boolean } | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || file) {
        stream.resume();
        return;
      }
      const f = { contentType: info.mimeType, name: info.filename ?? 'photo', chunks: [] as Buffer[], truncated: false };
      file = f;
      stream.on('data', (c: Buffer) => f.chunks.push(c));
      stream.on('limit', () => {
        f.truncated = true;
      });
    });
    parser.on('error', () => done(bad('malformed multipart body')));
    parser.on('close', () => {
      if (!file) return done(bad('no "file" part'));
      if (file.truncated) return done({ status: 413, code: 'PayloadTooLarge', message: 'photo too large' });
      const bytes = Buffer.concat(file.chunks);
      const check = IMAGE_TYPES[file.contentType];
      if (!check || !check(bytes)) return done({ status: 415, code: 'UnsupportedMediaType', message: 'a JPEG or PNG photo only' });
      done({ contentType: file.contentType, name: file.name, bytes });
    });
    req.on('close', () => {
      if (!req.complete) done(bad('request aborted'));
    });
    req.pipe(parser);
  });
}
