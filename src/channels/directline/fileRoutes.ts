/**
 * Direct Line photos: uploading them (within the limits and quotas) and reading them back, with a signed
 * URL or the conversation's token.
 */
import { clientIp } from '../../security';
import type { Response, Server } from 'restify';
import { BASE, messagesKey, WEB_CHAT_LIMITS, type AuthedRequest, type DirectLineRouteDeps, type Next, type RouteKit } from './routeKit';
import { MAX_FILES_PER_UPLOAD, MAX_UPLOAD_ACTIVITY_BYTES, readUpload } from './uploadBody';

export function mountFileRoutes(server: Server, deps: DirectLineRouteDeps, kit: RouteKit): void {
  const { service, tokens, logger } = deps;
  const { guarded, auth, cors, limited } = kit;

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
