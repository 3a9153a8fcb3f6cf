/**
 * The coordinators' page (/mediator/admin/) in Debian's chromium (playwright-core) against the real app: a
 * coordinator logs in, adds a mediator (the generated password is shown once and works), disables them (they can no
 * longer log in), reads the audit log filtered by action; the page has no axe-core violation and no CSP error.
 * Fails (does not skip) when chromium is missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildWidget } from '../../src/widget/build';
import { freePort, listen } from '../widget/support';
import { axeViolations, launchChromium, openPage } from './support';

jest.setTimeout(120_000);

const PASSWORD = 'un-mot-de-passe-assez-long';
const WAIT = 15_000;

let dir: string;
let ta: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasapas-admin-'));
  browser = await launchChromium(); // first: a missing chromium fails every test here
  await buildWidget(dir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  ta = await startTestApp({ env: { PUBLIC_BASE_URL: base }, publicDir: dir });
  await listen(ta.app.server, port);
  await ta.app.mediators.add({ territory: 'demo', username: 'claire', name: 'Claire Coord', password: PASSWORD, role: 'coordinateur' });
});

afterAll(async () => {
  await browser?.close();
  await ta?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Territoire').fill('demo');
  await page.getByLabel('Identifiant', { exact: true }).fill(username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

const apiLogin = async (username: string, password: string) =>
  (await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username, password }) })).status;

test('a coordinator adds a mediator, gives the password shown once, disables them, reads the audit log', async () => {
  // The disabled account's login is expected to fail (403) further down.
  const { page, problems, context } = await openPage(browser, `${base}/mediator/admin/`, { expectStatus: /^401 .*\/api\/mediator\/me$/ });
  try {
    await signIn(page, 'claire');
    await page.getByRole('heading', { name: 'Comptes des médiateurs' }).waitFor({ timeout: WAIT });
    await page.getByRole('rowheader', { name: 'Claire Coord' }).waitFor({ timeout: WAIT });

    await page.getByLabel('Nom et prénom').fill('Léa Martin');
    await page.locator('#pa-add-capacity').fill('2');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const once = page.locator('#pa-password-once');
    await once.filter({ hasText: 'Mot de passe de Léa Martin' }).waitFor({ timeout: WAIT });
    const password = /Mot de passe de Léa Martin : (\S+) —/.exec((await once.textContent()) ?? '')?.[1];
    expect(password).toBeDefined();
    expect(await page.locator('#pa-status').textContent()).toBe('Compte de Léa Martin créé, identifiant lea.martin.');
    expect(await apiLogin('lea.martin', password!)).toBe(200);
    const lea = page.getByRole('row', { name: /Léa Martin/ });
    expect(await lea.getByRole('spinbutton').inputValue()).toBe('2');

    await lea.getByRole('button', { name: 'Désactiver — Léa Martin' }).click();
    await lea.getByRole('cell', { name: 'Désactivé' }).waitFor({ timeout: WAIT });
    expect(await apiLogin('lea.martin', password!)).toBe(403);

    await page.getByLabel('Action', { exact: true }).selectOption('account-disable');
    await page.getByRole('button', { name: 'Afficher' }).click();
    const rows = page.locator('#pa-audit-body tr');
    await rows.first().filter({ hasText: 'account-disable' }).waitFor({ timeout: WAIT });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('claire');
    expect(await rows.first().textContent()).toContain('lea.martin');

    // The one expected failure: GET /me before the login (401), which the browser reports as a console error.
    expect(problems.filter((p) => !/status of 401 \(Unauthorized\)/.test(p))).toEqual([]);
  } finally {
    await context.close();
  }
  // axe-core is injected as a script: a context that bypasses the page's CSP (the flow above ran under it).
  const axed = await openPage(browser, `${base}/mediator/admin/`, { bypassCSP: true, expectStatus: /^401 / });
  try {
    await signIn(axed.page, 'claire');
    await axed.page.getByRole('rowheader', { name: 'Léa Martin' }).waitFor({ timeout: WAIT });
    await axed.page.getByRole('row', { name: /account-add/ }).first().waitFor({ timeout: WAIT });
    expect(await axeViolations(axed.page)).toEqual([]);
  } finally {
    await axed.context.close();
  }
});

test('a mediator who is not a coordinator is told the page is not for them', async () => {
  await ta.app.mediators.add({ territory: 'demo', username: 'sam', name: 'Sam', password: PASSWORD, role: 'mediateur' });
  const { page, context } = await openPage(browser, `${base}/mediator/admin/`, { expectStatus: /^401 / });
  try {
    await signIn(page, 'sam');
    await page.locator('#pa-status', { hasText: 'Cette page est réservée aux coordinateurs.' }).waitFor({ timeout: WAIT });
    expect(await page.locator('#pa-accounts').isHidden()).toBe(true);
  } finally {
    await context.close();
  }
});
