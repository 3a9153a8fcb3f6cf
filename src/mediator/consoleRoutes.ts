/**
 * The mediator console's routes: the page (GET /mediator/) with a strict CSP, and its two built
 * assets (GET /mediator/static/console.js, console-style.css), gzipped once per build with an ETag.
 * The API it talks to is src/mediator/api.ts, same origin (connect-src 'self').
 */
import { assetServer } from '../http/assets';
import type { Request, Response, Server } from 'restify';
import type { ConsoleConfig } from './console/config';
import { consolePage, loadConsoleStrings, type ConsoleLocale } from './pages';

type Next = (err?: unknown) => void;

export interface ConsoleDeps {
  /** Folder of the built bundles (buildWidget): console.js, console-style.css. */
  publicDir: string;
  /** UI language (default French). */
  locale?: ConsoleLocale;
  /** Until the API's GET /me says otherwise after the login (default 30 min). */
  idleTimeoutSeconds?: number;
  /** Territories with ProConnect sign-in: the login page offers it when one of them is typed. */
  proconnect?: string[];
}

export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; media-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ASSETS: Record<string, string> = {
  'console.js': 'application/javascript; charset=utf-8',
  'console-style.css': 'text/css; charset=utf-8',
};


/** A page of the console (the console, the coordinators' page): its CSP, never framed, never cached, no referrer. */
export function sendConsolePage(res: Response, page: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(page);
}

export function mountConsole(server: Server, deps: ConsoleDeps): void {
  const locale = deps.locale ?? 'fr';
  const texts = loadConsoleStrings(locale); // fails at startup on a broken locale file
  const cfg: ConsoleConfig = { locale, strings: texts.strings, idleTimeoutSeconds: deps.idleTimeoutSeconds ?? 30 * 60, ...(deps.proconnect?.length ? { proconnect: deps.proconnect } : {}) };
  const page = consolePage(cfg);

  server.get('/mediator/', (_req: Request, res: Response, next: Next) => {
    sendConsolePage(res, page);
    return next();
  });

  const asset = assetServer(deps.publicDir, {
    types: ASSETS,
    cacheControl: 'no-cache',
    crossOriginResourcePolicy: 'same-origin',
    notBuilt: 'console not built (npm run build)',
  });
  server.get('/mediator/static/:file', async (req: Request, res: Response): Promise<void> => {
    await asset(req, res, String(req.params.file ?? ''));
  });
}
