/**
 * Printable guide sheets (`pasapas export-guides`), as a France Services agent would print them: one block
 * per main step with its number, the side steps under the step they hang from, the official addresses, the
 * date each source was checked; and nothing a guide file contains can become markup or a script.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import XSS_PAYLOADS from '../fixtures/xss-payloads.json';
import { runCli } from '../../src/cli';
import { indexGuide, type LoadedGuide } from '../../src/guides/catalog';
import { exportGuides, renderGuideSheet, renderIndex } from '../../src/guides/export';
import { loadGuides } from '../../src/guides/loader';
import { Guide } from '../../src/guides/schema';
import { Strings } from '../../src/i18n/strings';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/paths';

const strings = Strings.load(LOCALES_DIR);
const { catalog } = loadGuides(DIALOGS_DIR);
const titles = new Map(catalog.list().map((g) => [g.guide.id, g.guide.title.fr]));

/** The tags of a page, in order, and the text between them (entities kept as written). */
function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[0]);
}

/** The HTML of the n-th step block (1-based). */
function stepBlock(html: string, n: number): string {
  const blocks = html.split('<li class="step"').slice(1).map((b) => b.slice(0, b.indexOf('\n</li>')));
  return blocks[n - 1] ?? '';
}

describe('a guide sheet', () => {
  const g = catalog.get('carte-vitale-perdue')!;
  const html = renderGuideSheet(g, strings, 'fr', titles);

  test('is a French page with one title, the sections in reading order, print CSS and no script', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('<h1>Carte Vitale perdue ou volée</h1>');
    const h2 = [...html.matchAll(/<h2 id="[a-z]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(['Ce qu&#39;il vous faut', 'Les étapes', 'À la fin', 'Sources officielles']);
    expect(html).toContain('@media print');
    expect(html).toMatch(/break-inside:avoid/);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
  });

  test('"what you need" lists each need with what to do without it', () => {
    for (const need of g.guide.needs) {
      expect(html).toContain(need.text.fr.replace(/'/g, '&#39;'));
      expect(html).toContain(need.ifMissing!.fr.replace(/'/g, '&#39;'));
    }
    expect(html).toContain('Si vous ne l&#39;avez pas :');
  });

  test('one block per main step, numbered in order, each with its own text and addresses', () => {
    const main = g.mainSteps;
    expect(html.match(/<li class="step"/g)).toHaveLength(main.length);
    const numbers = [...html.matchAll(/<span class="step-number" aria-hidden="true">(\d+)<\/span><span>Étape (\d+) sur (\d+)/g)];
    expect(numbers.map((m) => [Number(m[1]), Number(m[2]), Number(m[3])])).toEqual(main.map((_, i) => [i + 1, i + 1, main.length]));
    main.forEach((step, i) => {
      const block = stepBlock(html, i + 1);
      expect(block).toContain(step.text.fr.replace(/'/g, '&#39;'));
      for (const link of step.links) expect(block).toContain(`<a href="${link.url}">`);
    });
    // The official address in large type, as it is typed.
    expect(stepBlock(html, 1)).toContain('<p class="address"><span class="address-label">Adresse à taper :</span><a href="https://www.ameli.fr/">www.ameli.fr</a></p>');
  });

  test('side steps sit under the step they hang from; an answer leading to another guide links to its sheet', () => {
    expect(stepBlock(html, 1)).toContain('Cas particulier : Pas de compte Ameli');
    expect(stepBlock(html, 1)).toContain('Sans compte, appelez le 36 46.');
    expect(stepBlock(html, 1)).toContain('<a href="mot-de-passe-oublie.html">Retrouver un mot de passe oublié</a>');
    expect(stepBlock(html, 3)).toContain('Cas particulier : Ma photo est refusée');
    expect(stepBlock(html, 3)).toContain('<a href="arnaque.html">Vérifier un message : arnaque ou pas</a>');
    expect(stepBlock(html, 2)).toContain('Tant mieux ! Ne faites pas la déclaration');
    // An answer's advice is printed with it, wherever it leads (here: on to the next step).
    expect(stepBlock(html, 2)).toContain('Cas particulier : Volée</h4>\n<p>Choisissez « vol » sur le site. Votre carte bancaire a aussi été volée ?');
    expect(stepBlock(html, 2)).not.toContain('Photo refusée');
    // Each side step once in the whole sheet.
    expect(html.match(/La photo doit être récente et nette\./g)).toHaveLength(1);
  });

  test('a side step reached from another side step follows it, once, named by its own title', () => {
    const arnaque = renderGuideSheet(catalog.get('arnaque')!, strings, 'fr', titles);
    const first = stepBlock(arnaque, 1);
    const at = (s: string) => first.indexOf(s);
    expect(at('Cas particulier : J&#39;ai déjà payé')).toBeGreaterThan(-1);
    expect(at('<section class="case then">\n<h4>Garder les preuves et signaler</h4>')).toBeGreaterThan(at('Cas particulier : J&#39;ai déjà payé'));
    expect(at('0 892 705 705')).toBeGreaterThan(at('Cas particulier : J&#39;ai déjà payé'));
    expect(first).not.toContain('Cas particulier : Oui, c&#39;est fait');
    expect(arnaque.match(/Appelez le 0 892 705 705\./g)).toHaveLength(1);
  });

  test('the sources with the date each was checked, and that date at the top', () => {
    for (const s of g.guide.sources) {
      expect(html).toContain(`<a href="${s.url}">${s.url.replace(/^https:\/\//, '').replace(/^([^/]+)\/$/, '$1')}</a> (vérifiée le 2 décembre 2026)`);
    }
    expect(html).toContain('<p class="checked">Informations vérifiées le 2 décembre 2026.</p>');
    const older = renderGuideSheet(withSources(g, ['2026-11-27', '2026-12-02']), strings);
    expect(older).toContain('Informations vérifiées entre le 27 novembre 2026 et le 2 décembre 2026.');
  });

  test('in English with --locale en: lang="en" and the English texts', () => {
    const en = renderGuideSheet(g, strings, 'en', new Map(catalog.list().map((x) => [x.guide.id, x.guide.title.en])));
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>Lost or stolen carte Vitale</h1>');
    expect(en).toContain('Step 1 of 5');
    expect(en).toContain('checked on 2 December 2026');
  });
});

function withSources(g: LoadedGuide, dates: string[]): LoadedGuide {
  const guide = { ...g.guide, sources: dates.map((checked, i) => ({ url: `https://www.ameli.fr/${i}`, checked })) };
  return indexGuide(guide, g.file);
}

describe('escaping', () => {
  const hostile = (i: number) => XSS_PAYLOADS[i % XSS_PAYLOADS.length];
  const guide = Guide.parse({
    id: 'hostile',
    version: 1,
    title: { fr: `<script>alert(1)</script> & "titre"`, en: 'Title' },
    theme: 'argent_impots',
    summary: { fr: hostile(0), en: 'Summary' },
    phrasings: { fr: [], en: [] },
    needs: [{ text: { fr: hostile(1), en: 'x' }, ifMissing: { fr: hostile(2), en: 'y' } }],
    steps: [
      ...XSS_PAYLOADS.map((p, i) => ({
        id: `s${i}`,
        title: { fr: p, en: 't' },
        text: { fr: p, en: 'text' },
        help: { fr: hostile(i + 3), en: 'help' },
        links: [{ url: 'https://www.service-public.gouv.fr/a?b="><img src=x onerror=alert(1)>', label: { fr: p, en: 'l' } }],
        ...(i === 0 ? { check: { choices: [{ label: { fr: hostile(5), en: 'c' }, goto: 'b' }] } } : {}),
      })),
      { id: 'b', branch: true, title: { fr: hostile(6), en: 'b' }, text: { fr: hostile(7), en: 'b' } },
    ],
    done: { fr: hostile(8), en: 'done' },
    sources: [{ url: 'https://www.ameli.fr/"onmouseover="alert(1)', title: hostile(9), checked: '2026-12-02' }],
  });
  const html = renderGuideSheet(indexGuide(guide, 'hostile.yaml'), strings);

  test('no text of a guide becomes a tag, an attribute or a script', () => {
    const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'section', 'h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'a', 'span', 'strong', 'br']);
    for (const tag of tags(html)) expect(allowed.has(tag.replace(/^<\/?/, '').toLowerCase())).toBe(true);
    // Inside the real tags (a "<" in the text is always escaped): no event handler, no javascript: URL.
    // Attribute values are quoted and cannot contain a quote ("&quot;"): outside them, only our own names.
    for (const [tag] of html.matchAll(/<[^>]*>/g)) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=|javascript:/i);
    // Attribute values cannot be closed early: every href is a quoted https URL or a sheet name.
    for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https:\/\/[^"<>]*|[a-z0-9-]+\.html)$/);
  });

  test('the text is still there, escaped, and the structure holds', () => {
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;titre&quot;</h1>');
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;titre&quot; · Pas à pas</title>');
    expect(html).toContain('href="https://www.service-public.gouv.fr/a?b=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain('href="https://www.ameli.fr/&quot;onmouseover=&quot;alert(1)"');
    expect(html.match(/<li class="step"/g)).toHaveLength(XSS_PAYLOADS.length);
    expect(html).toContain(`Cas particulier : ${hostile(5).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`)}`);
  });
});

describe('exporting', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pasapas-sheets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('one sheet per guide and an index linking to each, by title', () => {
    const files = exportGuides(catalog, strings, dir);
    expect(readdirSync(dir).sort()).toEqual([...catalog.ids().map((id) => `${id}.html`), 'index.html'].sort());
    expect(files).toHaveLength(catalog.ids().length + 1);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('<html lang="fr">');
    expect(index).toContain('<h1>Fiches pratiques Pas à pas</h1>');
    for (const id of catalog.ids()) expect(index).toContain(`<a href="${id}.html">`);
    const order = [...index.matchAll(/<a href="[a-z0-9-]+\.html">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(renderIndex(catalog.list(), strings)).toBe(index);
  });

  test('pasapas export-guides --format html --out DIR writes them; a wrong format or no --out is refused', async () => {
    const io = () => {
      const out = new PassThrough();
      const err = new PassThrough();
      const text = { out: '', err: '' };
      out.on('data', (c) => (text.out += String(c)));
      err.on('data', (c) => (text.err += String(c)));
      return { io: { out, err }, text };
    };
    const ok = io();
    expect(await runCli(['export-guides', '--format', 'html', '--out', dir], ok.io)).toBe(0);
    expect(ok.text.out).toContain(`${catalog.ids().length} sheet(s) and index.html`);
    expect(readFileSync(join(dir, 'arnaque.html'), 'utf8')).toContain('<h1>Vérifier un message : arnaque ou pas</h1>');
    const pdf = io();
    expect(await runCli(['export-guides', '--format', 'pdf', '--out', dir], pdf.io)).toBe(1);
    expect(pdf.text.err).toContain('usage: pasapas export-guides --format html --out DIR');
    expect(await runCli(['export-guides', '--format', 'html'], io().io)).toBe(1);
  });
});
