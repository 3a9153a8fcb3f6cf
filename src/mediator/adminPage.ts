/**
 * The coordinators' page, GET /mediator/admin/ (its own page and script, beside the mediator console): the Coop
 * activity report download, and (with admin.js) the territory's accounts and audit log. HTML as a pure function,
 * every value escaped, strings from locales/admin.<locale>.yaml; same strict CSP as the console.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Request, Response, Server } from 'restify';
import { LOCALES_DIR } from '../paths';
import { escapeHtml, scriptJson } from '../widget/pages';
import { ADMIN_CONFIG_ID, ADMIN_STRING_KEYS, type AdminConfig, type AdminStrings } from './admin/config';
import { CONSOLE_CSP } from './consoleRoutes';
import { CONSOLE_ASSETS } from './pages';

type Next = (err?: unknown) => void;

/** locales/admin.<locale>.yaml; throws on a missing or empty string. */
export function loadAdminStrings(locale: 'fr' | 'en' = 'fr', dir: string = LOCALES_DIR): AdminStrings {
  const file = `admin.${locale}.yaml`;
  const doc = (parse(readFileSync(join(dir, file), 'utf8')) ?? {}) as Record<string, unknown>;
  const missing = ADMIN_STRING_KEYS.filter((k) => typeof doc[k] !== 'string' || !(doc[k] as string).trim());
  if (missing.length) throw new Error(`${file}: missing or empty: ${missing.join(', ')}`);
  return Object.fromEntries(ADMIN_STRING_KEYS.map((k) => [k, doc[k] as string])) as AdminStrings;
}

export function adminPage(cfg: AdminConfig): string {
  const e = (k: keyof AdminStrings) => escapeHtml(cfg.strings[k]);
  return `<!doctype html>
<html lang="${cfg.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${e('pageTitle')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CONSOLE_ASSETS.style}">
<script type="application/json" id="${ADMIN_CONFIG_ID}">${scriptJson(cfg)}</script>
</head>
<body>
<a class="pc-skip" href="#pa-main">${e('skip')}</a>
<header class="pc-head">
<p class="pc-app">${e('appName')}</p>
<a class="pc-secondary" href="/mediator/">${e('backToConsole')}</a>
</header>
<main id="pa-main" tabindex="-1">
<noscript><p>${e('noscript')}</p></noscript>
<section id="pa-coop" class="pc-panel" aria-labelledby="pa-coop-title">
<h1 id="pa-coop-title">${e('coopTitle')}</h1>
<p>${e('coopIntro')}</p>
<form id="pa-coop-form" action="/api/mediator/report/coop" method="get">
<input type="hidden" name="format" value="csv">
<label for="pa-coop-from">${e('from')}</label>
<input id="pa-coop-from" name="from" type="date">
<label for="pa-coop-to">${e('to')}</label>
<input id="pa-coop-to" name="to" type="date">
<button type="submit" id="pa-coop-download">${e('download')}</button>
</form>
</section>
</main>
</body>
</html>
`;
}

export function mountAdmin(server: Server, deps: { publicDir: string; locale?: 'fr' | 'en' }): void {
  const locale = deps.locale ?? 'fr';
  const page = adminPage({ locale, strings: loadAdminStrings(locale) }); // fails at startup on a broken locale file
  server.get('/mediator/admin/', (_req: Request, res: Response, next: Next) => {
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
}
