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
import { sendConsolePage } from './consoleRoutes';
import { pageHead } from './pages';
import { AUDIT_ACTIONS } from './audit';
import { assetServer } from '../http/assets';

type Next = (err?: unknown) => void;

/** locales/admin.<locale>.yaml; throws on a missing or empty string. */
export function loadAdminStrings(locale: 'fr' | 'en' = 'fr', dir: string = LOCALES_DIR): AdminStrings {
  const file = `admin.${locale}.yaml`;
  const doc = (parse(readFileSync(join(dir, file), 'utf8')) ?? {}) as Record<string, unknown>;
  const missing = ADMIN_STRING_KEYS.filter((k) => typeof doc[k] !== 'string' || !(doc[k] as string).trim());
  if (missing.length) throw new Error(`${file}: missing or empty: ${missing.join(', ')}`);
  return Object.fromEntries(ADMIN_STRING_KEYS.map((k) => [k, doc[k] as string])) as AdminStrings;
}

export const ADMIN_SCRIPT = '/mediator/admin/static/admin.js';

export function adminPage(cfg: AdminConfig): string {
  const e = (k: keyof AdminStrings) => escapeHtml(cfg.strings[k]);
  return `${pageHead(cfg.locale, cfg.strings.pageTitle, ADMIN_CONFIG_ID, scriptJson(cfg), ADMIN_SCRIPT)}
<body>
<a class="pc-skip" href="#pa-main">${e('skip')}</a>
<header class="pc-head">
<p class="pc-app">${e('appName')}</p>
<a class="pc-secondary" href="/mediator/">${e('backToConsole')}</a>
</header>
<main id="pa-main" tabindex="-1">
<noscript><p>${e('noscript')}</p></noscript>
<p id="pa-status" class="pc-notice" role="status"></p>
<p id="pa-alert" class="pc-alert" role="alert"></p>
<section id="pa-login" class="pc-login" aria-labelledby="pa-login-title" hidden>
<h1 id="pa-login-title">${e('loginTitle')}</h1>
<p>${e('loginIntro')}</p>
<form id="pa-login-form" action="#" method="post" novalidate>
<label for="pa-territory">${e('territory')}</label>
<input id="pa-territory" name="territory" type="text" autocomplete="organization" autocapitalize="none" spellcheck="false" maxlength="60" required>
<label for="pa-username">${e('username')}</label>
<input id="pa-username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="60" required>
<label for="pa-password">${e('password')}</label>
<input id="pa-password" name="password" type="password" autocomplete="current-password" maxlength="200" required>
<div id="pa-code-row" hidden>
<label for="pa-code">${e('code')}</label>
<input id="pa-code" name="code" type="text" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="20">
</div>
<button type="submit">${e('login')}</button>
</form>
</section>
<section id="pa-security" class="pc-panel" aria-labelledby="pa-security-title" hidden>
<h2 id="pa-security-title">${e('securityTitle')}</h2>
<p id="pa-2fa-state"></p>
<button type="button" id="pa-enrol" hidden>${e('enrol')}</button>
<div id="pa-enrol-box" hidden>
<p>${e('enrolSteps')}</p>
<img id="pa-qr" alt="${e('qrAlt')}" width="184" height="184">
<p>${e('secretLabel')} <code id="pa-secret"></code></p>
<form id="pa-confirm-form" action="#" novalidate>
<label for="pa-confirm-code">${e('confirmCode')}</label>
<input id="pa-confirm-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
<button type="submit">${e('confirm')}</button>
</form>
</div>
<div id="pa-recovery-box" hidden tabindex="-1">
<h3>${e('recoveryTitle')}</h3>
<p>${e('recoveryIntro')}</p>
<ul id="pa-recovery"></ul>
</div>
</section>
<section id="pa-sms-budget" class="pc-panel" aria-labelledby="pa-sms-budget-title" hidden>
<h2 id="pa-sms-budget-title">${e('smsBudgetTitle')}</h2>
<p id="pa-sms-budget-text"></p>
<p id="pa-sms-budget-alert" class="pc-alert" hidden></p>
</section>
<section id="pa-accounts" class="pc-panel" aria-labelledby="pa-accounts-title" hidden>
<h2 id="pa-accounts-title">${e('accountsTitle')}</h2>
<p id="pa-password-once" class="pc-notice" role="status" tabindex="-1"></p>
<div class="pa-scroll" role="group" tabindex="0" aria-labelledby="pa-accounts-title"><table class="pa-table">
<thead><tr><th scope="col">${e('colName')}</th><th scope="col">${e('colUsername')}</th><th scope="col">${e('colRole')}</th><th scope="col">${e('colCapacity')}</th><th scope="col">${e('colEmail')}</th><th scope="col">${e('colHeld')}</th><th scope="col">${e('colState')}</th><th scope="col">${e('colActions')}</th></tr></thead>
<tbody id="pa-accounts-body"></tbody>
</table></div>
<h3 id="pa-add-title">${e('addTitle')}</h3>
<form id="pa-add-form" action="#" method="post" novalidate aria-labelledby="pa-add-title">
<label for="pa-add-name">${e('name')}</label>
<input id="pa-add-name" type="text" maxlength="80" required autocomplete="off">
<label for="pa-add-username">${e('usernameHint')}</label>
<input id="pa-add-username" type="text" maxlength="40" autocapitalize="none" spellcheck="false" autocomplete="off">
<label for="pa-add-role">${e('role')}</label>
<select id="pa-add-role"><option value="mediateur">${e('roleMediateur')}</option><option value="coordinateur">${e('roleCoordinateur')}</option></select>
<label for="pa-add-capacity">${e('capacity')}</label>
<p id="pa-add-capacity-hint" class="pc-hint">${e('capacityHint')}</p>
<input id="pa-add-capacity" type="number" min="1" max="50" inputmode="numeric" aria-describedby="pa-add-capacity-hint">
<label for="pa-add-email">${e('email')}</label>
<p id="pa-add-email-hint" class="pc-hint">${e('emailHint')}</p>
<input id="pa-add-email" type="email" maxlength="254" autocapitalize="none" spellcheck="false" autocomplete="off" aria-describedby="pa-add-email-hint">
<button type="submit" id="pa-add-submit">${e('add')}</button>
</form>
</section>
<section id="pa-audit" class="pc-panel" aria-labelledby="pa-audit-title" hidden>
<h2 id="pa-audit-title">${e('auditTitle')}</h2>
<form id="pa-audit-form" action="#" novalidate>
<label for="pa-audit-mediator">${e('auditMediator')}</label>
<select id="pa-audit-mediator"><option value="">${e('anyone')}</option></select>
<label for="pa-audit-action">${e('auditAction')}</label>
<select id="pa-audit-action"><option value="">${e('anyAction')}</option>${AUDIT_ACTIONS.map((a) => `<option value="${a}">${a}</option>`).join('')}</select>
<label for="pa-audit-from">${e('from')}</label>
<input id="pa-audit-from" type="date">
<label for="pa-audit-to">${e('to')}</label>
<input id="pa-audit-to" type="date">
<button type="submit">${e('filter')}</button>
</form>
<div class="pa-scroll" role="group" tabindex="0" aria-labelledby="pa-audit-title"><table class="pa-table">
<thead><tr><th scope="col">${e('colAt')}</th><th scope="col">${e('colWho')}</th><th scope="col">${e('colAction')}</th><th scope="col">${e('colTarget')}</th><th scope="col">${e('colDetail')}</th></tr></thead>
<tbody id="pa-audit-body"></tbody>
</table></div>
<p id="pa-audit-empty" class="pc-empty" hidden>${e('auditEmpty')}</p>
</section>
<h1 class="pc-sr">${e('appName')}</h1>
<section id="pa-dashboard" class="pc-panel" aria-labelledby="pa-dash-title" hidden>
<h2 id="pa-dash-title">${e('dashTitle')}</h2>
<p>${e('dashIntro')}</p>
<form id="pa-dash-form" action="#" novalidate>
<label for="pa-dash-from">${e('from')}</label>
<input id="pa-dash-from" type="date">
<label for="pa-dash-to">${e('to')}</label>
<input id="pa-dash-to" type="date">
<button type="submit">${e('show')}</button>
</form>
<div id="pa-charts" aria-live="polite"></div>
</section>
<section id="pa-coop" class="pc-panel" aria-labelledby="pa-coop-title" hidden>
<h2 id="pa-coop-title">${e('coopTitle')}</h2>
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
    sendConsolePage(res, page);
    return next();
  });
  const asset = assetServer(deps.publicDir, {
    types: { 'admin.js': 'application/javascript; charset=utf-8' },
    cacheControl: 'no-cache',
    crossOriginResourcePolicy: 'same-origin',
    notBuilt: 'coordinators page not built (npm run build)',
  });
  server.get('/mediator/admin/static/:file', async (req: Request, res: Response): Promise<void> => {
    await asset(req, res, String(req.params.file ?? ''));
  });
}
