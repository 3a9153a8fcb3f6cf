/**
 * Microsoft's Web Chat, unmodified (the UMD bundle of botframework-webchat 4.18.1, fetched by
 * ./bundle.ts), against our Direct Line, from a page of ANOTHER origin (a second local HTTP server),
 * in Debian's chromium — as a territory's web developer would embed it (docs/directline.md "Using
 * Microsoft Web Chat"): welcome, a guide by its suggested actions, a typed message shown once and
 * never "failed", a photo that reaches the bot and displays, a reload resuming with the
 * conversationId and the watermark. Fails (never skips) when chromium or the bundle is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { freePort, listen } from '../widget/support';
import { webChatBundle, WEBCHAT_VERSION } from './bundle';

jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WAIT = 20_000;
/** A real PNG (the browser decodes it: Web Chat makes a thumbnail of it), `size` pixels square, blue. */
function png(size: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [0, 0, 145]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png(40);

let ta: TestApp;
let api: string;
let site: string;
let pageServer: HttpServer;
let browser: Browser;

/** The territory's page: Web Chat's bundle, a token from our API, createDirectLine({ token, domain }). */
function sitePage(apiBase: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Site du territoire</title>
<style>html,body{height:100%;margin:0}#webchat{height:100%}</style></head>
<body>
<main id="webchat"></main>
<script src="/webchat.js"></script>
<script>
(async () => {
  const API = ${JSON.stringify(apiBase)};
  const saved = JSON.parse(sessionStorage.getItem('wc') || 'null');
  let options;
  if (saved) {
    options = { token: saved.token, conversationId: saved.conversationId, watermark: saved.watermark, domain: API + '/v3/directline' };
  } else {
    const res = await fetch(API + '/v3/directline/tokens/generate', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ territory: 'demo' })
    });
    const { token } = await res.json();
    options = { token, domain: API + '/v3/directline' };
  }
  const directLine = window.WebChat.createDirectLine(options);
  const store = window.WebChat.createStore();
  window.__store = store;
  window.__directLine = directLine;
  window.WebChat.renderWebChat({ directLine, store, locale: 'fr-FR' }, document.getElementById('webchat'));
})();
</script>
</body>
</html>`;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const bundle = readFileSync(webChatBundle());
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  ta = await startTestApp({ redis: true, env: { PUBLIC_BASE_URL: api, DIRECTLINE_TOKEN_SECRET: 'a-webchat-browser-secret-of-32-characters-or-more' } });
  // Another origin (localhost, not 127.0.0.1, and another port): the territory's site.
  const sitePort = await freePort();
  site = `http://localhost:${sitePort}`;
  const allowed = ta.app.territories.allowedOrigins.bind(ta.app.territories);
  jest.spyOn(ta.app.territories, 'allowedOrigins').mockImplementation((id: string) => (id === 'demo' ? [...allowed(id), site] : allowed(id)));
  await listen(ta.app.server, port);
  const html = sitePage(api);
  pageServer = createServer((req, res) => {
    if (req.url === '/webchat.js') {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      res.end(bundle);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }
  });
  await new Promise<void>((r) => pageServer.listen(sitePort, '127.0.0.1', () => r()));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (pageServer ? pageServer.close(r) : r(undefined)));
  await ta?.close();
});

interface StoreActivity {
  type: string;
  id?: string;
  text?: string;
  from: { role?: string };
  attachments?: Array<{ contentUrl?: string }>;
  channelData?: Record<string, unknown>;
}

/** Web Chat's own state of its transcript (its Redux store). */
function activities(page: Page): Promise<StoreActivity[]> {
  return page.evaluate(() => (window as unknown as { __store: { getState(): { activities: StoreActivity[] } } }).__store.getState().activities);
}

const botBubbles = '.webchat__bubble:not(.webchat__bubble--from-user)';

async function waitForBot(page: Page, fragment: string, count = 1): Promise<void> {
  await page
    .waitForFunction(
      ([sel, f, n]) => Array.from(document.querySelectorAll(sel as string)).filter((e) => (e.textContent ?? '').includes(f as string)).length >= (n as number),
      [botBubbles, fragment, count] as const,
      { timeout: WAIT },
    )
    .catch(async (err: Error) => {
      const texts = await page.locator('.webchat__bubble').allTextContents();
      throw new Error(`${err.message}\nwaiting for "${fragment}"; Web Chat shows:\n${texts.slice(-6).join('\n---\n')}`);
    });
}

async function clickSuggested(page: Page, label: string): Promise<void> {
  const button = page.locator('.webchat__suggested-actions button', { hasText: label }).first();
  await button.waitFor({ timeout: WAIT });
  await button.click();
}

async function type(page: Page, text: string): Promise<void> {
  const box = page.locator('.webchat__send-box-text-box__input');
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Until Web Chat has settled every citizen message (none still "sending"): the bot's answer can be shown before the
 * POST of the message returns (the turn runs inside the POST), so a status read right after the answer may be early.
 */
async function sendsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !(window as unknown as { __store: { getState(): { activities: StoreActivity[] } } }).__store
        .getState()
        .activities.some((a) => a.type === 'message' && a.from.role === 'user' && a.channelData?.['webchat:send-status'] === 'sending'),
    undefined,
    { timeout: WAIT },
  );
}

