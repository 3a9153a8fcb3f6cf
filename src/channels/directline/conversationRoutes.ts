/**
 * Direct Line tokens and conversations: a token for a territory's page, its refresh, starting or
 * reconnecting a conversation, and "Terminer et effacer" (the conversation and its counters destroyed).
 */
import { clientIp } from '../../security';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { BASE, bearerOf, messagesKey, requestOrigin, watermarkOf, WEB_CHAT_LIMITS, type AuthedRequest, type DirectLineRouteDeps, type RouteKit } from './routeKit';

const GenerateBody = z.object({ territory: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) }).passthrough();

export function mountConversationRoutes(server: Server, deps: DirectLineRouteDeps, kit: RouteKit): void {
  const { service, tokens } = deps;
  const { guarded, auth, json, needJson, cors, limited } = kit;

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
    const bearer = bearerOf(req);
    const claims = bearer ? await tokens.verify(bearer, deps.refreshGraceSeconds) : null;
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

  // "Terminer et effacer": the token may have expired within the refresh grace (a page that slept): it only destroys.
  server.del(`${BASE}/conversations/:id`, guarded(async (req: AuthedRequest, res: Response): Promise<void> => {
    cors(req, res);
    const bearer = bearerOf(req);
    const claims = bearer ? await tokens.verify(bearer, deps.refreshGraceSeconds) : null;
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

}
