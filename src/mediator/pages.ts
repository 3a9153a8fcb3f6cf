/**
 * HTML of the mediator console (GET /mediator/), as a pure function, and the loader of its strings
 * (locales/console.fr.yaml, console.en.yaml). Every value is escaped; the configuration travels as
 * JSON in a non-executed script element, with "<" escaped (like the widget's chat page). The page
 * works with `script-src 'self'; style-src 'self'`: no inline script, style or handler.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LOCALES_DIR } from '../paths';
import { escapeHtml, scriptJson } from '../widget/pages';
import { CONSOLE_CONFIG_ID, CONSOLE_STRING_KEYS, type ConsoleConfig, type ConsoleStrings } from './console/config';

export type ConsoleLocale = 'fr' | 'en';

export interface ConsoleTexts {
  strings: ConsoleStrings;
}

/** locales/console.<locale>.yaml; throws on a missing key or a non-string value. (Canned replies: locales/replies.*.yaml.) */
export function loadConsoleStrings(locale: ConsoleLocale = 'fr', dir: string = LOCALES_DIR): ConsoleTexts {
  const file = `console.${locale}.yaml`;
  const doc = (parse(readFileSync(join(dir, file), 'utf8')) ?? {}) as Record<string, unknown>;
  const strings = {} as ConsoleStrings;
  const missing: string[] = [];
  for (const key of CONSOLE_STRING_KEYS) {
    const v = doc[key];
    if (typeof v === 'string' && v.trim()) strings[key] = v;
    else missing.push(key);
  }
  if (missing.length) throw new Error(`${file}: missing or empty: ${missing.join(', ')}`);
  return { strings };
}

export const CONSOLE_ASSETS = { script: '/mediator/static/console.js', style: '/mediator/static/console-style.css' } as const;

/** The start of a console page (the console, the coordinators' page): not indexed, the console's style, its config and script. */
export function pageHead(locale: string, title: string, configId: string, configJson: string, script: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CONSOLE_ASSETS.style}">
<script type="application/json" id="${configId}">${configJson}</script>
<script src="${script}" defer></script>
</head>`;
}

export function consolePage(cfg: ConsoleConfig): string {
  const s = cfg.strings;
  const e = (k: keyof ConsoleStrings) => escapeHtml(s[k]);
  const outcome = (value: string, key: keyof ConsoleStrings) =>
    `<div class="pc-radio"><input type="radio" name="outcome" id="pc-outcome-${value}" value="${value}"><label for="pc-outcome-${value}">${e(key)}</label></div>`;
  return `${pageHead(cfg.locale, s.pageTitle, CONSOLE_CONFIG_ID, scriptJson(cfg), CONSOLE_ASSETS.script)}
