/**
 * The mediator console without a browser: its pure helpers (waiting time, summary line, labels,
 * Paris dates, message merging, idle timeout), its strings, the page's HTML, its routes and CSP on
 * a bare restify server, and the size of its bundle (≤ 40 KB gzip).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import restify, { type Server } from 'restify';
import { parse } from 'yaml';
import {
  channelLabel,
  format,
  formatParis,
  formatWaiting,
  localeLabel,
  mergeMessages,
  nextIndex,
  OUTCOMES,
  outcomeLabel,
  retryMinutes,
  stepLabel,
  summaryLine,
  telHref,
  type HandoffView,
  type MessageView,
} from '../../src/mediator/console/format';
import { IdleWatch } from '../../src/mediator/console/idle';
import { CONSOLE_CONFIG_ID, CONSOLE_STRING_KEYS, type ConsoleConfig } from '../../src/mediator/console/config';
import { consolePage, loadConsoleStrings } from '../../src/mediator/pages';
import { defaultReplies } from '../../src/mediator/replies';
import { falcHints } from '../../src/text/falc';
import { CONSOLE_CSP, mountConsole } from '../../src/mediator/consoleRoutes';
import { OUTCOMES as SERVER_OUTCOMES } from '../../src/handoff/states';
import { buildWidget } from '../../src/widget/build';
import { LOCALES_DIR, ROOT } from '../../src/paths';
import { freePort, listen } from '../widget/support';

const fr = loadConsoleStrings('fr');
const s = fr.strings;

const handoff = (over: Partial<HandoffView> = {}): HandoffView => ({
  id: 'h1',
  state: 'waiting',
  waitingSince: 0,
  position: 1,
  locale: 'fr-FR',
  channel: 'sms',
  guideTitle: 'Déclarer mes impôts en ligne',
  stepNumber: 4,
  stepTotal: 9,
  stepTitle: 'Cliquer sur le lien',
  summary: "Déclarer mes impôts en ligne — bloqué à l'étape 4/9 : Cliquer sur le lien",
  reason: 'stuck',
  ...over,
});

describe('console helpers', () => {
  it('formats the waiting time in French', () => {
    expect(formatWaiting(0, s)).toBe("moins d'1 min");
    expect(formatWaiting(59_999, s)).toBe("moins d'1 min");
    expect(formatWaiting(-5_000, s)).toBe("moins d'1 min"); // clocks a little apart
    expect(formatWaiting(60_000, s)).toBe('1 min');
    expect(formatWaiting(12 * 60_000 + 30_000, s)).toBe('12 min');
    expect(formatWaiting(59 * 60_000, s)).toBe('59 min');
    expect(formatWaiting(65 * 60_000, s)).toBe('1 h 05');
    expect(formatWaiting(23 * 3_600_000 + 59 * 60_000, s)).toBe('23 h 59');
    expect(formatWaiting(50 * 3_600_000, s)).toBe('2 j');
    expect(format(s.waitingFor, { time: formatWaiting(3 * 60_000, s) })).toBe('attend depuis 3 min');
  });

  it('writes the step, the channel, the language and the summary line', () => {
    expect(stepLabel(handoff(), s)).toBe('étape 4/9');
    expect(stepLabel(handoff({ stepNumber: undefined }), s)).toBe('');
    expect(channelLabel('sms', s)).toBe('SMS');
    expect(channelLabel('whatsapp', s)).toBe('WhatsApp');
    expect(channelLabel('telegram', s)).toBe('Telegram');
    expect(channelLabel('directline', s)).toBe('site web');
    expect(channelLabel('fax', s)).toBe('fax');
    expect(localeLabel('fr-FR', s)).toBe('français');
    expect(localeLabel('en', s)).toBe('anglais');
    expect(localeLabel('ar', s)).toBe('ar');
    expect(summaryLine(handoff(), s)).toBe('Déclarer mes impôts en ligne · étape 4/9 · SMS · français');
    expect(summaryLine(handoff({ guideTitle: undefined, stepNumber: undefined, stepTotal: undefined, reason: 'command', channel: 'directline', locale: 'en-US' }), s)).toBe(
      'A demandé un conseiller · site web · anglais',
    );
  });

  it('labels the four outcomes, the same four the server knows', () => {
    expect([...OUTCOMES]).toEqual([...SERVER_OUTCOMES]);
    expect(OUTCOMES.map((o) => outcomeLabel(o, s))).toEqual(['Fait pour la personne', 'Fait avec la personne', 'La personne est autonome', 'Non résolu']);
    const en = loadConsoleStrings('en').strings;
    expect(OUTCOMES.map((o) => outcomeLabel(o, en))).toEqual(['Done for the person', 'Done with the person', 'The person is autonomous', 'Not solved']);
  });

  it('writes callback times in Europe/Paris, summer and winter', () => {
    expect(formatParis(Date.UTC(2026, 10, 28, 13, 0))).toBe('samedi 28 novembre à 14:00');
    expect(formatParis(Date.UTC(2026, 6, 14, 8, 5))).toBe('mardi 14 juillet à 10:05');
    expect(formatParis(Date.UTC(2026, 10, 28, 13, 0), 'en')).toBe('Saturday 28 November at 14:00');
  });

  it('merges messages once each, in order, and asks for what comes next', () => {
    const m = (index: number, text = `m${index}`): MessageView => ({ index, from: 'citizen', text, at: index });
    expect(nextIndex([])).toBe(0);
    const known = mergeMessages([], [m(0), m(1)]);
    expect(nextIndex(known)).toBe(2);
    const merged = mergeMessages(known, [m(3), m(1, 'again'), m(2), m(-1), { ...m(0), index: 1.5 }]);
    expect(merged.map((x) => x.index)).toEqual([0, 1, 2, 3]);
    expect(merged[1].text).toBe('again');
    expect(nextIndex(merged)).toBe(4);
  });

  it('reads Retry-After and builds tel: links from digits only', () => {
    expect(retryMinutes('900')).toBe(15);
    expect(retryMinutes('30')).toBe(1);
    expect(retryMinutes(null)).toBe(15);
    expect(retryMinutes(new Date(120_000).toUTCString(), 0)).toBe(2);
    expect(telHref('06 12 34 56 78')).toBe('tel:0612345678');
    expect(telHref('+33 6 12 34 56 78')).toBe('tel:+33612345678');
    expect(telHref('javascript:alert(1)//0612345678')).toBe('tel:10612345678');
    expect(telHref('abc')).toBeNull();
  });
});

describe('idle timeout', () => {
  it('warns 60 s before, logs out at the timeout, and only "stay" dismisses the warning', () => {
    let now = 0;
    const calls: string[] = [];
    const w = new IdleWatch(15 * 60_000, { warn: (n) => calls.push(`warn ${n}`), expire: () => calls.push('expire') }, () => now);
    now = 13 * 60_000;
    w.activity();
    now += 13 * 60_000;
    expect(w.tick()).toBe('active');
    now += 60_000;
    expect(w.tick()).toBe('warning');
    expect(calls).toEqual(['warn 60']);
    expect(w.tick()).toBe('warning');
    w.activity(); // moving the mouse is not enough
    now += 30_000;
    w.tick();
    w.stay();
    expect(w.state).toBe('active');
    now += 14 * 60_000 + 1;
    expect(w.tick()).toBe('warning');
    now += 60_000;
    expect(w.tick()).toBe('expired');
    expect(w.tick()).toBe('expired');
    expect(calls).toEqual(['warn 60', 'warn 60', 'expire']);
  });

  it('warns at half time for a short timeout, and judges a sleeping computer on wake-up', () => {
    let now = 0;
    const calls: string[] = [];
    const w = new IdleWatch(60_000, { warn: (n) => calls.push(`warn ${n}`), expire: () => calls.push('expire') }, () => now);
    now = 30_000;
    w.tick();
    expect(calls).toEqual(['warn 30']);
    w.reset();
    now += 3_600_000; // the laptop slept
    expect(w.tick()).toBe('expired');
    // A tick that comes late (a throttled background tab) says the seconds really left.
    const late: number[] = [];
    const v = new IdleWatch(15 * 60_000, { warn: (n) => late.push(n), expire: () => undefined }, () => now);
    now += 14 * 60_000 + 10_000;
    v.tick();
    expect(late).toEqual([50]);
    w.setTimeoutMs(0); // ignored
    w.reset();
    now += 29_000;
    expect(w.tick()).toBe('active');
  });
});

describe('console strings and page', () => {
  it('has every key in French and English; the canned replies are the team\'s (locales/replies.*.yaml), not the page\'s', () => {
    for (const locale of ['fr', 'en'] as const) {
      const doc = parse(readFileSync(join(LOCALES_DIR, `console.${locale}.yaml`), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(doc).sort()).toEqual([...CONSOLE_STRING_KEYS].sort());
    }
    expect(defaultReplies('fr').map((r) => r.text)).toEqual(expect.arrayContaining([
      "Bonjour, je m'occupe de votre demande. Je lis votre message.",
      "Pouvez-vous m'envoyer une photo de votre écran ?",
      'Avez-vous reçu un e-mail ? Regardez aussi dans les spams.',
    ]));
    expect(defaultReplies('en')).toHaveLength(defaultReplies('fr').length);
    // Any mediator, man or woman, can send them as they are: no "je suis votre conseiller".
    expect(defaultReplies('fr').filter((r) => /\b(?:conseill(?:er|ère)|médiat(?:eur|rice))s?\b/iu.test(r.text))).toEqual([]);
    // Easy to read: no default reply has a sentence of more than 15 words nor more than 3 sentences.
    for (const locale of ['fr', 'en'] as const) {
      for (const r of defaultReplies(locale)) expect([r.text, falcHints(r.text)]).toEqual([r.text, { long: [] }]);
    }
  });

  it('refuses a locale file with a missing key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasapas-console-locales-'));
    try {
      const doc = parse(readFileSync(join(LOCALES_DIR, 'console.fr.yaml'), 'utf8')) as Record<string, unknown>;
      delete doc.stay;
      writeFileSync(join(dir, 'console.fr.yaml'), JSON.stringify(doc));
      expect(() => loadConsoleStrings('fr', dir)).toThrow(/console\.fr\.yaml: missing or empty: stay$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a French page with escaped config, no inline script or style, labelled fields', () => {
    const cfg: ConsoleConfig = { locale: 'fr', strings: { ...s, appName: 'Pas <b>à</b> pas', chatEmpty: '</script><script>alert(1)</script>' }, idleTimeoutSeconds: 600 };
    const html = consolePage(cfg);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toContain('<b>à</b>');
    expect(html).toContain('Pas &#60;b&#62;à&#60;/b&#62; pas');
    expect(html).not.toContain('</script><script>alert(1)');
    const json = new RegExp(`<script type="application/json" id="${CONSOLE_CONFIG_ID}">(.*?)</script>`).exec(html)?.[1];
    expect(JSON.parse(json!)).toEqual(cfg);
    expect(html.match(/<script\b[^>]*>/g)).toEqual([`<script type="application/json" id="${CONSOLE_CONFIG_ID}">`, '<script src="/mediator/static/console.js" defer>']);
    expect(html).not.toMatch(/<style|style="|\son[a-z]+=/i);
    for (const id of ['pc-territory', 'pc-username', 'pc-password', 'pc-input', 'pc-note', 'pc-on', 'pc-off', 'pc-sound']) expect(html).toContain(`<label for="${id}">`);
    for (const label of ['Fait pour la personne', 'Fait avec la personne', 'La personne est autonome', 'Non résolu', 'En service', 'Hors service', 'Remettre dans la file', 'Terminer']) {
      expect(html).toContain(label);
    }
  });

  it('never writes HTML from strings in the browser code', () => {
    const dir = join(ROOT, 'src', 'mediator', 'console');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(`${f}: ${/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(src)}`).toBe(`${f}: false`);
    }
  });
});

describe('console routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pasapas-console-'));
  let server: Server;
  let base: string;

  beforeAll(async () => {
    await buildWidget(dir);
    server = restify.createServer();
    mountConsole(server, { publicDir: dir });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await listen(server, port);
  });
  afterAll(async () => {
    if (server) await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('serves the page with its CSP and no caching', async () => {
    const r = await get('/mediator/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; media-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.body.toString()).toContain('Pas à pas — console des médiateurs');
  });

  it('serves console.js and console-style.css gzipped with an ETag, and nothing else', async () => {
    const js = await get('/mediator/static/console.js', { 'accept-encoding': 'gzip' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.body).equals(readFileSync(join(dir, 'console.js')))).toBe(true);
    const again = await get('/mediator/static/console.js', { 'if-none-match': String(js.headers.etag) });
    expect(again.status).toBe(304);
    const css = await get('/mediator/static/console-style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    for (const other of ['chat.js', 'widget.js', '..%2Fconsole.js', '%2E%2E%2F%2E%2E%2Fpackage.json', 'console.js.map']) {
      expect(`${other} ${(await get(`/mediator/static/${other}`)).status}`).toBe(`${other} 404`);
    }
  });

  it('stays within 40 KB gzip (console.js + console-style.css)', () => {
    const sizes = ['console.js', 'console-style.css'].map((f) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length);
    const total = sizes[0] + sizes[1];
    process.stdout.write(`console bundle gzip: console.js ${sizes[0]} B + console-style.css ${sizes[1]} B = ${total} B\n`);
    expect(total).toBeLessThanOrEqual(40 * 1024);
  });
});
