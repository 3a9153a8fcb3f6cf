/**
 * Issue 19 in Debian's chromium, the citizen in the real widget and the mediator in the real console:
 * the satisfaction question after a close, answered with a button in the widget and counted in the coordinators'
 * figures. Fails (does not skip) when chromium is missing.
 *
 * The setup (browser, app, console and widget pages) is the block below, kept apart so it can move to
 * test/helpers with the other browser tests' setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildWidget } from '../../src/widget/build';
import { mountConsole } from '../../src/mediator/consoleRoutes';
import { mountWidget } from '../../src/widget/routes';
import { freePort, hasGetRoute, listen } from '../widget/support';
import { launchChromium, openPage } from './support';

jest.setTimeout(120_000);

// ---------------------------------------------------------------- setup (shared-able)

const PASSWORD = 'un-mot-de-passe-assez-long';
const WAIT = 15_000;
const LAUNCHER = "Besoin d'aide pour une démarche ?";

let dir: string;
let ta: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasapas-inbox-b-'));
  browser = await launchChromium();
  await buildWidget(dir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  ta = await startTestApp({ notifier: true, env: { PUBLIC_BASE_URL: base, DIRECTLINE_TOKEN_SECRET: 'an-inbox-b-test-secret-of-32-characters-or-more' }, publicDir: dir });
  if (!hasGetRoute(ta.app.server, '/mediator/')) mountConsole(ta.app.server, { publicDir: dir });
  if (!hasGetRoute(ta.app.server, '/widget.js')) mountWidget(ta.app.server, { territories: ta.app.territories, publicDir: dir, locale: 'fr' });
  await listen(ta.app.server, port);
  await ta.app.mediators.add({ territory: 'demo', username: 'coco', name: 'Camille Coordinatrice', password: PASSWORD, role: 'coordinateur' });
  await ta.app.mediators.add({ territory: 'demo', username: 'lea', name: 'Léa Martin', password: PASSWORD, role: 'mediateur' });
});

afterAll(async () => {
  await browser?.close();
  await ta?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function login(page: Page, username: string, name: string): Promise<void> {
  await page.getByLabel('Territoire').fill('demo');
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText(`${name} — demo`).waitFor({ timeout: WAIT });
  await page.getByRole('radio', { name: 'En service' }).check();
  await page.locator('#pc-notice', { hasText: 'Vous êtes en service' }).waitFor({ timeout: WAIT });
}

/** The demo site's page with the widget opened; the chat frame. */
async function openWidget(page: Page): Promise<Frame> {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: LAUNCHER }).click();
  const handle = await page.waitForSelector('iframe[title="Pas à pas — aide aux démarches"]', { timeout: WAIT });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  await frame.waitForSelector('#pp-log .pp-bot', { timeout: WAIT });
  return frame;
}

function waitForBot(frame: Frame, fragment: string): Promise<unknown> {
  return frame
    .waitForFunction((f) => Array.from(document.querySelectorAll('#pp-log .pp-bot')).some((e) => (e.textContent ?? '').includes(f)), fragment, { timeout: WAIT })
    .catch(async (err: Error) => {
      const texts = await frame.locator('#pp-log .pp-msg').allTextContents();
      throw new Error(`${err.message}\nwaiting for "${fragment}"; widget transcript:\n${texts.slice(-6).join('\n---\n')}`);
    });
}

async function citizenWrites(frame: Frame, text: string): Promise<void> {
  await frame.locator('#pp-input').fill(text);
  await frame.locator('#pp-input').press('Enter');
}

async function clickChoice(frame: Frame, label: string): Promise<void> {
  const button = frame.locator('.pp-actions button:not([disabled])', { hasText: label }).last();
  await button.waitFor({ timeout: WAIT });
  await button.click();
}

/** The citizen asks for a person in the widget and agrees; the mediator takes the request. */
async function handoffTaken(console: Page, frame: Frame): Promise<void> {
  await citizenWrites(frame, 'conseiller');
  await waitForBot(frame, "Vous êtes d'accord ?");
  await clickChoice(frame, "Oui, d'accord");
  await waitForBot(frame, 'dans la file');
  await console.locator('#pc-waiting li').first().waitFor({ timeout: WAIT });
  await console.getByRole('button', { name: 'Prendre la demande n°1' }).click();
  await console.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
  await waitForBot(frame, 'Un conseiller vous répond.');
}

async function closeWith(console: Page, outcome: string): Promise<void> {
  await console.getByRole('button', { name: 'Terminer', exact: true }).click();
  await console.getByRole('radio', { name: outcome }).check();
  await console.getByRole('button', { name: 'Valider' }).click();
  await console.locator('#pc-notice', { hasText: 'Conversation terminée' }).waitFor({ timeout: WAIT });
}

// ---------------------------------------------------------------- tests

describe('issue 19 in chromium: satisfaction in the widget', () => {
  it('after the close the citizen answers with a button; the coordinator sees it in the figures', async () => {
    const mediator = await openPage(browser, `${base}/mediator/`);
    const citizen = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
    try {
      const page = mediator.page;
      await login(page, 'coco', 'Camille Coordinatrice');
      await page.locator('#pc-figures-list li', { hasText: '« Oui, très bien » : 0' }).waitFor({ timeout: WAIT });

      const frame = await openWidget(await citizen.newPage());
      await handoffTaken(page, frame);
      await closeWith(page, 'Fait avec la personne');

      await waitForBot(frame, 'Une dernière question : le conseiller vous a-t-il aidé ?');
      expect(await frame.locator('.pp-actions button:not([disabled])').allTextContents()).toEqual(expect.arrayContaining(['Oui, très bien', 'Un peu', 'Non, pas du tout']));
      await clickChoice(frame, 'Oui, très bien');
      await waitForBot(frame, 'Merci pour votre réponse.');

      await page.getByRole('button', { name: 'Mettre à jour les chiffres' }).click();
      await page.locator('#pc-figures-list li', { hasText: '« Oui, très bien » : 1' }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-figures-list').innerText()).toContain('Avis demandés : 1, réponses : 1');
      expect(mediator.problems).toEqual([]);
    } finally {
      await citizen.close();
      await mediator.context.close();
    }
  });
});