/** The citizen's messages, as Web Chat holds them: each with its send status. */
async function sent(page: Page): Promise<Array<{ text?: string; status: unknown; id?: string }>> {
  return (await activities(page))
    .filter((a) => a.type === 'message' && a.from.role === 'user')
    .map((a) => ({ text: a.text, status: a.channelData?.['webchat:send-status'], id: a.id }));
}

describe(`Microsoft Web Chat ${WEBCHAT_VERSION} on a page of another origin`, () => {
  it('welcome, a guide by suggested actions, a typed message, a photo, a reload with conversationId and watermark', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    try {
      await page.goto(`${site}/`);
      expect(new URL(page.url()).origin).not.toBe(new URL(api).origin);

      // The welcome: markdown rendered, the privacy page a real link, no escape left visible.
      await waitForBot(page, 'Bonjour ! Je suis Pas à pas');
      await waitForBot(page, 'Que voulez-vous faire ?');
      const privacy = page.locator(`${botBubbles} a[href="${api}/confidentialite"]`);
      expect(await privacy.count()).toBe(1);
      expect(await privacy.getAttribute('target')).toBe('_blank');
      expect((await page.locator(botBubbles).allTextContents()).join('\n')).not.toContain('\\');

      // A guide by clicking its suggested actions: each citizen message once, never failed.
      await clickSuggested(page, 'Me connecter avec FranceConnect');
      await waitForBot(page, 'Je vous aide pour : Me connecter avec FranceConnect');
      await clickSuggested(page, "Oui, j'ai tout");
      await waitForBot(page, 'Étape 1 sur');
      await clickSuggested(page, 'Oui');
      await waitForBot(page, 'Étape 2 sur');
      expect(await page.locator('.webchat__bubble--from-user', { hasText: 'Me connecter avec FranceConnect' }).count()).toBe(1);

      // A typed message ("1" = Oui): shown once, and still "sent" (not "failed") 25 s later.
      await type(page, '1');
      await page.waitForFunction(
        () =>
          (window as unknown as { __store: { getState(): { activities: StoreActivity[] } } }).__store
            .getState()
            .activities.some((a) => a.from.role === 'user' && a.text === '1' && a.channelData?.['webchat:send-status'] === 'sent'),
        undefined,
        { timeout: WAIT },
      );
      await waitForBot(page, 'Étape 3 sur');
      await page.waitForTimeout(25_000);
      const mine = await sent(page);
      expect(mine.filter((m) => m.text === '1')).toHaveLength(1);
      expect(mine.filter((m) => m.status !== 'sent')).toEqual([]);
      expect(new Set(mine.map((m) => m.id)).size).toBe(mine.length);
      expect(await page.locator('.webchat__bubble--from-user').filter({ hasText: /^\s*1\s*$/ }).count()).toBe(1);
      expect(await page.getByText(/Échec de l'envoi|Send failed/i).count()).toBe(0);

      // A photo: it reaches the bot, and shows from its signed URL on our API.
      const botsBefore = await page.locator(botBubbles).count();
      await page.locator('input.webchat__upload-button--file-input').setInputFiles({ name: 'ecran.png', mimeType: 'image/png', buffer: PNG });
      // Web Chat 4.18 puts the photo in the send box (sendAttachmentOn: "send"): the citizen sends it.
      await page.waitForFunction(
        () => ((window as unknown as { __store: { getState(): { sendBoxAttachments?: unknown[] } } }).__store.getState().sendBoxAttachments ?? []).length === 1,
        undefined,
        { timeout: WAIT },
      );
      await page.locator('button.webchat__send-button').click();
      await waitForBot(page, 'bien reçu votre photo');
      expect(await page.locator(botBubbles).count()).toBeGreaterThan(botsBefore);
      const photo = page.locator(`.webchat__bubble--from-user img[src^="${api}/v3/directline/conversations/"]`);
      await photo.first().waitFor({ timeout: WAIT });
      await page.waitForFunction(
        (prefix) => Array.from(document.querySelectorAll<HTMLImageElement>('.webchat__bubble--from-user img')).some((i) => i.src.startsWith(prefix) && i.complete && i.naturalWidth === 40),
        `${api}/v3/directline/conversations/`,
        { timeout: WAIT },
      );
      await sendsSettled(page);
      const photoMessage = (await sent(page)).at(-1)!;
      expect(photoMessage.status).toBe('sent');
      expect((await sent(page)).filter((m) => m.id === photoMessage.id)).toHaveLength(1);

      // Reload: the page resumes the same conversation with createDirectLine({ token, conversationId, watermark }).
      const resume = await page.evaluate(() => {
        const dl = (window as unknown as { __directLine: { token: string; conversationId: string; watermark: string } }).__directLine;
        return { token: dl.token, conversationId: dl.conversationId, watermark: dl.watermark };
      });
      expect(Number(resume.watermark)).toBeGreaterThan(0);
      await page.evaluate((s) => sessionStorage.setItem('wc', JSON.stringify(s)), resume);
      await page.reload();
      await page.locator('.webchat__send-box-text-box__input').waitFor({ timeout: WAIT });
      // The guide goes on where it was: a new answer in the same conversation, nothing from before the watermark again.
      await type(page, '1');
      await waitForBot(page, 'Étape 4 sur');
      expect(await page.locator(botBubbles, { hasText: 'Bonjour ! Je suis Pas à pas' }).count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __directLine: { conversationId: string } }).__directLine.conversationId)).toBe(resume.conversationId);
      await sendsSettled(page);
      expect((await sent(page)).filter((m) => m.status !== 'sent')).toEqual([]);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

