/**
 * The HTTP channel: a small JSON API on the lean adapter, for integrations, scripts and the
 * benchmark. POST a message, get the bot's replies in the response.
 *   POST /api/chat/conversations                 → 201 {conversationId}
 *   POST /api/chat/conversations/:id/messages    {text, userId?, id?} → 200 {replies: [{text, buttons?}]}
 * `id`, the client's id of the message, makes a retry safe (after a 503 or a lost answer): a message
 * already handled is not run twice (its replies are then empty).
 * Authenticated by `Authorization: Bearer HTTP_CHANNEL_TOKEN` when configured (before the body is
 * read); without a token it is open in development and disabled in production.
 * A channel of the registry (src/channels/registry.ts) through `httpPlugin` (httpPlugin.ts).
 */
import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import type { LeanAdapter } from './leanAdapter';
import { capabilitiesOf } from './capabilities';
import { render } from './render';
import { bearerMatches } from '../security';

export const HTTP_CHANNEL = 'http';
const MAX_BODY_BYTES = 16 * 1024;
const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const MessageBody = z
  .object({
    text: z.string().max(20_000),
    userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    id: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, '1 to 100 letters, digits, ".", ":", "-" or "_"').optional(),
  })
  .strict();

export function mountHttpChannel(server: Server, adapter: LeanAdapter, token: string | undefined): void {
  const auth = (req: Request, res: Response, next: (err?: unknown) => void) => {
    if (token && !bearerMatches(req.header('authorization'), token)) {
      res.send(401, { code: 'Unauthorized', message: 'missing or wrong bearer token' });
      return next(false);
    }
    return next();
  };
  const json = restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false, rejectUnknown: true });

  server.post('/api/chat/conversations', auth, (_req: Request, res: Response, next: (err?: unknown) => void) => {
    res.send(201, { conversationId: randomUUID() });
    return next();
  });

  server.post('/api/chat/conversations/:id/messages', auth, json, async (req: Request, res: Response): Promise<void> => {
    const id = ConversationId.safeParse(req.params.id);
    if (!id.success) {
      res.send(400, { code: 'BadRequest', message: 'conversation id: 1 to 64 letters, digits, - or _' });
      return;
    }
    if (!req.is('application/json')) {
      res.send(415, { code: 'UnsupportedMediaType', message: 'send application/json' });
      return;
    }
    const body = MessageBody.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      res.send(400, { code: 'BadRequest', message: `${issue.path.join('.') || 'body'}: ${issue.message}` });
      return;
    }
    try {
      const activities = await adapter.process({
        channelId: HTTP_CHANNEL,
        conversationId: id.data,
        userId: body.data.userId ?? id.data,
        text: body.data.text,
        id: body.data.id,
      });
      res.send(200, { replies: render(activities, capabilitiesOf(HTTP_CHANNEL)) });
    } catch {
      // The turn could not be stored (Redis away): nothing was acknowledged, the client may retry.
      res.header('Retry-After', '1');
      res.send(503, { code: 'ServiceUnavailable', message: 'temporarily unavailable, retry shortly' });
    }
  });
}
