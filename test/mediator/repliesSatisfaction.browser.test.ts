/**
 * Issue 19 in Debian's chromium, the citizen in the real widget and the mediator in the real console:
 * - a coordinator edits the team's ready-made replies; a mediator's click puts the edited one in the message box
 *   (never sends it), with easy-to-read hints while editing; sent, it reaches the widget;
 * - the satisfaction question after a close, answered with a button in the widget and counted in the
 *   coordinators' figures;
 * - the time of every message in the console, and typing shown both ways (widget ⇄ console).
 * Fails (does not skip) when chromium is missing.
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
  const onDuty = page.getByRole('radio', { name: 'En service' });
  if (await onDuty.isChecked()) return; // still on duty from an earlier session of this account
  await onDuty.check();
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

describe('issue 19 in chromium: ready-made replies and satisfaction, console to widget', () => {
  it('a reply edited by the coordinator is put in the message box, edited, sent, and reaches the widget', async () => {
    const coordinator = await openPage(browser, `${base}/mediator/`);
    const mediator = await openPage(browser, `${base}/mediator/`);
    const citizen = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
    try {
      // The coordinator edits the first French reply and saves it for the team.
      const cp = coordinator.page;
      await login(cp, 'coco', 'Camille Coordinatrice');
      await cp.getByText('Modifier les réponses toutes prêtes').click();
      const first = cp.getByRole('group', { name: 'Réponse 1' });
      await first.getByLabel('Titre (ce que voit le conseiller)').waitFor({ timeout: WAIT });
      expect(await cp.locator('#pc-replies-editor [role="status"]').innerText()).toContain('réponses proposées par défaut');
      await first.getByLabel('Titre (ce que voit le conseiller)').fill('Accueil Drôme');
      const text = first.getByLabel('Texte (ce que lit la personne)');
      // A long sentence: the hint says so while editing.
      await text.fill('Bonjour, je suis Camille de la maison France Services et je vais regarder avec vous ce qui bloque sur le site.');
      await first.locator('.pc-falc', { hasText: 'Phrase longue (21 mots)' }).waitFor({ timeout: WAIT });
      await text.fill('Bonjour, je suis Camille. Je lis votre message.');
      await first.locator('.pc-falc:empty').waitFor({ state: 'attached', timeout: WAIT });
      await cp.getByRole('button', { name: 'Enregistrer les réponses' }).click();
      await cp.locator('#pc-replies-editor [role="status"]', { hasText: 'Réponses enregistrées.' }).waitFor({ timeout: WAIT });

      // A mediator takes a request from the widget.
      const page = mediator.page;
      await login(page, 'lea', 'Léa Martin');
      const frame = await openWidget(await citizen.newPage());
      await handoffTaken(page, frame);

      // One click puts the team's edited reply in the message box: nothing is sent.
      await page.getByRole('button', { name: 'Mettre dans le message : Accueil Drôme' }).click();
      const box = page.getByLabel('Votre message');
      expect(await box.inputValue()).toBe('Bonjour, je suis Camille. Je lis votre message.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pc-input');
      await page.waitForTimeout(500);
      expect(await page.locator('#pc-messages .pc-from-mediator').count()).toBe(0);
      expect((await ta.app.queue.messages('demo', (await ta.app.queue.events('demo', '0', 1000)).filter((e) => e.transition === 'claim').pop()!.id)).filter((m) => m.from === 'mediator')).toEqual([]);

      // The mediator edits it (the hints follow), then sends it.
      await box.press('End');
      await box.pressSequentially(' Je vais regarder avec vous ce qui bloque sur le site des impôts dans votre espace personnel.');
      await page.locator('#pc-input-falc', { hasText: 'Phrase longue' }).waitFor({ timeout: WAIT });
      await box.fill('Bonjour, je suis Léa. Je lis votre message.');
      await page.locator('#pc-input-falc:empty').waitFor({ state: 'attached', timeout: WAIT });
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await waitForBot(frame, 'Conseiller : Bonjour, je suis Léa. Je lis votre message.');
      await page.locator('#pc-messages .pc-from-mediator', { hasText: 'Bonjour, je suis Léa.' }).waitFor({ timeout: WAIT });
      expect(await box.inputValue()).toBe('');
      expect(coordinator.problems).toEqual([]);
      expect(mediator.problems).toEqual([]);
      await closeWith(page, 'Fait pour la personne');
    } finally {
      await citizen.close();
      await mediator.context.close();
      await coordinator.context.close();
    }
  });

  it('every message has its time in the console; each side sees the other typing', async () => {
    const mediator = await openPage(browser, `${base}/mediator/`);
    const citizen = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
    try {
      const page = mediator.page;
      await login(page, 'lea', 'Léa Martin');
      const frame = await openWidget(await citizen.newPage());
      await handoffTaken(page, frame);

      // The citizen types (not sent yet): the console says so; their message ends it. (The widget signals typing
      // at most every 5 s: "conseiller" was typed just before. The app's clock is the test's: moved on as well.)
      await page.waitForTimeout(5_000);
      ta.clock.advance(5_000);
      await frame.locator('#pp-input').pressSequentially('Je cherche mon numéro', { delay: 20 });
      await page.locator('#pc-typing', { hasText: 'La personne écrit un message…' }).waitFor({ timeout: WAIT });
      ta.clock.advance(1_000);
      await frame.locator('#pp-input').press('Enter');
      await page.locator('#pc-messages .pc-from-citizen', { hasText: 'Je cherche mon numéro' }).waitFor({ timeout: WAIT });
      await page.waitForFunction(() => document.getElementById('pc-typing')?.textContent === '', undefined, { timeout: WAIT });
      await page.waitForTimeout(2_500); // a round of asking: still not shown (the message came after the typing)
      expect(await page.locator('#pc-typing').textContent()).toBe('');

      // The mediator types: the widget shows it, as Web Chat does, then sends.
      await page.getByLabel('Votre message').pressSequentially('Regardez en haut', { delay: 20 });
      await frame.locator('#pp-typing', { hasText: 'Le conseiller écrit un message…' }).waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await waitForBot(frame, 'Conseiller : Regardez en haut');

      // Every message and every line of before has its time, machine-readable and as a tooltip. The widget may show
      // the message before the console does: wait for it there, then count messages and times in one reading (two
      // counts read one after the other can straddle a message being added).
      await page.locator('#pc-messages .pc-from-mediator', { hasText: 'Regardez en haut' }).waitFor({ timeout: WAIT });
      const timed = (list: string) => page.evaluate((sel) => [document.querySelectorAll(`${sel} time.pc-time`).length, document.querySelectorAll(sel).length], list);
      const [msgTimes, msgs] = await timed('#pc-messages .pc-msg');
      expect(msgTimes).toBe(msgs);
      const [lineTimes, lines] = await timed('#pc-transcript li');
      expect(lineTimes).toBe(lines);
      // The app's clock says 27 November 2026, 09:00 UTC: 10:00 in Paris (the browser's zone), not today → with the date.
      const id = (await ta.app.queue.events('demo', '0', 100_000)).filter((e) => e.transition === 'claim').pop()!.id;
      const sent = (await ta.app.queue.messages('demo', id)).find((m) => m.text === 'Je cherche mon numéro')!;
      const first = page.locator('#pc-messages .pc-from-citizen', { hasText: 'Je cherche mon numéro' }).locator('time');
      expect(await first.innerText()).toBe('27 nov. 10:00');
      expect(await first.getAttribute('datetime')).toBe(new Date(sent.at).toISOString());
      expect(await first.getAttribute('title')).toBe('vendredi 27 novembre 2026 à 10:00');
      expect(mediator.problems).toEqual([]);
      await closeWith(page, 'Fait avec la personne');
    } finally {
      await citizen.close();
      await mediator.context.close();
    }
  });

  it('after the close the citizen answers with a button; the coordinator sees it in the figures', async () => {
    const mediator = await openPage(browser, `${base}/mediator/`);
    const citizen = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'fr-FR' });
    try {
      const page = mediator.page;
      await login(page, 'coco', 'Camille Coordinatrice');
      await page.locator('#pc-figures-list li', { hasText: '« Oui, très bien » :' }).waitFor({ timeout: WAIT });
      const before = Number(/: (\d+)/.exec(await page.locator('#pc-figures-list li', { hasText: '« Oui, très bien » :' }).innerText())![1]);
      const asked = Number(/Avis demandés : (\d+)/.exec(await page.locator('#pc-figures-list').innerText())![1]);

      const frame = await openWidget(await citizen.newPage());
      await handoffTaken(page, frame);
      await closeWith(page, 'Fait avec la personne');

      await waitForBot(frame, 'Une dernière question : le conseiller vous a-t-il aidé ?');
      expect(await frame.locator('.pp-actions button:not([disabled])').allTextContents()).toEqual(expect.arrayContaining(['Oui, très bien', 'Un peu', 'Non, pas du tout']));
      await clickChoice(frame, 'Oui, très bien');
      await waitForBot(frame, 'Merci pour votre réponse.');

      await page.getByRole('button', { name: 'Mettre à jour les chiffres' }).click();
      await page.locator('#pc-figures-list li', { hasText: `« Oui, très bien » : ${before + 1}` }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-figures-list').innerText()).toContain(`Avis demandés : ${asked + 1}`);
      expect(mediator.problems).toEqual([]);
    } finally {
      await citizen.close();
      await mediator.context.close();
    }
  });
});
