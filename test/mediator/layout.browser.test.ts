/**
 * The console and the coordinators' page on small and zoomed screens, in Debian's chromium against the real app:
 * - the ready-made replies are all visible without scrolling (wrapped onto lines, their label above) on a desk
 *   screen (1280 px), on a phone (360 px) and at 200 % zoom (a 1280 px window = 640 CSS px), and work by keyboard;
 *   nothing makes the page scroll sideways;
 * - the coordinators' page shows only the login before one; a report download that fails says so in the page
 *   (never the API's raw JSON).
 * Fails (does not skip) when chromium is missing.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { login, onDuty, PASSWORD, take, useConsoleApp, WAIT } from '../helpers/consoleBrowser';
import { DirectLineCitizen } from './support';

jest.setTimeout(180_000);

let ta: TestApp;
let base: string;
let browser: Browser;

const env = useConsoleApp({
  name: 'layout',
  secret: 'a-layout-test-secret-of-32-characters-or-more',
  mediators: [
    ['lea', 'Léa Martin'],
    ['sam', 'Sam Petit'],
    ['zoe', 'Zoé Durand'],
  ],
});
beforeAll(async () => {
  ({ ta, base, browser } = env);
  await ta.app.mediators.add({ territory: 'demo', username: 'claire', name: 'Claire Coord', password: PASSWORD, role: 'coordinateur' });
});

async function citizenAsks(): Promise<void> {
  const c = new DirectLineCitizen(base);
  await c.start();
  await c.waitFor('Que voulez-vous faire ?');
  const n = c.received.length;
  await c.say('conseiller');
  await c.waitFor("Vous êtes d'accord ?", n);
  await c.say('oui');
  await c.waitFor('dans la file', n);
}

/** Where the quick replies are, against the window and their own box. */
function quickLayout(page: Page) {
  return page.evaluate(() => {
    const group = document.getElementById('pc-quick')!;
    const title = document.getElementById('pc-quick-title')!.getBoundingClientRect();
    const g = group.getBoundingClientRect();
    const buttons = Array.from(group.querySelectorAll('button')).map((b) => {
      const r = b.getBoundingClientRect();
      return { text: b.textContent, left: r.left, right: r.right, top: r.top, inWindow: r.left >= 0 && r.right <= window.innerWidth + 0.5, inGroup: r.left >= g.left - 0.5 && r.right <= g.right + 0.5 };
    });
    return {
      buttons,
      groupScrolls: group.scrollWidth > group.clientWidth + 1,
      pageScrollsSideways: document.scrollingElement!.scrollWidth > window.innerWidth + 1,
      titleAbove: buttons.every((b) => b.top >= title.bottom - 0.5),
    };
  });
}

const SCREENS: Array<[string, { width: number; height: number }, number, string]> = [
  ['a desk screen (1280 px)', { width: 1280, height: 900 }, 1, 'lea|Léa Martin'],
  ['a phone (360 px)', { width: 360, height: 740 }, 2, 'sam|Sam Petit'],
  ['200 % zoom (640 CSS px)', { width: 640, height: 450 }, 2, 'zoe|Zoé Durand'],
];

describe.each(SCREENS)('the console on %s', (_name, viewport, deviceScaleFactor, who) => {
  it('shows every ready-made reply without scrolling, label above, and a keyboard puts one in the message', async () => {
    const [username, name] = who.split('|');
    const context = await browser.newContext({ viewport, deviceScaleFactor, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/mediator/`);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await login(page, username, name);
      await onDuty(page);
      await citizenAsks();
      await take(page);
      await page.locator('#pc-quick button', { hasText: 'Bonjour' }).waitFor({ timeout: WAIT });
      const layout = await quickLayout(page);
      expect(layout.buttons.length).toBeGreaterThanOrEqual(3);
      expect(layout.buttons.filter((b) => !b.inWindow || !b.inGroup)).toEqual([]);
      expect(layout.groupScrolls).toBe(false);
      expect(layout.titleAbove).toBe(true);
      expect(layout.pageScrollsSideways).toBe(false);
      // By keyboard: from the send button, Tab reaches the first reply; Enter puts its text in the message box.
      await page.locator('#pc-send').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(layout.buttons[0].text);
      await page.keyboard.press('Enter');
      expect(await page.locator('#pc-input').inputValue()).not.toBe('');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pc-input');
    } finally {
      await context.close();
    }
  });
});

describe('the coordinators page', () => {
  const visibleSections = (page: Page) =>
    page.evaluate(() => Array.from(document.querySelectorAll('main section')).filter((s) => (s as HTMLElement).offsetParent !== null).map((s) => s.id));

  it('shows only the login before one; a failed download is told in the page, never as raw JSON', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/mediator/admin/`);
      await page.locator('#pa-login').waitFor({ timeout: WAIT });
      expect(await visibleSections(page)).toEqual(['pa-login']);
      expect(await page.locator('main').innerText()).not.toContain('Rapport');

      await page.getByLabel('Territoire').fill('demo');
      await page.getByLabel('Identifiant', { exact: true }).fill('claire');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const download = page.getByRole('button', { name: 'Télécharger le rapport (CSV)' });
      await download.waitFor({ timeout: WAIT });
      expect(await page.locator('#pa-login').isHidden()).toBe(true);

      // A download that works: a CSV file.
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), download.click()]);
      expect(file.suggestedFilename()).toMatch(/^coop-demo-.*\.csv$/);

      // A period the API refuses, then a session ended elsewhere: the page stays, and says what went wrong.
      await page.locator('#pa-coop-from').fill('2026-12-31');
      await page.locator('#pa-coop-to').fill('2026-01-01');
      await download.click();
      await page.locator('#pa-alert', { hasText: 'rapport' }).waitFor({ timeout: WAIT });
      expect(page.url()).toBe(`${base}/mediator/admin/`);
      await page.locator('#pa-coop-from').fill('');
      await page.locator('#pa-coop-to').fill('');
      await context.clearCookies();
      await download.click();
      await page.locator('#pa-login').waitFor({ timeout: WAIT });
      expect(page.url()).toBe(`${base}/mediator/admin/`);
      expect(await page.locator('body').innerText()).not.toContain('"error"');
      expect(await page.locator('#pa-alert').innerText()).toMatch(/session|reconnect/i);
      expect(await visibleSections(page)).toEqual(['pa-login']);
    } finally {
      await context.close();
    }
  });

  it.each([
    ['a phone (360 px)', { width: 360, height: 740 }],
    ['200 % zoom (640 CSS px)', { width: 640, height: 450 }],
  ])('on %s, the page never scrolls sideways: the wide tables scroll in their own box', async (_name, viewport) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 2, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/mediator/admin/`);
      await page.getByLabel('Territoire').fill('demo');
      await page.getByLabel('Identifiant', { exact: true }).fill('claire');
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('rowheader', { name: 'Claire Coord' }).waitFor({ timeout: WAIT });
      await page.locator('#pa-chart-requests svg').waitFor({ timeout: WAIT });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth + 1)).toBe(true);
      const accounts = page.locator('#pa-accounts').getByRole('group', { name: 'Comptes des médiateurs' });
      expect(await accounts.locator('table').count()).toBe(1);
      expect(await accounts.getAttribute('tabindex')).toBe('0');
    } finally {
      await context.close();
    }
  });
});
