/** The mediators' live event stream (Server-Sent Events of their territory; src/mediator/api.ts mounts it). */
import type { Response, Server } from 'restify';
import { fail, type ApiKit, type Authed, type MediatorApiDeps, type Next } from './apiKit';

/**
 * A stream id as the event stream sends it in `id:` ("<ms>-<seq>"), or "0" (from the start, for API
 * clients); anything else would make XRANGE fail.
 */
const STREAM_ID = /^(?:0|\d{1,15}-\d{1,19})$/;

export function mountEventsRoute(server: Server, deps: MediatorApiDeps, kit: ApiKit): void {
  const { now } = deps;
  const { auth, me, current } = kit;

  /**
   * Server-Sent Events of the caller's territory; resumes after Last-Event-ID (header, or
   * ?lastEventId= for clients that cannot set it). Every keep-alive checks the session again: a
   * session that ended (logout elsewhere, account removed, role changed, lifetime over) ends the
   * stream. Storage away: the stream stays open and resumes when it is back.
   */
  server.get('/api/mediator/events', auth, (req: Authed, res: Response, next: Next) => {
    const m = me(req);
    const token = req.token!;
    const last = req.header('last-event-id') || new URLSearchParams(req.getQuery() ?? '').get('lastEventId') || '';
    if (last && !STREAM_ID.test(last)) {
      fail(res, 400, 'BadRequest', 'Last-Event-ID: a stream id "<ms>-<seq>" as sent in the id: lines, or 0 (from the start)');
      return next(false);
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': pasapas\n\n');
    let open = true;
    let keepAlive: NodeJS.Timeout | undefined;
    let unsubscribe = () => {};
    const end = () => {
      if (!open) return;
      open = false;
      clearInterval(keepAlive);
      unsubscribe();
      res.end();
    };
    unsubscribe = deps.hub.subscribe(
      m.territory,
      last || undefined,
      (e) => {
        res.write(`id: ${e.streamId}\nevent: handoff\ndata: ${JSON.stringify(e)}\n\n`);
      },
      end, // shutdown: the console's EventSource reconnects (to another instance) with Last-Event-ID
    );
    keepAlive = setInterval(() => {
      res.write(': keep-alive\n\n');
      deps.sessions
        .peek(token, now())
        .then(async (session) => {
          if (!session || !(await current(session))) end();
        })
        .catch((err: unknown) => deps.logger.warn({ err }, 'event stream: session check failed (storage away?); the stream stays open'));
    }, deps.eventsKeepAliveMs ?? 15_000);
    req.on('close', end);
    res.on('close', end);
    return next(false);
  });
}
