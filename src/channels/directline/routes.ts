/**
 * Direct Line 3.0 REST routes under /v3/directline, compatible with botframework-directlinejs.
 * Every route but tokens/generate is authenticated (Bearer token) BEFORE its body is read.
 * By responsibility: tokens and conversations (conversationRoutes.ts), activities (activityRoutes.ts),
 * photos (fileRoutes.ts, uploadBody.ts), what they share (routeKit.ts); the WebSocket stream is stream.ts.
 */
import type { Request, Response, Server } from 'restify';
import { pathIdProblem, type PathIdRule } from '../../security';
import { BASE, CORS_ALLOWED_HEADERS, routeKit, type DirectLineRouteDeps, type Next } from './routeKit';
import { mountConversationRoutes } from './conversationRoutes';
import { mountActivityRoutes } from './activityRoutes';
import { mountFileRoutes } from './fileRoutes';

export { CORS_ALLOWED_HEADERS, requestOrigin, WEB_CHAT_LIMITS, type DirectLineRouteDeps, type UploadEvents } from './routeKit';
export { MAX_FILES_PER_UPLOAD } from './uploadBody';

/** The ids in the Direct Line paths: the conversation's (the stream's too: stream.ts reads them), a photo's. */
export const DIRECTLINE_PATH_IDS: PathIdRule[] = [
  { path: /^\/v3\/directline\/conversations\/([^/]*)(?:\/files\/([^/]*))?/, names: ['conversation id', 'file id'] },
];

export function mountDirectLine(server: Server, deps: DirectLineRouteDeps): void {
  const kit = routeKit(deps);
  const { cors } = kit;
  // An id that cannot be one of ours: 400 with the reason, before the token and the router (never 404, never Redis).
  server.pre((req: Request, res: Response, next: Next) => {
    const why = req.url?.startsWith(`${BASE}/conversations/`) ? pathIdProblem(req.url, DIRECTLINE_PATH_IDS) : undefined;
    if (!why) return next();
    req.resume();
    cors(req, res);
    res.send(400, { error: { code: 'BadArgument', message: why } });
    return next(false);
  });
  server.opts(`${BASE}/*`, (req: Request, res: Response, next: Next) => {
    cors(req, res);
    res.header('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    res.header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    return next();
  });

  mountConversationRoutes(server, deps, kit);
  mountActivityRoutes(server, deps, kit);
  mountFileRoutes(server, deps, kit);
}
