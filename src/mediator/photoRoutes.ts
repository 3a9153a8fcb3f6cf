/**
 * GET /api/mediator/handoffs/:id/photos/:index — a photo the citizen sent during a handoff — and
 * GET /api/mediator/handoffs/:id/audio/:index — a voice note's audio (its transcript is the message's text) — for a
 * mediator of the handoff's territory (their session; another territory's handoff is 404, like one that does not
 * exist). The bytes come from where the channel keeps them (src/channels/photoSources.ts): the web chat's file
 * store, or the provider's API (Twilio, WhatsApp, Telegram) fetched now with the territory's account; we keep
 * none. Served as an image (or audio) only: its declared type, nosniff, a CSP that runs nothing, never cached.
 */
import type { Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { HandoffMessage, HandoffQueue } from '../handoff/queue';
import { HandoffNotFound } from '../handoff/queue';
import type { AudioRef, PhotoRef } from '../conversation/photos';
import { isAudioType, isPhotoType } from '../conversation/photos';
import { HANDOFF_ID, type MediatorRouteKit } from './api';
import type { AuditLog } from './audit';

type Source = (ref: PhotoRef) => Promise<{ contentType: string; bytes: Buffer } | undefined>;

export interface PhotoRoutesDeps {
  queue: HandoffQueue;
  audit: AuditLog;
  /** undefined: gone (erased, expired, channel off); throws when the provider fails. */
  photo: Source;
  /** A voice note's audio, from its provider (WhatsApp, Telegram); same contract. */
  audio?: (ref: AudioRef) => Promise<{ contentType: string; bytes: Buffer } | undefined>;
  now: () => number;
  logger: Logger;
}

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif',
  'audio/ogg': 'ogg', 'audio/opus': 'opus', 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/webm': 'webm', 'audio/wav': 'wav',
};

interface Kind {
  path: string;
  name: string;
  action: 'photo' | 'audio';
  refOf(m: HandoffMessage): PhotoRef | undefined;
  typeOk(contentType: string): boolean;
  source(deps: PhotoRoutesDeps): Source | undefined;
}

const KINDS: Kind[] = [
  { path: 'photos', name: 'photo', action: 'photo', refOf: (m) => m.photo, typeOk: isPhotoType, source: (d) => d.photo },
  { path: 'audio', name: 'audio', action: 'audio', refOf: (m) => m.audio, typeOk: isAudioType, source: (d) => d.audio },
];

export function mountPhotoRoutes(server: Server, kit: MediatorRouteKit, deps: PhotoRoutesDeps): void {
  for (const kind of KINDS) mountMediaRoute(server, kit, deps, kind);
}

function mountMediaRoute(server: Server, kit: MediatorRouteKit, deps: PhotoRoutesDeps, kind: Kind): void {
  server.get(`/api/mediator/handoffs/:id/${kind.path}/:index`, kit.auth, kit.guard(async (req, res: Response) => {
    const m = kit.me(req);
    const id = String(req.params.id);
    const index = String(req.params.index);
    if (!HANDOFF_ID.test(id)) return kit.fail(res, 400, 'BadRequest', 'id: not a handoff id');
    if (!/^\d{1,6}$/.test(index)) return kit.fail(res, 400, 'BadRequest', 'index: a message index (0, 1, 2…)');
    if (!(await deps.queue.get(m.territory, id))) throw new HandoffNotFound(id);
    const [message] = await deps.queue.messages(m.territory, id, Number(index));
    const ref = message && kind.refOf(message);
    if (!ref) return kit.fail(res, 404, 'NotFound', `no ${kind.name} in this message`);
    const source = kind.source(deps);
    let media;
    try {
      media = source && kind.typeOk(ref.contentType) ? await source(ref) : undefined;
    } catch (err) {
      // The provider did not answer (or failed): say which, never its words; the console offers to try again.
      deps.logger.warn({ err, channel: ref.channel }, `${kind.name} not fetched from the provider`);
      res.header('Retry-After', '5');
      return kit.fail(res, 502, 'ProviderUnavailable', `the ${ref.channel} provider did not give the ${kind.name}: try again shortly`);
    }
    if (!media) {
      const code = kind.action === 'photo' ? 'PhotoGone' : 'AudioGone';
      return kit.fail(res, 404, code, `the ${kind.name} is no longer available (erased, past the retention period, or its channel is off)`);
    }
    await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: kind.action, handoffId: id });
    const type = ref.contentType;
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(media.bytes.length),
      'Content-Disposition': `inline; filename="${kind.name}-${index}.${EXTENSION[type] ?? 'bin'}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
    res.end(media.bytes);
  }));
}
