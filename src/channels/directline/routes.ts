/**
 * Direct Line 3.0 REST routes under /v3/directline, compatible with botframework-directlinejs.
 * Every route but tokens/generate is authenticated (Bearer token) BEFORE its body is read.
 * By responsibility: tokens and conversations (conversationRoutes.ts), activities (activityRoutes.ts),
 * photos (fileRoutes.ts, uploadBody.ts), what they share (routeKit.ts); the WebSocket stream is stream.ts.
 */
import type { Request, Response, Server } from 'restify';
import { BASE, CORS_ALLOWED_HEADERS, routeKit, type DirectLineRouteDeps, type Next } from './routeKit';
import { mountConversationRoutes } from './conversationRoutes';
import { mountActivityRoutes } from './activityRoutes';
import { mountFileRoutes } from './fileRoutes';

export { CORS_ALLOWED_HEADERS, requestOrigin, WEB_CHAT_LIMITS, type DirectLineRouteDeps, type UploadEvents } from './routeKit';
export { MAX_FILES_PER_UPLOAD } from './uploadBody';

export function mountDirectLine(server: Server, deps: DirectLineRouteDeps): void {
  const kit = routeKit(deps);
  const { cors } = kit;
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
