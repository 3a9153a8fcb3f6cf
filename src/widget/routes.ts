/**
 * The widget's routes: the loader (/widget.js), the frame's assets (/static/chat.js,
 * /static/chat-style.css), the loader's small territory config (/widget/config), the chat frame
 * (/chat) with its CSP, and the demo territory website (/).
 */
import { assetServer } from '../http/assets';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { TerritoryRegistry } from '../territories/registry';
import { textColorOn } from './chat/contrast';
import type { ChatConfig } from './chat/config';
import type { WidgetLocale } from './chat/strings';
import { chatPage, demoPage, loadWidgetStrings, notFoundPage } from './pages';
import { privacyPageUrl } from '../privacy/page';
import { requestOrigin } from '../channels/directline/routes';

type Next = (err?: unknown) => void;

export interface WidgetDeps {
  territories: TerritoryRegistry;
  /** Folder of the built widget (buildWidget): widget.js, chat.js, chat-style.css. */
  publicDir: string;
  locale: 'fr' | 'en';
}

const ASSETS: Record<string, string> = {
  'widget.js': 'application/javascript; charset=utf-8',
  'chat.js': 'application/javascript; charset=utf-8',
  'chat-style.css': 'text/css; charset=utf-8',
};

/** Only plain origins go into a CSP header (a config typo must not inject directives). */
const PLAIN_ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;


function query(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

export function mountWidget(server: Server, deps: WidgetDeps): void {
  const { territories } = deps;
  const strings = loadWidgetStrings();

  /** A built file, gzipped once per build, with an ETag: returning citizens download nothing. */
  const asset = assetServer(deps.publicDir, {
    types: ASSETS,
    cacheControl: 'public, max-age=300',
    crossOriginResourcePolicy: 'cross-origin',
    notBuilt: 'widget not built (npm run build)',
  });

  const html = (res: Response, status: number, body: string, csp: string) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };

  server.get('/widget.js', async (req: Request, res: Response): Promise<void> => {
    await asset(req, res, 'widget.js');
  });

  server.get('/static/:file', async (req: Request, res: Response): Promise<void> => {
    const file = String(req.params.file ?? '');
    if (file === 'widget.js' || !Object.prototype.hasOwnProperty.call(ASSETS, file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    await asset(req, res, file);
  });

  /** What the loader needs before showing its button; readable (CORS) by the territory's sites only. */
  server.get('/widget/config', (req: Request, res: Response, next: Next) => {
    const q = query(req);
    const t = territories.get(q.get('territory') ?? '');
    const origin = req.header('origin');
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', Vary: 'Origin' };
    if (t && origin && (territories.originAllowed(t.id, origin) || origin === requestOrigin(req))) headers['Access-Control-Allow-Origin'] = origin;
    if (!t) {
      res.writeHead(404, headers);
      res.end(JSON.stringify({ error: { code: 'NotFound', message: 'unknown territory' } }));
      return next();
    }
    const lang: WidgetLocale = q.get('lang') === 'en' ? 'en' : 'fr';
    const s = strings[lang];
    const color = t.branding.primaryColor;
    res.writeHead(200, headers);
    res.end(
      JSON.stringify({
        name: t.name,
        color,
        text: textColorOn(color),
        label: t.branding.greeting?.[lang] ?? s.launcher,
        title: s.frameTitle,
        panel: s.panelLabel,
        unread: s.unread,
        unreadOne: s.unreadOne,
      }),
    );
    return next();
  });

  server.get('/chat', (req: Request, res: Response, next: Next) => {
    const q = query(req);
    const t = territories.get(q.get('territory') ?? '');
    const ancestors = (id: string) =>
      ["'self'", ...territories.allowedOrigins(id).filter((o) => PLAIN_ORIGIN.test(o))].filter((o, i, all) => all.indexOf(o) === i).join(' ');
    if (!t) {
      html(res, 404, notFoundPage(strings[deps.locale], deps.locale), "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
      return next();
    }
    const parent = q.get('parent');
    const here = requestOrigin(req);
    const parentOrigin =
      parent && PLAIN_ORIGIN.test(parent) && (territories.allowedOrigins(t.id).includes(parent) || parent === territories.ownOrigin || parent === here) ? parent : null;
    const cfg: ChatConfig = {
      territory: {
        id: t.id,
        name: t.name,
        primaryColor: t.branding.primaryColor,
        ...(t.branding.logoUrl ? { logoUrl: t.branding.logoUrl } : {}),
        ...(t.branding.greeting ? { greeting: t.branding.greeting } : {}),
      },
      apiBase: '/v3/directline',
      privacyUrl: t.privacyUrl ?? privacyPageUrl(territories.ownOrigin, t.id, territories.defaultTerritory.id),
      locale: deps.locale,
      parentOrigin,
      embed: q.get('embed') === '1',
      strings,
    };
    html(
      res,
      200,
      chatPage(cfg),
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self' ws: wss:; " +
        `frame-ancestors ${ancestors(t.id)}; base-uri 'none'; form-action 'none'`,
    );
    return next();
  });

  server.get('/', (req: Request, res: Response, next: Next) => {
    const demo = territories.get('demo');
    // The demo works from PUBLIC_BASE_URL and from whatever name reached it (http://localhost:PORT): its
    // widget comes from the same origin as the page, which our Direct Line and frame always accept.
    const here = requestOrigin(req);
    const own = here && PLAIN_ORIGIN.test(here) ? here : territories.ownOrigin;
    if (!demo) {
      html(res, 404, notFoundPage(strings[deps.locale], deps.locale), "default-src 'none'; base-uri 'none'; form-action 'none'");
      return next();
    }
    const nonce = randomBytes(16).toString('base64');
    html(
      res,
      200,
      demoPage({ publicBaseUrl: own, territory: demo, nonce }),
      `default-src 'none'; script-src 'self' ${own}; style-src 'nonce-${nonce}'; connect-src 'self' ${own}; ` +
        `frame-src 'self' ${own}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    return next();
  });
}
