/**
 * Issue 19, in Debian's chromium against the real app: a reload rebuilds the open conversations from
 * GET /api/mediator/handoffs/:id (history and messages, no old "Nouveau message" notice); what the bot tells the
 * citizen during the handoff shows in the conversation, marked as the bot's; at 1366×768 the message box stays in
 * view however long the conversation; after a reload that left the alert sound off (autoplay policy), the console
 * says so and turns it on in one click; a new request while the tab is hidden also shows a desktop notification.
 * Fails (does not skip) when chromium is missing.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { login, onDuty, useConsoleApp, WAIT, take } from '../helpers/consoleBrowser';
import { DirectLineCitizen, openPage } from './support';

jest.setTimeout(120_000);

let ta: TestApp;
let base: string;
let browser: Browser;

const env = useConsoleApp({
  name: 'inbox',
  secret: 'an-inbox-test-secret-of-32-characters-or-more',
  mediators: [
    ['lea', 'Léa Martin'],
    ['sam', 'Sam Petit'],
    ['zoe', 'Zoé Durand'],
  ],
});
beforeAll(() => ({ ta, base, browser } = env));

async function citizenAsks(): Promise<DirectLineCitizen> {
  const c = new DirectLineCitizen(base);
  await c.start();
  await c.waitFor('Que voulez-vous faire ?');
  const n = c.received.length;
  await c.say('conseiller');
  await c.waitFor("Vous êtes d'accord ?", n);
  await c.say('oui');
  await c.waitFor('dans la file', n);
  return c;
}


describe('the mediator inbox in chromium (issue 19)', () => {
  it('a reload rebuilds the open conversations, history and messages, without old notices; bot lines are marked', async () => {
    const { context, page, problems } = await openPage(browser, `${base}/mediator/`);
    try {
      await login(page, 'lea', 'Léa Martin');
      await onDuty(page);
      const first = await citizenAsks();
      await take(page);
      const second = await citizenAsks();
      await take(page); // the second is now the open one
      expect(await page.locator('#pc-mine li').count()).toBe(2);

      // The second citizen types a password: the console shows their masked words and the bot's warning to them.
      await second.say('mon mot de passe est Soleil2024');
      await page.locator('#pc-messages .pc-from-citizen', { hasText: 'mon mot de passe est [masqué]' }).waitFor({ timeout: WAIT });
      const botLine = page.locator('#pc-messages .pc-from-bot', { hasText: "n'écrivez jamais votre mot de passe" });
      await botLine.waitFor({ timeout: WAIT });
      expect(await botLine.locator('.pc-who').innerText()).toBe('Pas à pas (message automatique à la personne) :');
      expect(await page.locator('#pc-messages .pc-from-citizen').count()).toBe(1);

      // The first citizen writes while another conversation is open: "Nouveau message" and a badge.
      await first.say('Je suis toujours là.');
      await page.locator('#pc-notice', { hasText: 'Nouveau message' }).waitFor({ timeout: WAIT });
      await page.locator('#pc-mine .pc-badge').waitFor({ timeout: WAIT });
      const before = await page.locator('#pc-transcript').innerText();
      expect(before).toContain('conseiller');

      await page.reload();
      await page.getByText('Léa Martin — demo').waitFor({ timeout: WAIT });
      // The open conversation opens again, with what happened before the handoff and every message.
      await page.locator('#pc-messages .pc-from-bot', { hasText: "n'écrivez jamais votre mot de passe" }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-messages .pc-msg').count()).toBe(2);
      expect(await page.locator('#pc-transcript').innerText()).toBe(before);
      expect(await page.locator('#pc-transcript').innerText()).not.toContain('rechargement');
      expect(await page.locator('#pc-mine li').count()).toBe(2);
      // Let the console settle (queue, messages of the other conversation), then: no old notice, no badge.
      await page.waitForFunction(() => document.querySelectorAll('#pc-mine li').length === 2 && !!document.querySelector('#pc-mine button'));
      await page.waitForTimeout(1_000);
      expect(await page.locator('#pc-notice').innerText()).not.toContain('Nouveau message');
      expect(await page.locator('#pc-mine .pc-badge').count()).toBe(0);

      // The other conversation, opened, has its history and its message too.
      // Both conversations rebuilt first (the open one marked current, one "Ouvrir" left); on a loaded machine a
      // rebuild that failed is asked again at the next heartbeat round, hence the longer wait.
      await page.locator('#pc-mine li.pc-current').waitFor({ timeout: WAIT });
      await page.locator('#pc-mine button', { hasText: 'Ouvrir' }).click();
      await page.locator('#pc-messages .pc-from-citizen', { hasText: 'Je suis toujours là.' }).waitFor({ timeout: 2 * WAIT });
      expect(await page.locator('#pc-transcript').innerText()).toContain('conseiller');

      // A message arriving after the reload is new again.
      await second.say('Vous êtes là ?');
      await page.locator('#pc-notice', { hasText: 'Nouveau message' }).waitFor({ timeout: WAIT });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('at 1366×768 the message box stays in view when the conversation grows', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/mediator/`);
      await login(page, 'sam', 'Sam Petit');
      await onDuty(page);
      await citizenAsks();
      await take(page);
      const id = (await ta.app.queue.events('demo', '0', 100_000)).filter((e) => e.transition === 'claim').pop()!.id;
      for (let i = 1; i <= 40; i += 1) {
        await ta.app.queue.addMessage('demo', id, { at: ta.app.now(), from: i % 2 ? 'citizen' : 'mediator', text: `Message numéro ${i} : une phrase assez longue pour prendre une ligne entière dans la conversation.` });
      }
      await page.locator('#pc-messages .pc-msg', { hasText: 'Message numéro 40 ' }).waitFor({ timeout: WAIT });
      const inView = async (selector: string) => {
        const box = (await page.locator(selector).boundingBox())!;
        return box.y >= 0 && box.y + box.height <= 768;
      };
      expect(await inView('#pc-input')).toBe(true);
      expect(await inView('#pc-send')).toBe(true);
      expect(await inView('#pc-finish')).toBe(true);
      // The page itself does not scroll; the messages do, showing the latest.
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight)).toBe(true);
      const last = await page.locator('#pc-messages .pc-msg').last().boundingBox();
      const log = await page.locator('#pc-messages').boundingBox();
      expect(last!.y + last!.height).toBeLessThanOrEqual(log!.y + log!.height + 1);
    } finally {
      await context.close();
    }
  });

  it('after a reload that left the sound off, one click turns it on; a new request in a hidden tab is a desktop notification', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    // The browser's autoplay policy (headless chromium has none): audio starts only from a click. And a
    // Notification API that records, with a tab that can be told hidden.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const Real = window.AudioContext;
      class Guarded extends Real {
        allowed = navigator.userActivation.isActive;
        override get state(): AudioContextState {
          return this.allowed ? super.state : 'suspended';
        }
        override resume(): Promise<void> {
          if (navigator.userActivation.isActive && !this.allowed) {
            this.allowed = true;
            window.setTimeout(() => this.dispatchEvent(new Event('statechange')), 0);
          }
          return super.resume();
        }
      }
      window.AudioContext = Guarded;
      const shown: Array<{ title: string; body?: string }> = [];
      w.__shown = shown;
      w.__hidden = false;
      class Recorder {
        static permission: NotificationPermission = (sessionStorage.getItem('test:permission') as NotificationPermission | null) ?? 'default';
        static async requestPermission(): Promise<NotificationPermission> {
          Recorder.permission = 'granted';
          sessionStorage.setItem('test:permission', 'granted');
          return 'granted';
        }
        onclick: (() => void) | null = null;
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body });
        }
        close(): void {}
      }
      w.Notification = Recorder;
      Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (w.__hidden ? 'hidden' : 'visible') });
    });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/mediator/`);
      await login(page, 'zoe', 'Zoé Durand');
      // Logged in with a click: the sound is on, nothing to offer.
      expect(await page.locator('#pc-sound-off').isHidden()).toBe(true);
      await onDuty(page); // a click: the console asks for desktop notifications once
      expect(await page.evaluate(() => Notification.permission)).toBe('granted');

      await page.reload();
      await page.getByText('Zoé Durand — demo').waitFor({ timeout: WAIT });
      const offer = page.locator('#pc-sound-off');
      await offer.waitFor({ state: 'visible', timeout: WAIT });
      expect(await offer.innerText()).toContain('Le navigateur a coupé le son des alertes');
      // Every text the notice line shows is recorded: on a loaded machine the live stream may reconnect just after
      // the click and its own notice replace this one before a poll would see it.
      await page.evaluate(() => {
        const w = window as unknown as { __notices: string[] };
        w.__notices = [];
        const el = document.getElementById('pc-notice')!;
        new MutationObserver(() => w.__notices.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
      });
      await page.getByRole('button', { name: 'Activer le son' }).click();
      await offer.waitFor({ state: 'hidden', timeout: WAIT });
      await page.waitForFunction(() => (window as unknown as { __notices: string[] }).__notices.includes('Son des alertes activé.'), undefined, { timeout: WAIT });

      // Tab hidden: a new request is also a desktop notification.
      await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = true));
      await citizenAsks();
      await page.waitForFunction(() => (window as unknown as { __notices: string[] }).__notices.some((n) => n.includes('Nouvelle demande')), undefined, { timeout: WAIT });
      const shown = await page.evaluate(() => (window as unknown as { __shown: Array<{ title: string; body?: string }> }).__shown);
      expect(shown).toEqual([{ title: 'Pas à pas : nouvelle demande', body: expect.stringContaining('A demandé un conseiller') }]);

      // Tab in front: the notice and the sound only.
      await page.evaluate(() => ((window as unknown as { __hidden: boolean }).__hidden = false));
      await citizenAsks();
      await page.locator('#pc-waiting li').nth(1).waitFor({ timeout: WAIT });
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length)).toBe(1);
    } finally {
      await context.close();
    }
  });
});
