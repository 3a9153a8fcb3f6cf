/**
 * GET /r/<id>: a link of ours sent by SMS (src/places/shortLinks.ts) → 302 to the booking page, counted
 * in the territory's statistics (`booking:opened`). An unknown or expired id gets 404 with a short
 * kind text (a citizen sees it in their browser); storage away gets 503 + Retry-After.
 */
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { SHORT_LINK_ID, type ShortLinkStore } from '../places/shortLinks';
import { pathIdProblem } from '../security';
import type { StatsEvents } from '../stats/recorder';
import type { StringKey, Strings } from '../i18n/strings';

export interface ShortLinkRouteDeps {
  links: ShortLinkStore;
  stats: Pick<StatsEvents, 'bookingLinkOpened'>;
  now: () => number;
  logger: Logger;
  strings: Strings;
}

/** A page a citizen may see in their browser: in French, then in English (we do not know their language here). */
function bothLanguages(strings: Strings, key: StringKey): string {
  return `${strings.t('fr', key)}\n${strings.t('en', key)}\n`;
}

function plain(res: Response, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}


export function mountShortLinks(server: Server, deps: ShortLinkRouteDeps): void {
  // An id that cannot be one of our links (too long, other characters): 400 before the router and the store, said
  // kindly (a citizen sees it in their browser), the reason for whoever reads the page's source.
  server.pre((req: Request, res: Response, next: (err?: unknown) => unknown) => {
    const why = req.url?.startsWith('/r/') ? pathIdProblem(req.url, [{ path: /^\/r\/([^/]*)$/, names: ['link id'], valid: SHORT_LINK_ID }]) : undefined;
    if (!why) return next();
    plain(res, 400, `${bothLanguages(deps.strings, 'link.broken')}(${why})\n`);
    return next(false);
  });
  server.get('/r/:id', async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id ?? '');
    let link;
    try {
      link = await deps.links.open(id);
    } catch (err) {
      deps.logger.warn({ err }, 'short link not readable (storage away)');
      res.header('Retry-After', '5');
      plain(res, 503, bothLanguages(deps.strings, 'link.unavailable'));
      return;
    }
    if (!link) {
      plain(res, 404, bothLanguages(deps.strings, 'link.gone'));
      return;
    }
    deps.stats.bookingLinkOpened(link.territory, deps.now()).catch((err: unknown) => deps.logger.warn({ err }, 'booking link opening not counted'));
    res.writeHead(302, { location: link.url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end();
  });
}
