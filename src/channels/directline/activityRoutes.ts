/** Direct Line activities: read them (polling clients), post one (a message, typing, an event). */
import type { Response, Server } from 'restify';
import { z } from 'zod';
import { clientActivityIdOf, type IncomingActivity } from './activityShape';
import { BASE, messagesKey, watermarkOf, WEB_CHAT_LIMITS, type AuthedRequest, type DirectLineRouteDeps, type RouteKit } from './routeKit';

const MAX_ACTIVITY_BYTES = 16 * 1024;
/**
 * What a client may say of an attachment (Web Chat posts these with a file it uploads separately). A posted
 * activity is stored as it came and read back by every client of the conversation: a field of the wrong shape
 * would break each later read, so the fields that are read back are checked here.
 */
const Attachment = z
  .object({
    contentType: z.string().max(255),
    contentUrl: z.string().max(2048).optional(),
    thumbnailUrl: z.string().max(2048).optional(),
    name: z.string().max(255).optional(),
  })
  .passthrough();
const ActivityBody = z
  .object({
    type: z.enum(['message', 'typing', 'event', 'conversationUpdate', 'invoke']),
    text: z.string().max(5000).optional(),
    name: z.string().max(200).optional(),
    value: z.unknown().optional(),
    locale: z.string().max(20).optional(),
    attachments: z.array(Attachment).max(10).optional(),
    entities: z.array(z.object({}).passthrough()).max(20).optional(),
    suggestedActions: z.object({}).passthrough().optional(),
  })
  .passthrough();

export function mountActivityRoutes(server: Server, deps: DirectLineRouteDeps, kit: RouteKit): void {
  const { service } = deps;
  const { guarded, auth, json, needJson, cors, limited } = kit;

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

}
