/**
 * GET /confidentialite[?territory=ID][&lang=en]: what Pas à pas keeps, for how long, how to erase it,
 * and who offers the service, in easy-to-read words (locales/*.yaml). Linked from the first message of
 * every conversation when the territory has no privacy page of its own.
 */
import type { Request, Response, Server } from 'restify';
import type { Strings } from '../i18n/strings';
import type { TerritoryRegistry } from '../territories/registry';
import type { Locale } from '../i18n/locale';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function privacyPageUrl(publicBaseUrl: string, territory: string, defaultTerritory: string): string {
  return territory === defaultTerritory ? `${publicBaseUrl}/confidentialite` : `${publicBaseUrl}/confidentialite?territory=${encodeURIComponent(territory)}`;
}

export function mountPrivacyPage(server: Server, deps: { strings: Strings; territories: TerritoryRegistry; retentionDays: (territory: string) => number; defaultLocale: Locale }): void {
  server.get('/confidentialite', (req: Request, res: Response, next: (err?: unknown) => void) => {
    const q = new URLSearchParams(req.getQuery() ?? '');
    const locale: Locale = q.get('lang') === 'en' ? 'en' : q.get('lang') === 'fr' ? 'fr' : deps.defaultLocale;
    const territory = deps.territories.get(q.get('territory') ?? '') ?? deps.territories.defaultTerritory;
    const t = (key: Parameters<Strings['t']>[1], vars?: Record<string, string | number>) => esc(deps.strings.t(locale, key, vars));
    const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('privacy.pageTitle')}</title>
<style>body{font:1.125rem/1.6 system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;color:#161616}h1{font-size:1.5rem}</style></head>
<body><main><h1>${t('privacy.pageTitle')}</h1>
<p>${t('privacy.pageWhat')}</p><p>${t('privacy.pageHowLong', { days: deps.retentionDays(territory.id) })}</p>
<p>${t('privacy.pageNever')}</p><p><strong>${t('privacy.pageErase')}</strong></p>
<p>${t('privacy.pageWho', { territory: territory.name })}</p></main></body></html>`;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    });
    res.end(body);
    return next(false);
  });
}