<body>
<a class="pc-skip" href="#pc-main">${e('skip')}</a>
<header class="pc-head">
<p class="pc-app">${e('appName')}</p>
<div id="pc-bar" class="pc-bar" hidden>
<p id="pc-identity" class="pc-identity"></p>
<fieldset class="pc-presence"><legend>${e('presence')}</legend>
<div class="pc-radio"><input type="radio" name="presence" id="pc-on" value="on"><label for="pc-on">${e('onDuty')}</label></div>
<div class="pc-radio"><input type="radio" name="presence" id="pc-off" value="off" checked><label for="pc-off">${e('offDuty')}</label></div>
</fieldset>
<div class="pc-check"><input type="checkbox" id="pc-sound" checked><label for="pc-sound">${e('sound')}</label></div>
<a id="pc-report" class="pc-secondary" href="/api/mediator/report?format=csv" download hidden>${e('report')}</a>
<button type="button" id="pc-logout" class="pc-secondary">${e('logout')}</button>
</div>
</header>
<main id="pc-main" tabindex="-1">
<div class="pc-messages-bar">
<p id="pc-notice" class="pc-notice" role="status"></p>
<p id="pc-alert" class="pc-alert" role="alert"></p>
<div id="pc-sound-off" class="pc-sound-off" hidden><p id="pc-sound-off-text">${e('soundBlocked')}</p><button type="button" id="pc-sound-on" aria-describedby="pc-sound-off-text">${e('soundEnable')}</button></div>
</div>
<noscript><p>${e('noscript')}</p></noscript>
<section id="pc-login" class="pc-login" aria-labelledby="pc-login-title">
<h1 id="pc-login-title">${e('loginTitle')}</h1>
<p>${e('loginIntro')}</p>
<p id="pc-login-status" class="pc-status" role="status"></p>
<form id="pc-login-form" action="#" method="post" novalidate>
<label for="pc-territory">${e('territory')}</label>
<p id="pc-territory-hint" class="pc-hint">${e('territoryHint')}</p>
<input id="pc-territory" name="territory" type="text" autocomplete="organization" autocapitalize="none" spellcheck="false" maxlength="60" required aria-describedby="pc-territory-hint">
<label for="pc-username">${e('username')}</label>
<input id="pc-username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="60" required>
<label for="pc-password">${e('password')}</label>
<input id="pc-password" name="password" type="password" autocomplete="current-password" maxlength="200" required>
<div id="pc-code-row" hidden><label for="pc-code">${e('code')}</label>
<input id="pc-code" name="code" type="text" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="20"></div>
<p id="pc-login-error" class="pc-error" role="alert"></p>
<button type="submit" id="pc-login-submit">${e('login')}</button>
</form>
${cfg.proconnect?.length ? `<p id="pc-proconnect" hidden><a id="pc-proconnect-link" class="pc-proconnect" href="/api/mediator/proconnect/login">${e('proconnect')}</a></p>\n` : ''}</section>
<div id="pc-work" class="pc-work" hidden>
<h1 class="pc-sr">${e('appName')}</h1>
<section id="pc-queue" class="pc-panel pc-queue" aria-labelledby="pc-queue-title">
<h2 id="pc-queue-title" tabindex="-1">${e('queueTitle')}</h2>
<h3>${e('mineTitle')}</h3>
<ul id="pc-mine" class="pc-list"></ul>
<p id="pc-mine-empty" class="pc-empty">${e('mineEmpty')}</p>
<h3>${e('waitingTitle')} <span id="pc-waiting-count" class="pc-count"></span></h3>
<ul id="pc-waiting" class="pc-list"></ul>
<p id="pc-waiting-empty" class="pc-empty">${e('waitingEmpty')}</p>
<h2 id="pc-callbacks-title">${e('callbacksTitle')}</h2>
<ul id="pc-callbacks" class="pc-list"></ul>
<p id="pc-callbacks-empty" class="pc-empty">${e('callbacksEmpty')}</p>
<div id="pc-figures" hidden>
<h2 id="pc-figures-title">${e('figuresTitle')}</h2>
<ul id="pc-figures-list" class="pc-figures" aria-labelledby="pc-figures-title"></ul>
<button type="button" id="pc-figures-refresh" class="pc-secondary">${e('figuresRefresh')}</button>
</div>
<details id="pc-replies-edit" class="pc-replies-edit" hidden><summary>${e('repliesEditTitle')}</summary><div id="pc-replies-editor"></div></details>
</section>
<section id="pc-chat" class="pc-panel pc-chat" aria-labelledby="pc-chat-title">
<h2 id="pc-chat-title" tabindex="-1">${e('chatTitle')}</h2>
<p id="pc-chat-empty" class="pc-empty">${e('chatEmpty')}</p>
<div id="pc-chat-body" hidden>
<div class="pc-chat-top">
<div class="pc-chat-info"><p id="pc-chat-meta" class="pc-meta"></p>
<p id="pc-chat-step" class="pc-step"></p></div>
<div class="pc-actions">
<button type="button" id="pc-release" class="pc-secondary">${e('release')}</button>
<button type="button" id="pc-finish">${e('finish')}</button>
</div>
</div>
<form id="pc-close-form" class="pc-close" action="#" novalidate hidden>
<fieldset><legend>${e('outcomeLegend')}</legend>
${outcome('fait-pour', 'outcomeFaitPour')}
${outcome('fait-avec', 'outcomeFaitAvec')}
${outcome('autonome', 'outcomeAutonome')}
${outcome('non-resolu', 'outcomeNonResolu')}
</fieldset>
<label for="pc-note">${e('note')}</label>
<p id="pc-note-hint" class="pc-hint">${e('noteHint')}</p>
<textarea id="pc-note" rows="2" maxlength="2000" aria-describedby="pc-note-hint"></textarea>
<p id="pc-close-error" class="pc-error" role="alert"></p>
<div class="pc-actions"><button type="submit" id="pc-close-confirm">${e('confirmClose')}</button><button type="button" id="pc-close-cancel" class="pc-secondary">${e('cancel')}</button></div>
</form>
<h3 id="pc-transcript-title">${e('before')}</h3>
<ol id="pc-transcript" class="pc-transcript" aria-labelledby="pc-transcript-title" tabindex="0"></ol>
<h3 id="pc-messages-title">${e('messagesTitle')}</h3>
<div id="pc-messages" class="pc-log" role="log" aria-live="polite" aria-labelledby="pc-messages-title" tabindex="0"></div>
<p id="pc-typing" class="pc-typing" role="status"></p>
<form id="pc-send-form" class="pc-send" action="#" novalidate>
<label for="pc-input">${e('inputLabel')}</label>
<p id="pc-input-hint" class="pc-hint">${e('inputHint')}</p>
<div class="pc-row"><textarea id="pc-input" rows="2" maxlength="2000" aria-describedby="pc-input-hint pc-send-error"></textarea><button type="submit" id="pc-send">${e('send')}</button></div>
<p id="pc-input-falc" class="pc-hint pc-falc" aria-live="polite"></p>
<p id="pc-send-error" class="pc-error" role="alert"></p>
</form>
<div id="pc-quick" class="pc-quick" role="group" aria-labelledby="pc-quick-title"><p id="pc-quick-title" class="pc-quick-title">${e('quickReplies')}</p></div>
</div>
</section>
</div>
</main>
<div id="pc-idle" class="pc-overlay" hidden>
<div class="pc-dialog" role="alertdialog" aria-modal="true" aria-labelledby="pc-idle-title" aria-describedby="pc-idle-text">
<h2 id="pc-idle-title">${e('idleTitle')}</h2>
<p id="pc-idle-text"></p>
<button type="button" id="pc-stay">${e('stay')}</button>
</div>
</div>
</body>
</html>
`;
}
