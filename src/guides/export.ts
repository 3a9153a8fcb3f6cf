/**
 * `pasapas export-guides --format html --out DIR`: one printable, accessible HTML sheet per guide and an
 * index, for France Services agents who review the content and hand a citizen a paper copy.
 *
 * A sheet is plain HTML (no script, inline print CSS, lang set): the title and summary, "what you need"
 * with what to do without it, one block per main step with a big step number, the official addresses in
 * large type (what to type, since paper has no links), the side steps for the usual blocking points under
 * the step they hang from, the end, and the sources with the date each was checked. Every text is escaped:
 * guide files are data written by people, never markup. Fixed labels come from locales/*.yaml (sheet.*).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuideCatalog, LoadedGuide } from './catalog';
import { formatProblem, loadGuides } from './loader';
import { stepNumber } from './catalog';
import { GUIDE_GOTO_PREFIX, RESERVED_GOTO, type Locale, type Step } from './schema';
import { Strings, type StringKey, type Vars } from '../i18n/strings';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values: & < > " ' become entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** What a person types: the URL without "https://" and without a lone trailing slash. */
export function displayUrl(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/^([^/]+)\/$/, '$1');
}

/** "2026-12-02" → "2 décembre 2026" (fr) or "2 December 2026" (en). */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** File name of a guide's sheet (ids are [a-z0-9-], safe as file names). */
export function sheetFileName(guideId: string): string {
  return `${guideId}.html`;
}

