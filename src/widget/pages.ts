/**
 * HTML of the widget's pages, as pure functions: the chat frame (GET /chat), the demo "territory
 * website" (GET /) and a kind "not found" page. Every value is escaped; the frame's configuration
 * travels as JSON in a non-executed script element, with "<" escaped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LOCALES_DIR } from '../paths';
import type { ChatConfig } from './chat/config';
import { CONFIG_ELEMENT_ID } from './chat/config';
import { CAMERA_SVG, CLOSE_SVG, PERSON_SVG, SETTINGS_SVG } from './chat/icons';
import { WIDGET_STRING_KEYS, type StringTable, type WidgetLocale, type WidgetStrings } from './chat/strings';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside <script>: no "<" (so no "</script>"), no U+2028/2029. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** locales/widget.fr.yaml and widget.en.yaml; throws on a missing key or a non-string value. */
export function loadWidgetStrings(dir: string = LOCALES_DIR): WidgetStrings {
  const load = (locale: WidgetLocale): StringTable => {
    const file = `widget.${locale}.yaml`;
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    const table: StringTable = {};
    const missing: string[] = [];
    for (const key of WIDGET_STRING_KEYS) {
      const v = doc?.[key];
      if (typeof v === 'string' && v.trim()) table[key] = v;
      else missing.push(key);
    }
    if (missing.length) throw new Error(`${file}: missing or empty: ${missing.join(', ')}`);
    return table;
  };
  return { fr: load('fr'), en: load('en') };
}

export function chatPage(cfg: ChatConfig): string {
  const s = cfg.strings[cfg.locale];
  const other = cfg.locale === 'fr' ? 'en' : 'fr';
  const esc = (k: keyof typeof s) => escapeHtml(s[k] ?? '');
  const title = escapeHtml((s.pageTitle ?? '').replace('{name}', cfg.territory.name));
  const logo = cfg.territory.logoUrl ? `<img class="pp-logo" src="${escapeHtml(cfg.territory.logoUrl)}" alt="">` : '';
  const close =
    cfg.embed && cfg.parentOrigin
      ? `<button type="button" id="pp-close" class="pp-close" data-t-label="closeLabel" aria-label="${esc('closeLabel')}">${CLOSE_SVG}<span class="pp-label" data-t="close">${esc('close')}</span></button>`
      : '';
  const btn = (id: string, key: string, label?: string, extra = '') =>
    `<button type="button" id="${id}"${extra}${label ? ` data-t-label="${label}" aria-label="${esc(label)}"` : ''}><span data-t="${key}">${esc(key)}</span></button>`;
  return `<!doctype html>
<html lang="${cfg.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/chat-style.css">
<script type="application/json" id="${CONFIG_ELEMENT_ID}">${scriptJson(cfg)}</script>
<script src="/static/chat.js" defer></script>
</head>
<body class="${cfg.embed ? 'pp-embed' : 'pp-full'}">
<header class="pp-head">
<div class="pp-bar">
<div class="pp-title">${logo}<div class="pp-names"><h1>${escapeHtml(cfg.territory.name)}</h1><p class="pp-brand" data-t="brand">${esc('brand')}</p></div></div>
<button type="button" id="pp-mediator" data-t-label="mediator" aria-label="${esc('mediator')}">${PERSON_SVG}<span class="pp-label" data-t="mediatorShort">${esc('mediatorShort')}</span></button>
<button type="button" id="pp-menu" aria-expanded="false" aria-controls="pp-menu-panel" data-t-label="menuLabel" aria-label="${esc('menuLabel')}">${SETTINGS_SVG}<span class="pp-label" data-t="menu">${esc('menu')}</span></button>
${close}
</div>
<div id="pp-menu-panel" class="pp-menu" hidden>
${btn('pp-lang', 'switchLang', 'switchLangLabel', ` lang="${other}"`)}
${btn('pp-readall', 'readAll', undefined, ' class="pp-readall" aria-pressed="false"')}
<div class="pp-sizes" role="group" data-t-label="textSize" aria-label="${esc('textSize')}">${btn('pp-smaller', 'smaller', 'smallerLabel')}${btn('pp-bigger', 'bigger', 'biggerLabel')}</div>
${btn('pp-end', 'end', undefined, ' aria-controls="pp-confirm" aria-expanded="false"')}
</div>
</header>
<main class="pp-main">
<div id="pp-log" class="pp-log" role="log" aria-live="polite" tabindex="0" data-t-label="log" aria-label="${esc('log')}"></div>
<div id="pp-typing" class="pp-typing" role="status"></div>
</main>
<footer class="pp-foot">
<p id="pp-notice" class="pp-notice" role="status"></p>
<div id="pp-confirm" class="pp-confirm" role="group" aria-labelledby="pp-confirm-q" hidden>
<p id="pp-confirm-q" data-t="endQuestion">${esc('endQuestion')}</p>
<div class="pp-row"><button type="button" id="pp-end-yes" data-t="endYes">${esc('endYes')}</button><button type="button" id="pp-end-no" class="pp-quiet" data-t="endNo">${esc('endNo')}</button></div>
</div>
<noscript><p>${esc('noscript')}</p></noscript>
<form id="pp-form" class="pp-form" action="#" novalidate>
<label for="pp-input" data-t="inputLabel">${esc('inputLabel')}</label>
<p id="pp-hint" class="pp-hint" data-t="inputHint">${esc('inputHint')}</p>
<div class="pp-row"><input id="pp-input" type="text" autocomplete="off" maxlength="2000" enterkeyhint="send" aria-describedby="pp-hint"><button type="submit" class="pp-send" data-t="send">${esc('send')}</button>
<button type="button" id="pp-photo" class="pp-photo">${CAMERA_SVG}<span data-t="photo">${esc('photo')}</span></button></div>
<input type="file" id="pp-file" accept="image/jpeg,image/png" hidden>
</form>
</footer>
</body>
</html>
`;
}

