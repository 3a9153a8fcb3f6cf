/**
 * The widget in a real browser (Debian's chromium through playwright-core) against the real app:
 * the demo territory page, the launcher, the chat frame over Direct Line, a guide by buttons, reload
 * and resume, Escape, accessibility (axe-core), XSS payloads, a 360 px phone, photo upload.
 * Fails (does not skip) when chromium is missing.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { useWidgetApp } from '../helpers/browserApp';
import XSS_PAYLOADS from '../fixtures/xss-payloads.json';
import { ROOT } from '../../src/paths';
import { freePort } from './support';

jest.setTimeout(120_000);

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const LAUNCHER = "Besoin d'aide pour une démarche ?";
const WAIT = 15_000;

let ta: TestApp;
let base: string;
let browser: Browser;

// One photo a day per conversation: the second shows the kind "enough photos today" message.
const env = useWidgetApp({ name: 'widget', secret: 'a-widget-test-secret-of-32-characters-or-more', env: { WEBCHAT_UPLOADS_PER_CONVERSATION_PER_DAY: '1' } });
beforeAll(() => {
  ({ ta, base, browser } = env);
});

interface Watched {
  context: BrowserContext;
  page: Page;
  problems: string[];
  dialogs: string[];
}

/** A page of the demo site; CSP violations, page errors and dialogs are recorded. */
async function openDemo(options: { width?: number; height?: number; bypassCSP?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1024, height: options.height ?? 768 }, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${base}/`);
  return { context, page, problems, dialogs };
}

/** Click the launcher; the chat frame once its transcript shows a first bot message. */
async function openChat(page: Page): Promise<Frame> {
  await page.getByRole('button', { name: LAUNCHER }).click();
  const handle = await page.waitForSelector('iframe[title="Pas à pas — aide aux démarches"]', { timeout: WAIT });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  await frame.waitForSelector('#pp-log .pp-bot', { timeout: WAIT });
  return frame;
}

function waitForBot(frame: Frame, fragment: string, count = 1): Promise<unknown> {
  return frame.waitForFunction(
    ([f, n]) => Array.from(document.querySelectorAll('#pp-log .pp-bot')).filter((e) => (e.textContent ?? '').includes(f as string)).length >= (n as number),
    [fragment, count] as const,
    { timeout: WAIT },
  ).catch(async (err: Error) => {
    const texts = await frame.locator('#pp-log .pp-msg').allTextContents();
    throw new Error(`${err.message}\nwaiting for "${fragment}"; transcript:\n${texts.slice(-6).join('\n---\n')}`);
  });
}

async function clickChoice(frame: Frame, label: string): Promise<void> {
  const button = frame.locator('.pp-actions button:not([disabled])', { hasText: label }).last();
  await button.waitFor({ timeout: WAIT });
  await button.click();
}

/** Open the header's menu (language, text size, "Terminer et effacer") if it is closed. */
async function openMenu(frame: Frame): Promise<void> {
  const menu = frame.locator('#pp-menu');
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await frame.locator('#pp-menu-panel').waitFor({ state: 'visible', timeout: WAIT });
}

function session(frame: Frame): Promise<{ conversationId: string; token: string; userId: string } | null> {
  return frame.evaluate(() => JSON.parse(sessionStorage.getItem('pasapas:demo:session') ?? 'null'));
}

async function axeViolations(target: Page | Frame): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  await target.addScriptTag({ path: AXE });
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run(document, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

const serious = (list: Array<{ impact: string }>) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical');

describe('web chat widget in chromium', () => {
  it('is served by the real app with its own cache and security headers', async () => {
    const js = await fetch(`${base}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=300');
    const chat = await fetch(`${base}/chat?territory=demo`);
    expect(chat.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${base};`);
    expect(chat.headers.get('cache-control')).toBe('no-store');
  });

  it('walks a guide by buttons, resumes after a reload, closes with Escape', async () => {
    const { context, page, problems } = await openDemo();
    try {
      const launcher = page.getByRole('button', { name: LAUNCHER });
      expect(await launcher.getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('iframe').count()).toBe(0); // nothing loaded before the citizen asks
      const frame = await openChat(page);
      expect(await launcher.getAttribute('aria-expanded')).toBe('true');
      expect(await launcher.getAttribute('aria-controls')).toBe('pasapas-w-panel');
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe('fr');

      await waitForBot(frame, 'Bonjour ! Je suis Pas à pas');
      await waitForBot(frame, 'Que voulez-vous faire ?');
      // The typing indicator shows while the bot works, and goes away with its answer.
      await frame.evaluate(() => {
        const typing = document.getElementById('pp-typing')!;
        new MutationObserver(() => {
          if (typing.textContent) (window as unknown as { __typing: string }).__typing = typing.textContent;
        }).observe(typing, { childList: true, characterData: true, subtree: true });
      });
      await clickChoice(frame, 'Me connecter avec FranceConnect');
      // The old buttons are disabled at once; the chosen one is marked.
      expect(await frame.locator('.pp-actions button.pp-chosen[disabled]', { hasText: 'Me connecter avec FranceConnect' }).count()).toBe(1);
      await waitForBot(frame, 'Je vous aide pour : Me connecter avec FranceConnect');
      expect(await frame.evaluate(() => (window as unknown as { __typing?: string }).__typing)).toBe('Pas à pas écrit un message…');
      expect(await frame.locator('#pp-typing').getAttribute('role')).toBe('status');
      expect(await frame.locator('#pp-typing').textContent()).toBe('');
      await clickChoice(frame, "Oui, j'ai tout");
      await waitForBot(frame, 'Étape 1 sur');
      await clickChoice(frame, 'Oui');
      await waitForBot(frame, 'Étape 2 sur');
      const before = await session(frame);
      expect(before?.conversationId).toBeTruthy();
      const shownBefore = await frame.locator('#pp-log .pp-msg').count();
      // Citizen bubbles: each once (the optimistic bubble is matched with the server's echo).
      expect(await frame.locator('.pp-user', { hasText: 'Me connecter avec FranceConnect' }).count()).toBe(1);

      // Links in bot text open official sites in a new window; nothing else becomes a link.
      for (const a of await frame.locator('#pp-log a').all()) {
        expect(await a.getAttribute('href')).toMatch(/^https?:\/\//);
        expect(await a.getAttribute('rel')).toBe('noopener noreferrer');
        expect(await a.getAttribute('target')).toBe('_blank');
      }

      // Reload: same conversation, history shown again, and it goes on.
      await page.reload();
      const again = await openChat(page);
      await waitForBot(again, 'Étape 2 sur');
      expect((await session(again))?.conversationId).toBe(before?.conversationId);
      await again.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-msg').length >= n, shownBefore, { timeout: WAIT });
      expect(await again.locator('#pp-log .pp-msg').count()).toBe(shownBefore);
      await clickChoice(again, 'Oui');
      await waitForBot(again, 'Étape 3 sur');

      // Typed numbers work too (the bot handles them): "1" = Oui.
      await again.locator('#pp-input').fill('1');
      await again.locator('#pp-input').press('Enter');
      await waitForBot(again, 'Étape 4 sur');

      // Escape inside the frame closes the panel and gives the focus back to the launcher.
      await again.locator('#pp-input').focus();
      await page.keyboard.press('Escape');
      await page.locator('#pasapas-w-panel').waitFor({ state: 'hidden', timeout: WAIT });
      expect(await launcher.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('pasapas-w-btn');

      // Escape on the host page too; the close button of the frame too.
      await launcher.click();
      await page.locator('#pasapas-w-panel').waitFor({ state: 'visible' });
      await launcher.focus();
      await page.keyboard.press('Escape');
      await page.locator('#pasapas-w-panel').waitFor({ state: 'hidden', timeout: WAIT });
      await launcher.click();
      await again.getByRole('button', { name: "Fermer la fenêtre d'aide" }).click();
      await page.locator('#pasapas-w-panel').waitFor({ state: 'hidden', timeout: WAIT });
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('pasapas-w-btn');

      // A bot message arriving while the panel is closed shows a badge on the launcher.
      const s = await session(again);
      const res = await fetch(`${base}/v3/directline/conversations/${encodeURIComponent(s!.conversationId)}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: s!.userId }, text: 'menu' }),
      });
      expect(res.status).toBe(200);
      await page.locator('.pasapas-w-badge:not([hidden])').waitFor({ timeout: WAIT });
      const unread = Number(await page.locator('.pasapas-w-badge').textContent());
      expect(unread).toBeGreaterThan(0);
      // Said with the right number: "1 nouveau message", "2 nouveaux messages".
      expect(await launcher.textContent()).toContain(unread === 1 ? '1 nouveau message' : `${unread} nouveaux messages`);
      expect(await launcher.textContent()).not.toContain('(x)');
      await launcher.click();
      await page.locator('.pasapas-w-badge').waitFor({ state: 'hidden', timeout: WAIT });

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a password the citizen typed masked, once, as the server kept it', async () => {
    const { context, page, problems } = await openDemo();
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      const bots = await frame.locator('#pp-log .pp-bot').count();
      await frame.locator('#pp-input').fill('mon mot de passe est Soleil2024');
      await frame.locator('#pp-input').press('Enter');
      await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      await frame.waitForFunction(() => [...document.querySelectorAll('.pp-user')].some((e) => (e.textContent ?? '').includes('[masqué]')), undefined, { timeout: WAIT });
      expect(await frame.locator('.pp-user', { hasText: 'mon mot de passe est' }).count()).toBe(1);
      expect(await frame.locator('#pp-log', { hasText: 'Soleil2024' }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Terminer et effacer" erases the conversation, a reload shows the new one; the session is in sessionStorage only', async () => {
    const { context, page, problems } = await openDemo();
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      const bots = await frame.locator('#pp-log .pp-bot').count();
      await frame.locator('#pp-input').fill("J'habite rue des Lilas");
      await frame.locator('#pp-input').press('Enter');
      await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      const before = await session(frame);
      expect(before?.conversationId).toBeTruthy();
      // The token is kept for this tab only: nothing in localStorage (a shared computer's next user).
      const local = await frame.evaluate(() => JSON.stringify(localStorage));
      expect(local).not.toContain(before!.token);
      expect(local).not.toContain('session');

      // Asked once more; "Non" changes nothing.
      // In the header's menu.
      const end = frame.locator('#pp-end');
      await openMenu(frame);
      expect(await frame.getByRole('button', { name: 'Terminer et effacer' }).count()).toBe(1);
      await end.click();
      expect(await end.getAttribute('aria-expanded')).toBe('true');
      await frame.getByRole('button', { name: 'Non, continuer' }).click();
      expect(await frame.locator('#pp-confirm').isHidden()).toBe(true);
      expect((await session(frame))?.conversationId).toBe(before!.conversationId);

      await openMenu(frame);
      await end.click();
      await frame.getByRole('button', { name: 'Oui, tout effacer' }).click();
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '').includes('La conversation est effacée'), undefined, { timeout: WAIT });
      await waitForBot(frame, 'Que voulez-vous faire ?'); // a fresh start
      expect(await frame.locator('#pp-log', { hasText: 'Lilas' }).count()).toBe(0);
      await frame.waitForFunction((old) => {
        const s = JSON.parse(sessionStorage.getItem('pasapas:demo:session') ?? 'null') as { conversationId?: string } | null;
        return Boolean(s?.conversationId) && s?.conversationId !== old;
      }, before!.conversationId, { timeout: WAIT });
      const after = await session(frame);
      // Erased on the server: the old conversation is gone.
      expect(await ta.app.activityLog.meta(before!.conversationId)).toBeUndefined();

      // A reload: the new conversation, nothing of the old one.
      await page.reload();
      const again = await openChat(page);
      await waitForBot(again, 'Que voulez-vous faire ?');
      expect((await session(again))?.conversationId).toBe(after!.conversationId);
      expect(await again.locator('#pp-log', { hasText: 'Lilas' }).count()).toBe(0);

      // Another tab (or the browser closed and opened again) never finds this tab's conversation.
      const other = await context.newPage();
      await other.goto(`${base}/`);
      const otherFrame = await openChat(other);
      expect((await session(otherFrame))?.conversationId).not.toBe(after!.conversationId);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches language, reaches a human, sends a photo, sizes the text', async () => {
    const { context, page, problems } = await openDemo();
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');

      await openMenu(frame);
      await frame.getByRole('button', { name: 'English version' }).click();
      await frame.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await frame.locator('label[for="pp-input"]').textContent()).toBe('Your message');
      expect(await frame.locator('.pp-user', { hasText: 'english' }).count()).toBe(1);
      await waitForBot(frame, 'What do you want to do?');
      await openMenu(frame);
      await frame.getByRole('button', { name: 'Version française' }).click();
      await frame.waitForFunction(() => document.documentElement.lang === 'fr');
      await waitForBot(frame, 'Que voulez-vous faire ?', 2);

      // "Parler à un conseiller" sends "conseiller"; whatever the handoff answers, the bot answers.
      const bots = await frame.locator('#pp-log .pp-bot').count();
      await frame.locator('#pp-mediator').click();
      await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      expect(await frame.locator('.pp-user p').last().textContent()).toBe('conseiller');
      await frame.locator('#pp-input').fill('menu');
      await frame.locator('#pp-input').press('Enter');
      await waitForBot(frame, 'Que voulez-vous faire ?', 3);

      // A photo: through the real button and file chooser.
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), frame.getByRole('button', { name: 'Envoyer une photo' }).click()]);
      await chooser.setFiles({ name: 'attestation.png', mimeType: 'image/png', buffer: png });
      await waitForBot(frame, "j'ai bien reçu votre photo");
      expect(await frame.locator('.pp-user', { hasText: 'Photo envoyée' }).count()).toBe(1);
      // A second photo the same day: over this conversation's daily quota, said kindly.
      const [second] = await Promise.all([page.waitForEvent('filechooser'), frame.getByRole('button', { name: 'Envoyer une photo' }).click()]);
      await second.setFiles({ name: 'encore.png', mimeType: 'image/png', buffer: png });
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '').includes("beaucoup de photos aujourd'hui"), undefined, { timeout: WAIT });
      expect(await frame.locator('.pp-user', { hasText: 'Photo envoyée' }).count()).toBe(1);
      // The refused upload itself (429) is expected: the response and the browser console line about it.
      problems.splice(0, problems.length, ...problems.filter((p) => !/\b429\b/.test(p)));
      // Too big: refused kindly before any upload.
      // (the 5 MB file is made inside the browser: sending it through the DevTools protocol is slow)
      await frame.evaluate(() => {
        const input = document.getElementById('pp-file') as HTMLInputElement;
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'grosse.jpg', { type: 'image/jpeg' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change'));
      });
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '').includes('trop lourde'));
      await frame.locator('#pp-file').setInputFiles({ name: 'doc.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '').includes('JPEG ou PNG'));

      // A+ up to 200 %, kept after a reload.
      await openMenu(frame);
      for (let i = 0; i < 5; i++) await frame.getByRole('button', { name: 'A+ : texte plus grand' }).click();
      expect(await frame.evaluate(() => document.documentElement.style.fontSize)).toBe('200%');
      expect(await frame.getByRole('button', { name: 'A+ : texte plus grand' }).getAttribute('aria-disabled')).toBe('true');
      await page.reload();
      const again = await openChat(page);
      expect(await again.evaluate(() => document.documentElement.style.fontSize)).toBe('200%');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows 50 XSS payloads, from the citizen and from a mediator, as text and runs none of them', async () => {
    const payloads = XSS_PAYLOADS;
    expect(payloads).toHaveLength(50);
    const { context, page, problems, dialogs } = await openDemo();
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      const input = frame.locator('#pp-input');
      for (const p of payloads) {
        const bots = await frame.locator('#pp-log .pp-bot').count();
        await input.fill(p);
        await input.press('Enter');
        await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      }
      const check = async (f: Frame) => {
        const shown = await f.locator('.pp-user p').allTextContents();
        expect(shown.slice(-payloads.length)).toEqual(payloads);
        expect(await f.locator('#pp-log img, #pp-log svg, #pp-log iframe, #pp-log script, #pp-log object, #pp-log input, #pp-log details, #pp-log style, #pp-log video').count()).toBe(0);
        expect(await f.locator('.pp-user a').count()).toBe(0);
        for (const href of await f.locator('#pp-log a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^https?:\/\//);
        expect(await f.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      };
      await check(frame);
      // The same payloads coming back from the server's history after a reload.
      await page.reload();
      const again = await openChat(page);
      await again.waitForFunction((n) => document.querySelectorAll('.pp-user').length >= n, payloads.length, { timeout: WAIT });
      await check(again);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();

      // The same payloads written by a mediator reach the citizen as bot messages.
      await ta.app.queue.setPresence('demo', 'mediatrice-xss', true, 3_600_000, ta.app.now());
      const input2 = again.locator('#pp-input');
      for (const line of ['conseiller', 'oui']) {
        const bots = await again.locator('#pp-log .pp-bot').count();
        await input2.fill(line);
        await input2.press('Enter');
        await again.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      }
      const record = (await ta.app.queue.waiting('demo')).pop()!;
      await ta.app.queue.claim('demo', record.id, 'mediatrice-xss', 90_000, ta.app.now());
      for (const p of payloads) await ta.app.queue.addMessage('demo', record.id, { at: ta.app.now(), from: 'mediator', text: p, mediatorId: 'mediatrice-xss' });
      await ta.app.notifier.tick();
      await again.waitForFunction((last) => [...document.querySelectorAll('#pp-log .pp-bot')].some((e) => (e.textContent ?? '').includes(last)), payloads[payloads.length - 1], { timeout: WAIT });
      // Links get a hidden "(nouvelle fenêtre)" for screen readers: take it out to compare the text.
      const botText = (await again.locator('#pp-log .pp-bot').allTextContents()).join('\n').replace(/ \(nouvelle fenêtre\)/g, '');
      for (const p of payloads) expect(botText).toContain(p);
      // A person wrote them: their bubbles look different from the bot's (and their text says "Conseiller :").
      const personText = (await again.locator('#pp-log .pp-person').allTextContents()).join('\n').replace(/ \(nouvelle fenêtre\)/g, '');
      for (const p of payloads) expect(personText).toContain(`Conseiller : ${p}`);
      expect(await again.locator('#pp-log .pp-person').count()).toBe(payloads.length);
      expect(await again.locator('#pp-log img, #pp-log svg, #pp-log iframe, #pp-log script, #pp-log object, #pp-log input, #pp-log details, #pp-log style, #pp-log video, #pp-log embed, #pp-log form, #pp-log select, #pp-log textarea, #pp-log marquee, #pp-log audio').count()).toBe(0);
      for (const href of await again.locator('#pp-log a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^https?:\/\//);
      expect(await again.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has no serious or critical axe violation on the demo page and in the chat frame', async () => {
    const { context, page } = await openDemo({ bypassCSP: true }); // only to inject axe-core
    try {
      const onPage = await axeViolations(page);
      expect(serious(onPage)).toEqual([]);
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      await clickChoice(frame, 'Me connecter avec FranceConnect');
      await waitForBot(frame, 'Je vous aide pour');
      const inFrame = await axeViolations(frame);
      expect(serious(inFrame)).toEqual([]);
      // The menu open too; then its controls come right after its button in the Tab order.
      await openMenu(frame);
      expect(serious(await axeViolations(frame))).toEqual([]);
      await frame.locator('#pp-menu').focus();
      const inMenu: string[] = [];
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        inMenu.push(await frame.evaluate(() => document.activeElement?.id ?? ''));
      }
      expect(inMenu).toEqual(['pp-close', 'pp-lang', 'pp-smaller', 'pp-bigger', 'pp-end']);
      await frame.locator('#pp-menu').click();
      const pageOpen = await axeViolations(page);
      expect(serious(pageOpen)).toEqual([]); // panel open
      process.stdout.write(`axe (all impacts): demo page ${JSON.stringify(onPage)}, frame ${JSON.stringify(inFrame)}, page with panel ${JSON.stringify(pageOpen)}\n`);
      // Every control has a visible focus indicator, and Tab goes through them and out of the frame (no trap).
      const names: string[] = [];
      await frame.locator('#pp-mediator').focus();
      for (let i = 0; i < 30; i++) {
        const info = await frame.evaluate(() => {
          const e = document.activeElement as HTMLElement;
          const style = getComputedStyle(e);
          return { id: e.id || e.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
        });
        if (info.id === 'BODY') break; // the focus has left the frame
        names.push(info.id);
        expect(`${info.id}: ${info.outline}`).toBe(`${info.id}: true`);
        await page.keyboard.press('Tab');
      }
      expect(names.filter((n) => n.startsWith('pp-'))).toEqual(['pp-mediator', 'pp-menu', 'pp-close', 'pp-log', 'pp-input', 'pp-photo']);
      expect(names.filter((n) => n === 'BUTTON').length).toBeGreaterThanOrEqual(3); // the current choices, then Envoyer
      expect(names.length).toBeLessThan(30);
    } finally {
      await context.close();
    }
  });

  it('shows no launcher and no frame on a site that is not allowed', async () => {
    const context = await browser.newContext();
    // Another site (another port): its page has the widget's tag, but it is no allowed origin of the territory.
    const sitePort = await freePort();
    const site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Autre site</title></head><body><script src="${base}/widget.js" data-territory="demo" async></script></body></html>`);
    });
    await new Promise<void>((r) => site.listen(sitePort, '127.0.0.1', () => r()));
    try {
      const page = await context.newPage();
      const other = `http://localhost:${sitePort}`;
      const config = new Promise<void>((resolve) => {
        const done = (r: { url(): string }) => r.url().includes('/widget/config') && resolve();
        page.on('requestfinished', done);
        page.on('requestfailed', done); // a CORS refusal
      });
      await page.goto(`${other}/`);
      await config;
      await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
      expect(await page.locator('.pasapas-w-btn').count()).toBe(0);
      // Framing the chat directly is refused by its CSP (frame-ancestors).
      await page.evaluate((src) => {
        const f = document.createElement('iframe');
        f.src = src;
        document.body.appendChild(f);
        return new Promise((r) => f.addEventListener('load', r));
      }, `${base}/chat?territory=demo&embed=1`);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(await frame?.locator('#pp-log').count().catch(() => 0)).toBe(0);
    } finally {
      await context.close();
      await new Promise((r) => site.close(r));
    }
  });

  it('works full page (a link sent by SMS), without a close button', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/chat?territory=demo`);
      await waitForBot(page.mainFrame(), 'Que voulez-vous faire ?');
      expect(await page.locator('#pp-close').count()).toBe(0);
      expect(await page.title()).toBe('Pas à pas — Territoire de démonstration');
      await clickChoice(page.mainFrame(), 'Me connecter avec FranceConnect');
      await waitForBot(page.mainFrame(), 'Je vous aide pour');
    } finally {
      await context.close();
    }
  });

  it('works on a 360 px wide phone, also at 200 % text size', async () => {
    const { context, page, problems } = await openDemo({ width: 360, height: 640 });
    try {
      const launcher = page.getByRole('button', { name: LAUNCHER });
      const box = await launcher.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      const frame = await openChat(page);
      const panel = await page.locator('#pasapas-w-panel').boundingBox();
      expect(panel).toMatchObject({ x: 0, y: 0, width: 360, height: 640 }); // full screen
      await waitForBot(frame, 'Que voulez-vous faire ?');
      for (const size of ['100%', '200%']) {
        if (size === '200%') {
          await openMenu(frame);
          for (let i = 0; i < 5; i++) await frame.locator('#pp-bigger').click();
          await frame.locator('#pp-menu').click(); // closed again
        }
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        const input = frame.locator('#pp-input');
        await input.scrollIntoViewIfNeeded();
        const ib = await input.boundingBox();
        expect(ib!.width).toBeGreaterThan(80);
        expect(ib!.x + ib!.width).toBeLessThanOrEqual(360);
        const bots = await frame.locator('#pp-log .pp-bot').count();
        await input.fill('bonjour');
        await frame.getByRole('button', { name: 'Envoyer', exact: true }).click();
        await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

/** Where the frame's elements are on screen (CSS px of its viewport). */
function box(frame: Frame, selector: string): Promise<{ top: number; bottom: number; left: number; right: number; height: number } | null> {
  return frame.evaluate((sel) => {
    const e = document.querySelector(sel);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
  }, selector);
}

/** The element is on screen and is what a tap at its centre reaches (not scrolled away, not covered). */
async function reachable(frame: Frame, selector: string): Promise<boolean> {
  return frame.evaluate((sel) => {
    const e = document.querySelector(sel) as HTMLElement | null;
    if (!e) return false;
    const r = e.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5 || r.width === 0) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === e || e.contains(hit));
  }, selector);
}

/** Several turns, so the conversation is longer than the screen. */
async function fill(frame: Frame, turns = 4): Promise<void> {
  for (let i = 0; i < turns; i++) {
    const bots = await frame.locator('#pp-log .pp-bot').count();
    await frame.locator('#pp-input').fill('menu');
    await frame.locator('#pp-input').press('Enter');
    await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
  }
  await waitForBot(frame, 'Que voulez-vous faire ?', turns + 1);
}

describe('widget fixes (issue #14) in chromium', () => {
  it('the demo also works when opened from another name of this server (localhost, not PUBLIC_BASE_URL)', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
      });
      const local = base.replace('127.0.0.1', 'localhost');
      await page.goto(`${local}/`);
      expect(new URL(page.url()).origin).not.toBe(new URL(base).origin);
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      // A photo shows too (from this origin, which the frame's CSP allows, not from PUBLIC_BASE_URL's).
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
      await frame.locator('#pp-file').setInputFiles({ name: 'ecran.png', mimeType: 'image/png', buffer: png });
      await frame.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.pp-user img.pp-photo-sent');
        return !!img && img.complete && img.naturalWidth > 0;
      }, undefined, { timeout: WAIT });
      // A real frame of the page: its close button, Escape closing the panel.
      await frame.locator('#pp-close').click();
      await page.locator('#pasapas-w-panel').waitFor({ state: 'hidden', timeout: WAIT });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('A+ and A− keep the latest reply in view: from its first line, and all of it when it fits', async () => {
    const { context, page, problems } = await openDemo({ width: 1024, height: 700 });
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      await fill(frame, 3);
      await openMenu(frame);
      for (const button of ['#pp-bigger', '#pp-bigger', '#pp-bigger', '#pp-smaller']) {
        await frame.locator(button).click();
        // The latest reply (the question) starts inside the conversation's visible area; its last answer is there
        // too when the whole reply fits (a taller one is read from its start, the answers by scrolling on).
        const inView = await frame.evaluate(() => {
          const log = document.getElementById('pp-log')!.getBoundingClientRect();
          // When the whole page scrolls (little height for the text), the header stays over the conversation.
          const top = Math.max(log.top, document.querySelector('.pp-head')!.getBoundingClientRect().bottom);
          const bottom = Math.min(log.bottom, window.innerHeight);
          const msgs = document.querySelectorAll('#pp-log .pp-msg');
          const answers = document.querySelectorAll('#pp-log .pp-actions button');
          const q = msgs[msgs.length - 1].getBoundingClientRect();
          const a = answers[answers.length - 1].getBoundingClientRect();
          const fits = a.bottom - q.top <= bottom - top;
          return { question: q.top >= top - 1 && q.top < bottom - 20, answer: !fits || (a.top >= top - 1 && a.bottom <= bottom + 1) };
        });
        expect(`${button}: ${JSON.stringify(inView)}`).toBe(`${button}: {"question":true,"answer":true}`);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a compact header at 360 px: one row, "Fermer" and "Conseiller" always reachable, also at 200 % text and 200 % zoom', async () => {
    // 360 × 640: a phone; 640 × 360: a laptop window at 200 % zoom (the browser halves the CSS pixels).
    for (const [width, height, bigger] of [
      [360, 640, 0],
      [360, 640, 5],
      [640, 360, 0],
    ] as const) {
      const { context, page, problems } = await openDemo({ width, height });
      try {
        const frame = await openChat(page);
        await waitForBot(frame, 'Que voulez-vous faire ?');
        if (bigger) {
          await openMenu(frame);
          for (let i = 0; i < bigger; i++) await frame.locator('#pp-bigger').click();
          await frame.locator('#pp-menu').click();
        }
        const label = `${width}×${height}${bigger ? ' text 200 %' : ''}`;
        // One row: the header's controls side by side, the header a small part of the screen.
        const middles = await frame.evaluate(() =>
          Array.from(document.querySelectorAll('.pp-bar > *')).map((e) => {
            const r = e.getBoundingClientRect();
            return r.top + r.height / 2;
          }),
        );
        expect(`${label}: ${Math.max(...middles) - Math.min(...middles) < 4}`).toBe(`${label}: true`);
        const head = await box(frame, '.pp-head');
        expect(head!.height).toBeLessThanOrEqual(bigger ? height * 0.2 : 64); // it took a quarter of a phone (160 px)
        // Language and text size are in the menu, not on the row.
        expect(await frame.locator('#pp-lang').isVisible()).toBe(false);
        expect(await frame.locator('#pp-bigger').isVisible()).toBe(false);
        // A long conversation scrolled to its end: "Fermer" and "Conseiller" are still there to tap.
        await fill(frame, 3);
        await frame.locator('#pp-input').scrollIntoViewIfNeeded();
        await frame.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        for (const id of ['#pp-close', '#pp-mediator', '#pp-menu']) expect(`${label} ${id}: ${await reachable(frame, id)}`).toBe(`${label} ${id}: true`);
        // Their names stay words for screen readers, whether or not the words show.
        expect(await frame.getByRole('button', { name: "Fermer la fenêtre d'aide" }).count()).toBe(1);
        expect(await frame.locator('.pp-bar #pp-mediator').getAttribute('aria-label')).toBe('Parler à un conseiller');
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
        await frame.locator('#pp-close').click();
        await page.locator('#pasapas-w-panel').waitFor({ state: 'hidden', timeout: WAIT });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('full page on a desktop: a readable column of about 45rem', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/chat?territory=demo`);
      const frame = page.mainFrame();
      await waitForBot(frame, 'Que voulez-vous faire ?');
      const rem = await frame.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const edges = await frame.evaluate(() =>
        Array.from(document.querySelectorAll('#pp-log .pp-msg, #pp-log .pp-actions, #pp-form, .pp-bar')).map((e) => {
          const r = e.getBoundingClientRect();
          return [r.left, r.right];
        }),
      );
      const left = Math.min(...edges.map((e) => e[0]));
      const right = Math.max(...edges.map((e) => e[1]));
      expect(right - left).toBeLessThanOrEqual(45 * rem + 1);
      expect(right - left).toBeGreaterThan(40 * rem);
      // Centred.
      expect(Math.abs(left - (1400 - right))).toBeLessThan(24);
    } finally {
      await context.close();
    }
  });

  it('the privacy link is read with words, and the photo icon is a drawing, not an emoji', async () => {
    const { context, page, problems } = await openDemo();
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      const link = frame.locator('#pp-log a[href$="/confidentialite"]');
      expect(await link.count()).toBe(1);
      expect(await frame.getByRole('link', { name: 'Lire la page sur vos données (nouvelle fenêtre)' }).count()).toBe(1);
      expect(await link.textContent()).not.toContain('http');
      // No emoji left to show as a box: the photo button and the sent photo have an inline SVG icon.
      expect(await frame.evaluate(() => document.body.innerText.includes('📷'))).toBe(false);
      expect(await frame.locator('#pp-photo svg.pp-icon[aria-hidden="true"]').count()).toBe(1);
      expect(await frame.getByRole('button', { name: 'Envoyer une photo' }).count()).toBe(1);
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
      await frame.locator('#pp-file').setInputFiles({ name: 'ecran.png', mimeType: 'image/png', buffer: png });
      await waitForBot(frame, "j'ai bien reçu votre photo");
      const sent = frame.locator('.pp-user', { hasText: 'Photo envoyée' });
      expect(await sent.locator('svg.pp-icon').count()).toBe(1);
      // The photo itself, from its signed URL.
      await frame.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.pp-user img.pp-photo-sent');
        return !!img && img.complete && img.naturalWidth > 0 && /[?&]s=/.test(img.src);
      }, undefined, { timeout: WAIT });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
