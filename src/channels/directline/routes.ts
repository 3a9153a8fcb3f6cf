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
import { clientActivityIdOf, DirectLineError, type DirectLineService, type IncomingActivity, type UploadedFile } from './service';
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
/** Photos in one upload (Web Chat lets a citizen pick several); each counts in the quotas. */
export const MAX_FILES_PER_UPLOAD = 5;
/** The `activity` part of an upload: Web Chat puts a thumbnail (a data: URL) of each photo in it, dropped here. */
const MAX_UPLOAD_ACTIVITY_BYTES = 512 * 1024;
/**
 * Request headers a cross-origin page may send: botframework-directlinejs sends `x-ms-bot-agent`, and
 * the RxJS ajax under it `X-Requested-With` on every call (Microsoft's Web Chat does not start without).
 */
export const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, X-Requested-With, x-ms-bot-agent, x-ms-conversation-id';
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

/**
 * The counter of a conversation's messages and photos (a minute's window): its hash tag is the conversation's,
 * as in its other keys, so the claim script counts it in the same slot.
 */
function messagesKey(conversationId: string): string {
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
      // directlinejs waits Retry-After on a 429; the widget reads it too.
      res.header('Access-Control-Expose-Headers', 'Retry-After');
    }
  };

  server.opts(`${BASE}/*`, (req: Request, res: Response, next: Next) => {
    cors(req, res);
    res.header('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    res.header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
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
    const origin = req.header('origin');
    // A page of this very service (the demo, the chat frame), by whatever name it was reached.
    const ours = origin !== undefined && origin === requestOrigin(req);
    res.send(200, await service.generate(body.data.territory, origin, ours));
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
      const key = messagesKey(req.claims!.conversationId);
      const limit = (deps.limits ?? WEB_CHAT_LIMITS).messagesPerConversationPerMinute;
      const body = ActivityBody.safeParse(req.body);
      // A message with the client's id is counted as it is claimed (one round trip: dlClient-2.lua); any other here.
      const countedWithClaim = body.success && body.data.type === 'message' && clientActivityIdOf(body.data.channelData) !== undefined && deps.limiter !== undefined && limit > 0;
      if (!countedWithClaim && (await limited(res, key, limit))) return;
      if (!body.success) {
        const issue = body.error.issues[0];
        res.send(400, { error: { code: 'BadArgument', message: `${issue.path.join('.') || 'activity'}: ${issue.message}` } });
        return;
      }
      const count = countedWithClaim ? { key, limit, windowMs: 60_000, limiter: deps.limiter! } : undefined;
      res.send(200, { id: await service.post(req.claims!, body.data as IncomingActivity, count) });
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
    await deps.limiter?.reset(messagesKey(claims.conversationId));
    await deps.quotas?.forgetConversation(claims.conversationId);
    res.send(204);
  }));

  /**
   * A photo: with a signed URL (`?e=<expiry>&s=<signature>`, the `contentUrl` the activities carry: works
   * in `<img src>`, from any page), or with the conversation's Bearer token (the older URLs). Never
   * sniffed, never a document (`default-src 'none'`).
   */
  const signedOrBearer = (req: AuthedRequest, res: Response, next: Next): void => {
    if (new URLSearchParams(req.getQuery() ?? '').has('s')) return next();
    auth(req, res, next);
  };
  server.get(`${BASE}/conversations/:id/files/:fileId`, signedOrBearer, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    const conversationId = String(req.params.id);
    const fileId = String(req.params.fileId);
    let f: { contentType: string; bytes: Buffer };
    const headers: Record<string, string | number> = {};
    if (req.claims) {
      cors(req, res);
      f = await service.file(req.claims, fileId);
      headers['Cache-Control'] = 'private, no-store';
    } else {
      const q = new URLSearchParams(req.getQuery() ?? '');
      const expires = q.get('e') ?? '';
      if (!tokens.verifyFileSignature(conversationId, fileId, expires, q.get('s') ?? '')) {
        res.send(403, { error: { code: 'Forbidden', message: 'invalid or expired link' } });
        return;
      }
      f = await service.signedFile(conversationId, fileId);
      // The URL is the permission (nothing else is sent): any page may show or read it, until it expires.
      headers['Access-Control-Allow-Origin'] = '*';
      headers['Cache-Control'] = `private, max-age=${Math.max(0, Number(expires) - tokens.nowSeconds())}`;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': f.contentType,
      'Content-Length': f.bytes.length,
      'Content-Disposition': 'inline',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Referrer-Policy': 'no-referrer',
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
    if (declared > MAX_FILES_PER_UPLOAD * deps.uploadMaxBytes + MAX_UPLOAD_ACTIVITY_BYTES + 64 * 1024) return refuse(413, 'PayloadTooLarge', tooLarge);
    await service.requireConversation(claims);
    if (await limited(res, messagesKey(claims.conversationId), (deps.limits ?? WEB_CHAT_LIMITS).messagesPerConversationPerMinute)) {
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

    const read = await readUpload(req, deps.uploadMaxBytes);
    if ('status' in read) return refuse(read.status, read.code, read.status === 413 ? tooLarge : read.message);
    // Each photo is counted once its turn is going to run (a re-upload of a message already handled is not).
    const releases: Array<() => Promise<void>> = [];
    const giveBack = async () => {
      for (const release of releases.splice(0)) await release().catch((e: unknown) => logger.warn({ err: e }, 'photo quota not given back'));
    };
    const accept = async () => {
      for (const file of read.files) {
        const taken = deps.quotas ? await deps.quotas.take(who, file.bytes.length, now) : { ok: true as const, release: async () => undefined };
        if (!taken.ok) {
          await giveBack();
          throw new QuotaRefused(taken.scope, taken.retryAfterMs);
        }
        releases.push(taken.release);
      }
    };
    let id: string;
    try {
      id = await service.upload(claims, read.files, read.activity, accept);
    } catch (err) {
      if (err instanceof QuotaRefused) return refuse(429, 'PhotoQuotaExceeded', `enough photos for today (${err.scope}): retry later`, err.retryAfterMs / 1000, err.scope);
      // Not stored: not counted either.
      await giveBack();
      throw err;
    }
    for (const file of read.files) deps.uploadEvents?.uploadStored(claims.territory, file.bytes.length);
    res.send(200, { id });
  }));
}