const CSS = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,"Liberation Sans",sans-serif;font-size:1.125rem;line-height:1.6;color:#111;background:#fff;max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;line-height:1.25;margin:.25rem 0 .75rem}
h2{font-size:1.5rem;margin:2rem 0 .75rem;border-bottom:3px solid #111;padding-bottom:.25rem}
h3{font-size:1.25rem;margin:0 0 .5rem;display:flex;align-items:center;gap:.75rem}
h4{font-size:1.125rem;margin:1rem 0 .25rem}
a{color:#003da5}
.brand{font-weight:bold;margin:0}
.summary{font-size:1.25rem}
.safety,.help{border:2px solid #111;padding:.5rem .75rem;font-weight:bold}
.needs li{margin-bottom:.5rem}
.if-missing{margin:.25rem 0 0}
.steps{list-style:none;padding:0;margin:0}
.step{border:2px solid #111;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.step-number{display:inline-block;min-width:3.5rem;height:3.5rem;line-height:3.5rem;text-align:center;font-size:2.25rem;font-weight:bold;color:#fff;background:#111;border-radius:.5rem;flex:none}
.address{font-size:1.5rem;font-weight:bold;word-break:break-all;margin:.5rem 0}
.address-label{display:block;font-size:1rem;font-weight:normal}
.case{border-left:6px solid #555;padding-left:.75rem;margin-top:1rem}
.case.then{margin-left:1.5rem}
.sources li{margin-bottom:.5rem;word-break:break-word}
footer{margin-top:2rem;font-size:1rem}
@media print{
  @page{margin:15mm}
  body{max-width:none;padding:0;font-size:13pt}
  a{color:#000;text-decoration:none}
  .step,.case,.needs li,.sources li{break-inside:avoid;page-break-inside:avoid}
  h2,h3{break-after:avoid;page-break-after:avoid}
  .step-number{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Where a choice or `next` leads, if it is a step of this guide (not next/end/menu/handoff/places/guide:). */
function stepTarget(g: LoadedGuide, target: string | undefined): Step | undefined {
  if (!target || target.startsWith(GUIDE_GOTO_PREFIX) || (RESERVED_GOTO as readonly string[]).includes(target)) return undefined;
  return g.stepById.get(target);
}

/**
 * What a main step's block shows besides its own text, in reading order: each answer that leads to a side
 * step (then, depth first, the side steps that one leads to), to another guide's sheet, or that comes with
 * advice (its `reply`; not the ones handing over to a person or the places, which only make sense in a chat).
 * A side step is shown once, under the first main step that reaches it.
 */
type Case =
  | { kind: 'branch'; step: Step; via?: string; depth: number }
  | { kind: 'guide'; guideId: string; via: string }
  | { kind: 'reply'; via: string; reply: string };

function casesByMainStep(g: LoadedGuide, locale: Locale): Map<string, Case[]> {
  const out = new Map<string, Case[]>();
  const placed = new Set<string>();
  const visit = (from: Step, depth: number, list: Case[]) => {
    const ways: Array<{ target?: string; via?: string; reply?: string }> = [
      ...(from.check?.choices ?? []).map((c) => ({ target: c.goto, via: c.label[locale], reply: c.reply?.[locale] })),
      { target: from.next },
    ];
    for (const { target, via, reply } of ways) {
      const step = stepTarget(g, target);
      if (step?.branch && !placed.has(step.id)) {
        placed.add(step.id);
        list.push({ kind: 'branch', step, via: depth === 0 ? via : undefined, depth });
        visit(step, depth + 1, list);
      } else if (depth === 0 && via && target?.startsWith(GUIDE_GOTO_PREFIX)) {
        list.push({ kind: 'guide', guideId: target.slice(GUIDE_GOTO_PREFIX.length), via });
      } else if (depth === 0 && via && reply && target !== 'handoff' && target !== 'places') {
        list.push({ kind: 'reply', via, reply });
      }
    }
  };
  for (const main of g.mainSteps) {
    const list: Case[] = [];
    visit(main, 0, list);
    out.set(main.id, list);
  }
  return out;
}

/** Lines joined, the empty ones left out. */
const lines = (...parts: Array<string | false | undefined>): string => parts.filter(Boolean).join('\n');

/**
 * The sheet of one guide. `titles` (guide id → title) turns an answer leading to another guide into a
 * link to that guide's sheet; without it, the title is not shown, only the answer.
 */
export function renderGuideSheet(g: LoadedGuide, strings: Strings, locale: Locale = 'fr', titles: Map<string, string> = new Map()): string {
  const t = (key: StringKey, vars?: Vars) => escapeHtml(strings.t(locale, key, vars));
  const x = (text: { fr: string; en: string } | undefined) => (text ? escapeHtml(text[locale]) : '');
  const { guide } = g;

  const header = lines(
    '<header>',
    `<p class="brand">${t('sheet.brand')}</p>`,
    `<h1>${x(guide.title)}</h1>`,
    guide.summary && `<p class="summary">${x(guide.summary)}</p>`,
    `<p class="checked">${checkedLine(g, strings, locale)}</p>`,
    `<p class="safety">${t('sheet.safety')}</p>`,
    '</header>',
  );

  const needs =
    guide.needs.length > 0 &&
    lines(
      '<section aria-labelledby="needs">',
      `<h2 id="needs">${t('sheet.needs')}</h2>`,
      '<ul class="needs">',
      ...guide.needs.map(
        (n) =>
          `<li><p>${x(n.text)}</p>${n.ifMissing ? `<p class="if-missing"><strong>${t('sheet.ifMissing')}</strong> ${x(n.ifMissing)}</p>` : ''}</li>`,
      ),
      '</ul>',
      '</section>',
    );

  const helpLine = (step: Step) => step.help && `<p><strong>${t('sheet.ifStuck')}</strong> ${x(step.help)}</p>`;
  const renderCase = (c: Case): string => {
    if (c.kind === 'guide') {
      const title = titles.get(c.guideId);
      return lines(
        '<section class="case">',
        `<h4>${t('sheet.case', { label: c.via })}</h4>`,
        title && `<p>${t('sheet.seeSheet')} <a href="${escapeHtml(sheetFileName(c.guideId))}">${escapeHtml(title)}</a></p>`,
        '</section>',
      );
    }
    if (c.kind === 'reply') {
      return lines('<section class="case">', `<h4>${t('sheet.case', { label: c.via })}</h4>`, `<p>${escapeHtml(c.reply)}</p>`, '</section>');
    }
    const b = c.step;
    return lines(
      `<section class="case${c.depth > 0 ? ' then' : ''}">`,
      c.via ? `<h4>${t('sheet.case', { label: c.via })}</h4>` : `<h4>${x(b.title ?? b.text)}</h4>`,
      c.via && b.title && `<p><strong>${x(b.title)}</strong></p>`,
      `<p>${x(b.text)}</p>`,
      addresses(b, locale, t),
      helpLine(b),
      '</section>',
    );
  };

  const cases = casesByMainStep(g, locale);
  const total = g.mainSteps.length;
  const blocks = g.mainSteps.map((step) => {
    const n = stepNumber(g, step.id);
    const counter = t('step.counter', { n, total });
    return lines(
      `<li class="step" id="step-${escapeHtml(step.id)}">`,
      `<h3><span class="step-number" aria-hidden="true">${n}</span><span>${step.title ? `${counter} : ${x(step.title)}` : counter}</span></h3>`,
      `<p>${x(step.text)}</p>`,
      addresses(step, locale, t),
      helpLine(step),
      ...(cases.get(step.id) ?? []).map(renderCase),
      '</li>',
    );
  });
  const steps = lines('<section aria-labelledby="steps">', `<h2 id="steps">${t('sheet.steps')}</h2>`, '<ol class="steps">', ...blocks, '</ol>', '</section>');

  const end = guide.done && lines('<section aria-labelledby="end">', `<h2 id="end">${t('sheet.end')}</h2>`, `<p>${x(guide.done)}</p>`, '</section>');

  const sources = lines(
    '<section aria-labelledby="sources">',
    `<h2 id="sources">${t('sheet.sources')}</h2>`,
    '<ul class="sources">',
    ...guide.sources.map(
      (s) =>
        `<li>${s.title ? `${escapeHtml(s.title)}<br>` : ''}<a href="${escapeHtml(s.url)}">${escapeHtml(displayUrl(s.url))}</a> (${t('sheet.checked', { date: formatDate(s.checked, locale) })})</li>`,
    ),
    '</ul>',
    '</section>',
  );

  const footer = lines(
    '<footer>',
    `<p class="help">${t('sheet.help')}</p>`,
    `<p>${t('sheet.footer', { id: guide.id, version: guide.version })}</p>`,
    '</footer>',
  );

  return page(locale, `${guide.title[locale]} · Pas à pas`, lines(header, '<main>', needs, steps, end, sources, '</main>', footer));
}

/** A step's links as addresses to type, in large type, each with its label when it has one. */
function addresses(step: Step, locale: Locale, t: (key: StringKey, vars?: Vars) => string): string {
  return step.links
    .map(
      (l) =>
        `<p class="address"><span class="address-label">${l.label ? `${escapeHtml(l.label[locale])}. ` : ''}${t('sheet.address')}</span><a href="${escapeHtml(l.url)}">${escapeHtml(displayUrl(l.url))}</a></p>`,
    )
    .join('\n');
}

/** "Informations vérifiées le 2 décembre 2026." or "… entre le 27 novembre et le 2 décembre 2026." */
function checkedLine(g: LoadedGuide, strings: Strings, locale: Locale): string {
  const dates = g.guide.sources.map((s) => s.checked).sort();
  const from = dates[0];
  const to = dates[dates.length - 1];
  const text =
    from === to
      ? strings.t(locale, 'sheet.checkedOn', { date: formatDate(from, locale) })
      : strings.t(locale, 'sheet.checkedBetween', { from: formatDate(from, locale), to: formatDate(to, locale) });
  return escapeHtml(text);
}

/** The index: every sheet, by title, with its summary. */
export function renderIndex(guides: LoadedGuide[], strings: Strings, locale: Locale = 'fr'): string {
  const t = (key: StringKey) => escapeHtml(strings.t(locale, key));
  const sorted = [...guides].sort((a, b) => a.guide.title[locale].localeCompare(b.guide.title[locale], locale));
  const items = sorted
    .map(
      (g) =>
        `<li><a href="${escapeHtml(sheetFileName(g.guide.id))}">${escapeHtml(g.guide.title[locale])}</a>${g.guide.summary ? `<br>${escapeHtml(g.guide.summary[locale])}` : ''}</li>`,
    )
    .join('\n');
  return page(
    locale,
    strings.t(locale, 'sheet.indexTitle'),
    `<header>
<p class="brand">${t('sheet.brand')}</p>
<h1>${t('sheet.indexTitle')}</h1>
<p class="summary">${t('sheet.indexIntro')}</p>
</header>
<main>
<ul class="sources">
${items}
</ul>
</main>`,
  );
}

/** Write index.html and one sheet per guide of the catalog into `outDir`; returns the file names written. */
export function exportGuides(catalog: GuideCatalog, strings: Strings, outDir: string, locale: Locale = 'fr'): string[] {
  mkdirSync(outDir, { recursive: true });
  const guides = catalog.list();
  const titles = new Map(guides.map((g) => [g.guide.id, g.guide.title[locale]]));
  const files: string[] = [];
  for (const g of guides) {
    const name = sheetFileName(g.guide.id);
    writeFileSync(join(outDir, name), renderGuideSheet(g, strings, locale, titles));
    files.push(name);
  }
  writeFileSync(join(outDir, 'index.html'), renderIndex(guides, strings, locale));
  files.push('index.html');
  return files;
}

/**
 * `pasapas export-guides --format html --out DIR [--dialogs DIR] [--locale fr|en]`. Guides with errors are
 * reported and left out (exit 1); the others are written.
 */
export async function runExportGuidesCli(
  args: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
  dirs: { dialogs: string; locales: string },
): Promise<number> {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const format = opt('--format') ?? 'html';
  const out = opt('--out');
  const locale = opt('--locale') ?? 'fr';
  if (format !== 'html' || !out || (locale !== 'fr' && locale !== 'en')) {
    io.err.write('usage: pasapas export-guides --format html --out DIR [--dialogs DIR] [--locale fr|en]\n');
    return 1;
  }
  const { catalog, problems } = loadGuides(opt('--dialogs') ?? dirs.dialogs);
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of errors) io.err.write(`${formatProblem(p)}\n`);
  const files = exportGuides(catalog, Strings.load(dirs.locales), out, locale);
  io.out.write(`export-guides: ${files.length - 1} sheet(s) and index.html → ${out}\n`);
  if (errors.length > 0) io.err.write(`export-guides: ${errors.length} error(s); the guides with errors were left out\n`);
  return errors.length > 0 ? 1 : 0;
}
