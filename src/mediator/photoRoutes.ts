/**
 * GET /api/mediator/handoffs/:id/photos/:index — a photo the citizen sent during a handoff, for a mediator of the
 * handoff's territory (their session; another territory's handoff is 404, like one that does not exist). The
 * bytes come from where the channel keeps them (src/channels/photoSources.ts): the web chat's file store, or the
 * provider's API (Twilio, WhatsApp, Telegram) fetched now with the territory's account. Served as an image only:
 * its declared image type, nosniff, a CSP that runs nothing, never cached.
 */
import type { Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { HandoffQueue } from '../handoff/queue';
import { HandoffNotFound } from '../handoff/queue';
import type { PhotoRef } from '../conversation/photos';
import { isPhotoType } from '../conversation/photos';
import { HANDOFF_ID, type MediatorRouteKit } from './api';
import type { AuditLog } from './audit';

export interface PhotoRoutesDeps {
  queue: HandoffQueue;
  audit: AuditLog;
  /** undefined: gone (erased, expired, channel off); throws when the provider fails. */
  photo(ref: PhotoRef): Promise<{ contentType: string; bytes: Buffer } | undefined>;
  now: () => number;
  logger: Logger;
}

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif' };

export function mountPhotoRoutes(server: Server, kit: MediatorRouteKit, deps: PhotoRoutesDeps): void {
  server.get('/api/mediator/handoffs/:id/photos/:index', kit.auth, kit.guard(async (req, res: Response) => {
    const m = kit.me(req);
    const id = String(req.params.id);
    const index = String(req.params.index);
    if (!HANDOFF_ID.test(id)) return kit.fail(res, 400, 'BadRequest', 'id: not a handoff id');
    if (!/^\d{1,6}$/.test(index)) return kit.fail(res, 400, 'BadRequest', 'index: a message index (0, 1, 2…)');
    if (!(await deps.queue.get(m.territory, id))) throw new HandoffNotFound(id);
    const [message] = await deps.queue.messages(m.territory, id, Number(index));
    if (!message?.photo) return kit.fail(res, 404, 'NotFound', 'no photo in this message');
    let photo;
    try {
      photo = await deps.photo(message.photo);
    } catch (err) {
      // The provider did not answer (or failed): say which, never its words; the console offers to try again.
      deps.logger.warn({ err, channel: message.photo.channel }, 'photo not fetched from the provider');
      res.header('Retry-After', '5');
      return kit.fail(res, 502, 'ProviderUnavailable', `the ${message.photo.channel} provider did not give the photo: try again shortly`);
    }
    if (!photo || !isPhotoType(message.photo.contentType)) return kit.fail(res, 404, 'PhotoGone', 'the photo is no longer available (erased or past the retention period)');
    await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: 'photo', handoffId: id });
    const type = message.photo.contentType;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(photo.bytes.length),
      'Content-Disposition': `inline; filename="photo-${index}.${EXTENSION[type] ?? 'img'}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
    res.end(photo.bytes);
  }));
}