class QuotaRefused extends Error {
  constructor(
    readonly scope: string,
    readonly retryAfterMs: number,
  ) {
    super(`photo quota (${scope})`);
  }
}

type UploadRead = { activity?: IncomingActivity; files: UploadedFile[] } | { status: number; code: string; message: string };

/**
 * The multipart body of an upload, as botframework-directlinejs sends it: an optional `activity` part
 * (`application/vnd.microsoft.activity` JSON: its text is the caption, its channelData the client's
 * ids), then one or more `file` parts — each a JPEG or PNG (checked by its first bytes) of `maxBytes`
 * at most, MAX_FILES_PER_UPLOAD at most.
 */
function readUpload(req: Request, maxBytes: number): Promise<UploadRead> {
  const bad = (message: string) => ({ status: 400, code: 'BadArgument', message });
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: UploadRead) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // The activity part comes as a file (a Blob) or a field: room for it besides the photos.
        limits: { files: MAX_FILES_PER_UPLOAD + 1, fileSize: Math.max(maxBytes, MAX_UPLOAD_ACTIVITY_BYTES), fields: 4, fieldSize: MAX_UPLOAD_ACTIVITY_BYTES },
      });
    } catch {
      return done(bad('malformed multipart body'));
    }
    const files: Array<{ contentType: string; name: string; chunks: Buffer[]; size: number; tooLarge: boolean }> = [];
    let activityJson: string | undefined;
    let activityTooLarge = false;
    let tooMany = false;
    parser.on('file', (field, stream, info) => {
      if (field === 'activity' && activityJson === undefined) {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_UPLOAD_ACTIVITY_BYTES) chunks.push(c);
          else activityTooLarge = true;
        });
        stream.on('end', () => {
          activityJson = Buffer.concat(chunks).toString('utf8');
        });
        return;
      }
      if (field !== 'file' || files.length >= MAX_FILES_PER_UPLOAD) {
        if (field === 'file') tooMany = true;
        stream.resume();
        return;
      }
      const f = { contentType: info.mimeType, name: info.filename ?? 'photo', chunks: [] as Buffer[], size: 0, tooLarge: false };
      files.push(f);
      stream.on('data', (c: Buffer) => {
        f.size += c.length;
        if (f.size <= maxBytes) f.chunks.push(c);
        else f.tooLarge = true;
      });
      stream.on('limit', () => {
        f.tooLarge = true;
      });
    });
    parser.on('field', (field, value, info) => {
      if (field === 'activity' && activityJson === undefined) {
        activityJson = value;
        if (info.valueTruncated) activityTooLarge = true;
      }
    });
    parser.on('error', () => done(bad('malformed multipart body')));
    parser.on('close', () => {
      if (tooMany) return done(bad(`${MAX_FILES_PER_UPLOAD} photos at most in one message`));
      if (files.length === 0) return done(bad('no "file" part'));
      if (files.some((f) => f.tooLarge)) return done({ status: 413, code: 'PayloadTooLarge', message: 'photo too large' });
      if (activityTooLarge) return done({ status: 413, code: 'PayloadTooLarge', message: 'activity part too large' });
      const out: UploadedFile[] = [];
      for (const f of files) {
        const bytes = Buffer.concat(f.chunks);
        const check = IMAGE_TYPES[f.contentType];
        if (!check || !check(bytes)) return done({ status: 415, code: 'UnsupportedMediaType', message: 'a JPEG or PNG photo only' });
        out.push({ contentType: f.contentType, name: f.name.slice(0, 100), bytes });
      }
      let activity: IncomingActivity | undefined;
      if (activityJson !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(activityJson);
        } catch {
          return done(bad('activity: not JSON'));
        }
        const a = UploadActivity.safeParse(parsed);
        if (!a.success) return done(bad(`activity.${a.error.issues[0].path.join('.')}: ${a.error.issues[0].message}`));
        activity = { type: 'message', text: a.data.text, locale: a.data.locale, channelData: a.data.channelData };
      }
      done({ activity, files: out });
    });
    req.on('close', () => {
      if (!req.complete) done(bad('request aborted'));
    });
    req.pipe(parser);
  });
}

/** What is read of an upload's `activity` part (its attachments' descriptions are the files themselves). */
const UploadActivity = z.object({
  type: z.literal('message').optional(),
  text: z.string().max(5000).optional(),
  locale: z.string().max(20).optional(),
  channelData: z.unknown().optional(),
});
