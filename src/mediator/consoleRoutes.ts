/**
 * The mediator console's routes: the page (GET /mediator/) with a strict CSP, and its two built
 * assets (GET /mediator/static/console.js, console-style.css), gzipped once per build with an ETag.
 * The API it talks to is src/mediator/api.ts, same origin (connect-src 'self').
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
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
}

export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ASSETS: Record<string, string> = {
  'console.js': 'application/javascript; charset=utf-8',
  'console-style.css': 'text/css; charset=utf-8',
};

interface Cached {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export function mountConsole(server: Server, deps: ConsoleDeps): void {
  const locale = deps.locale ?? 'fr';
  const texts = loadConsoleStrings(locale); // fails at startup on a broken locale file
  const cfg: ConsoleConfig = { locale, strings: texts.strings, quickReplies: texts.quickReplies, idleTimeoutSeconds: deps.idleTimeoutSeconds ?? 30 * 60 };
  const page = consolePage(cfg);
  const cache = new Map<string, Cached>();

  server.get('/mediator/', (_req: Request, res: Response, next: Next) => {
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
    return next();
  });

  server.get('/mediator/static/:file', async (req: Request, res: Response): Promise<void> => {
    const name = String(req.params.file ?? '');
    if (!Object.prototype.hasOwnProperty.call(ASSETS, name)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const path = join(deps.publicDir, name);
    let entry: Cached | undefined;
    try {
      const st = await fs.stat(path);
      entry = cache.get(name);
      if (!entry || entry.mtimeMs !== st.mtimeMs) {
        const body = await fs.readFile(path);
        entry = { mtimeMs: st.mtimeMs, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
        cache.set(name, entry);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('console not built (npm run build)');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': ASSETS[name],
      'Cache-Control': 'no-cache',
      ETag: entry.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (req.header('if-none-match') === entry.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gz = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = gz ? entry.gzip : entry.body;
    res.writeHead(200, { ...headers, ...(gz ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': String(body.length) });
    res.end(body);
  });
}