export interface DemoPageOptions {
  publicBaseUrl: string;
  territory: { id: string; name: string } | string;
  /** CSP nonce of the page's own <style>; the loader reuses its script tag's nonce for its style. */
  nonce?: string;
}

/** The demo "territory website": a plain page with the one-line script tag of the widget. */
export function demoPage(opts: DemoPageOptions): string {
  const id = typeof opts.territory === 'string' ? opts.territory : opts.territory.id;
  const base = opts.publicBaseUrl.replace(/\/+$/, '');
  const n = opts.nonce ? ` nonce="${escapeHtml(opts.nonce)}"` : '';
  const tag = `<script src="${escapeHtml(base)}/widget.js" data-territory="${escapeHtml(id)}" async></script>`;
  const shown = `<script src="${base}/widget.js" data-territory="${id}" async></script>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Territoire de démonstration — Pas à pas</title>
<link rel="icon" href="data:,">
<style${n}>
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff}
header{background:#000091;color:#fff;padding:1rem}
main{max-width:40rem;padding:1rem 1rem 8rem}
h1{margin:0;font-size:1.5rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f3f3;padding:.75rem;border-radius:.25rem;font-size:.9rem}
</style>
</head>
<body>
<header><h1>Territoire de démonstration</h1></header>
<main>
<p>Ceci est le site d'un territoire imaginaire. Il sert à essayer Pas à pas.</p>
<p>Pas à pas aide les habitants à faire leurs démarches en ligne, étape par étape. Cliquez sur le bouton en bas à droite de l'écran.</p>
<h2>Ajouter Pas à pas sur votre site</h2>
<p>Copiez cette ligne dans vos pages :</p>
<pre><code>${escapeHtml(shown)}</code></pre>
</main>
${tag.replace('<script ', `<script${n} `)}
</body>
</html>
`;
}

/** A kind page for an unknown territory (404). */
export function notFoundPage(strings: StringTable, locale: WidgetLocale = 'fr'): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(strings.notFoundTitle ?? '')}</title></head>
<body>
<main>
<h1>${escapeHtml(strings.notFoundTitle ?? '')}</h1>
<p>${escapeHtml(strings.notFound ?? '')}</p>
</main>
</body>
</html>
`;
}
