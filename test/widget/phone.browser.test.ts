/**
 * The widget as an older citizen on a cheap phone meets it (product review, widget20), in Debian's chromium through
 * playwright-core against the real app: an answer tapped while the network is cut is sent when it comes back (or
 * the answers come back to tap), a long reply is shown from its start (not scrolled to its end), the message box
 * stays a small part of the screen at any text size, and notices go once they are no longer true.
 * Fails (does not skip) when chromium is missing.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { useWidgetApp } from '../helpers/browserApp';

jest.setTimeout(120_000);

const WAIT = 15_000;

let base: string;
let browser: Browser;

const env = useWidgetApp({ name: 'widget-phone', secret: 'a-widget-test-secret-of-32-characters-or-more' });
beforeAll(() => {
  ({ base, browser } = env);
});

/** The full-page chat (a link sent by SMS) at this size, once the menu's question is there. */
async function openChat(width: number, height: number): Promise<{ context: BrowserContext; page: Page; frame: Frame }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${base}/chat?territory=demo`);
  const frame = page.mainFrame();
  await waitForBot(frame, 'Que voulez-vous faire ?');
  return { context, page, frame };
}

function waitForBot(frame: Frame, fragment: string, count = 1): Promise<unknown> {
  return frame
    .waitForFunction(
      ([f, n]) => Array.from(document.querySelectorAll('#pp-log .pp-bot')).filter((e) => (e.textContent ?? '').includes(f as string)).length >= (n as number),
      [fragment, count] as const,
      { timeout: WAIT },
    )
    .catch(async (err: Error) => {
      const texts = await frame.locator('#pp-log .pp-msg').allTextContents();
      const notice = await frame.locator('#pp-notice').textContent();
      throw new Error(`${err.message}\nwaiting for "${fragment}"; notice: ${notice}; transcript:\n${texts.slice(-4).join('\n---\n')}`);
    });
}

/** Once the conversation has stopped moving (the last message of a reply came, the scroll settled). */
async function settled(frame: Frame): Promise<void> {
  let last = '';
  for (let i = 0; i < 20; i++) {
    await frame.waitForTimeout(150);
    const now = await frame.evaluate(() => `${document.querySelectorAll('#pp-log > *').length}:${document.getElementById('pp-log')!.scrollTop}:${document.scrollingElement?.scrollTop}`);
    if (now === last) return;
    last = now;
  }
}

/** The top of the bot message containing `fragment` (its last one) is on screen, readable, not under the header. */
function startInView(frame: Frame, fragment: string): Promise<string> {
  return frame.evaluate((f) => {
    const all = Array.from(document.querySelectorAll('#pp-log .pp-bot')).filter((e) => (e.textContent ?? '').includes(f));
    const e = all[all.length - 1];
    if (!e) return 'missing';
    const r = e.getBoundingClientRect();
    const log = document.getElementById('pp-log')!.getBoundingClientRect();
    const head = document.querySelector('.pp-head')!.getBoundingClientRect();
    const top = Math.max(log.top, head.bottom);
    const bottom = Math.min(log.bottom, window.innerHeight);
    if (r.top < top - 1 || r.top > bottom - 30) return `top at ${Math.round(r.top)}, visible ${Math.round(top)}–${Math.round(bottom)}`;
    const hit = document.elementFromPoint(r.left + 12, r.top + 12);
    return hit && e.contains(hit) ? 'in view' : 'covered';
  }, fragment);
}

async function send(frame: Frame, text: string): Promise<void> {
  await frame.locator('#pp-input').fill(text);
  await frame.locator('#pp-input').press('Enter');
}

async function bigger(frame: Frame, times: number): Promise<void> {
  await frame.locator('#pp-menu').click();
  for (let i = 0; i < times; i++) await frame.locator('#pp-bigger').click();
  await frame.locator('#pp-menu').click();
}

describe('the widget on a phone, for an older citizen', () => {
  it('an answer tapped while the network is cut is sent when it comes back; the reply comes with answers to tap', async () => {
    const { context, frame } = await openChat(360, 640);
    try {
      await context.setOffline(true);
      await frame.locator('.pp-actions button', { hasText: 'Créer mon compte Ameli' }).click();
      // Said plainly, and the choice stays shown as made.
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') !== '', undefined, { timeout: WAIT });
      expect(await frame.locator('#pp-notice').textContent()).toMatch(/connexion/i);
      await frame.waitForTimeout(2500);
      await context.setOffline(false);
      await waitForBot(frame, 'Vous avez tout ?');
      expect(await frame.locator('#pp-log .pp-bot', { hasText: 'carte Vitale' }).count()).toBe(1);
      // Sent once, shown once.
      expect(await frame.locator('#pp-log .pp-user', { hasText: 'Créer mon compte Ameli' }).count()).toBe(1);
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') === '', undefined, { timeout: WAIT });
      const answers = frame.locator('#pp-log .pp-actions').last().locator('button:not([disabled])');
      expect(await answers.count()).toBe(3);
    } finally {
      await context.close();
    }
  });

  it('messages written while the network is cut survive a reload: sent once, in order, when it is back', async () => {
    const { context, page, frame } = await openChat(360, 640);
    try {
      await context.setOffline(true);
      await send(frame, 'impots');
      await send(frame, '2');
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') !== '', undefined, { timeout: WAIT });
      // The citizen reloads while the network is still cut (the browser's own error page), then once it is back.
      await page.reload().catch(() => undefined);
      await context.setOffline(false);
      await page.goto(`${base}/chat?territory=demo`);
      const again = page.mainFrame();
      await waitForBot(again, 'Vous avez tout ?');
      await waitForBot(again, 'Vérifions ensemble');
      await again.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') === '', undefined, { timeout: WAIT });
      await settled(again);
      const mine = async (f: Frame) => (await f.locator('#pp-log .pp-user p').allTextContents()).map((t) => t.trim());
      expect(await mine(again)).toEqual(['impots', '2']);
      // Once each on the server too: the history a new reload brings back has each message once, and one answer each.
      await page.reload();
      const third = page.mainFrame();
      await waitForBot(third, 'Vérifions ensemble');
      await settled(third);
      expect(await mine(third)).toEqual(['impots', '2']);
      expect(await third.locator('#pp-log .pp-bot', { hasText: 'Vous avez tout ?' }).count()).toBe(1);
      expect(await third.locator('#pp-log .pp-bot', { hasText: 'Vérifions ensemble' }).count()).toBe(1);
      expect(await third.evaluate(() => Object.keys(sessionStorage).filter((k) => k.endsWith(':outbox')))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Terminer et effacer" forgets the messages still waiting: a reload sends nothing', async () => {
    const { context, page, frame } = await openChat(360, 640);
    try {
      // The messages cannot go (as with a cut network), the rest of the conversation can.
      const posts = '**/v3/directline/conversations/*/activities';
      await page.route(posts, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
      await send(frame, 'impots');
      const kept = () => frame.evaluate(() => Object.keys(sessionStorage).filter((k) => k.endsWith(':outbox')).length);
      await frame.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.endsWith(':outbox')), undefined, { timeout: WAIT });
      await frame.locator('#pp-menu').click();
      await frame.locator('#pp-end').click();
      await frame.locator('#pp-end-yes').click();
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '').includes('effacée'), undefined, { timeout: WAIT });
      await waitForBot(frame, 'Que voulez-vous faire ?');
      expect(await kept()).toBe(0);
      await page.unroute(posts);
      await page.reload();
      const again = page.mainFrame();
      await waitForBot(again, 'Que voulez-vous faire ?');
      await again.waitForTimeout(2500);
      expect(await again.locator('#pp-log .pp-user').count()).toBe(0);
      expect(await again.locator('#pp-log .pp-bot', { hasText: 'Vous avez tout ?' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('an answer the server refuses comes back to tap, with a kind notice (never a dead end)', async () => {
    const { context, page, frame } = await openChat(360, 640);
    try {
      await page.route('**/v3/directline/conversations/*/activities', (route) =>
        route.request().method() === 'POST' ? route.fulfill({ status: 400, contentType: 'application/json', body: '{"error":{"code":"BadArgument"}}' }) : route.continue(),
      );
      await frame.locator('.pp-actions button', { hasText: 'Créer mon compte Ameli' }).click();
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') !== '', undefined, { timeout: WAIT });
      await frame.waitForFunction(() => document.querySelectorAll('#pp-log .pp-actions button:not([disabled])').length === 8, undefined, { timeout: WAIT });
      expect(await frame.locator('#pp-log .pp-chosen').count()).toBe(0);
      expect(await frame.locator('#pp-log .pp-user').count()).toBe(0);
      // Tapped again once the server takes it: it goes.
      await page.unroute('**/v3/directline/conversations/*/activities');
      await frame.locator('.pp-actions button', { hasText: 'Créer mon compte Ameli' }).click();
      await waitForBot(frame, 'Vous avez tout ?');
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') === '', undefined, { timeout: WAIT });
    } finally {
      await context.close();
    }
  });

  it('shows a long reply from its start: the welcome on a phone, "impots" at 200 % zoom and with A+', async () => {
    // The first screen of a phone: the welcome, not the end of the menu.
    let { context, frame } = await openChat(360, 640);
    try {
      await settled(frame);
      expect(`welcome: ${await startInView(frame, 'Bonjour ! Je suis Pas à pas')}`).toBe('welcome: in view');
    } finally {
      await context.close();
    }
    for (const [width, height, plus] of [
      [640, 400, 0], // a laptop at 200 % zoom
      [360, 640, 2], // a phone, A+ twice
      [360, 640, 5], // a phone, the biggest text
    ] as const) {
      ({ context, frame } = await openChat(width, height));
      try {
        if (plus) await bigger(frame, plus);
        await send(frame, 'impots');
        await waitForBot(frame, 'Vous avez tout ?');
        await settled(frame);
        const label = `${width}×${height} A+${plus}`;
        expect(`${label}: ${await startInView(frame, 'Je vous aide pour')}`).toBe(`${label}: in view`);
        // The message box stays a small part of the screen, whatever the text size.
        const foot = await frame.evaluate(() => document.querySelector('.pp-foot')!.getBoundingClientRect().height);
        expect(`${label}: message box ${Math.round(foot)} px`).toBe(`${label}: message box ${Math.round(Math.min(foot, height * 0.45))} px`);
        // The answers are still there to reach by scrolling, and the box to type in.
        await frame.locator('#pp-log .pp-actions').last().locator('button').last().scrollIntoViewIfNeeded();
        const bots = await frame.locator('#pp-log .pp-bot').count();
        await send(frame, '1');
        await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, bots, { timeout: WAIT });
      } finally {
        await context.close();
      }
    }
  });

  it('notices go once they are no longer true: "write a message first", "not sent"', async () => {
    const { context, frame } = await openChat(360, 640);
    try {
      await frame.locator('#pp-input').press('Enter');
      expect(await frame.locator('#pp-notice').textContent()).toBe("Écrivez un message avant d'envoyer.");
      await send(frame, 'impots');
      await waitForBot(frame, 'Vous avez tout ?');
      expect(await frame.locator('#pp-notice').textContent()).toBe('');
      // Written while the network is cut: said, then sent once it is back, and the notice goes.
      await context.setOffline(true);
      await send(frame, 'menu');
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') !== '', undefined, { timeout: WAIT });
      await frame.waitForTimeout(2000);
      await context.setOffline(false);
      await waitForBot(frame, 'Que voulez-vous faire ?', 2);
      await frame.waitForFunction(() => (document.getElementById('pp-notice')?.textContent ?? '') === '', undefined, { timeout: WAIT });
      expect(await frame.locator('#pp-log .pp-user', { hasText: 'menu' }).count()).toBe(1);
      expect(await frame.locator('#pp-input').inputValue()).toBe('');
    } finally {
      await context.close();
    }
  });

  it('the hint matches the answers, and the territory name is readable on a phone header', async () => {
    const { context, frame } = await openChat(360, 640);
    try {
      const hint = (await frame.locator('#pp-hint').textContent()) ?? '';
      const numbered = await frame.evaluate(() => /^\s*\d/.test(document.querySelector('#pp-log .pp-actions button')?.textContent ?? ''));
      // The hint speaks of numbers only if the answers show them.
      expect(`numbers on buttons: ${numbered}, hint: ${hint}`).toBe(`numbers on buttons: ${numbered}, hint: ${numbered || !/numéro/i.test(hint) ? hint : '(no numbers)'}`);
      const cut = await frame.evaluate(() => {
        const h1 = document.querySelector('h1')!;
        return h1.scrollWidth > h1.clientWidth + 1 || h1.scrollHeight > h1.clientHeight + 1;
      });
      expect(`territory name cut: ${cut}`).toBe('territory name cut: false');
    } finally {
      await context.close();
    }
  });
});
