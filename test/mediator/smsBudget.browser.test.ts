/**
 * The monthly SMS budget on the coordinators' page (/mediator/admin/) in Debian's chromium (playwright-core)
 * against the real app: the coordinator reads what was sent this month out of the territory's budget, the
 * warning at 80 %, and that reminders stop at 100 % while replies continue. Fails (does not skip) when
 * chromium is missing.
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildWidget } from '../../src/widget/build';
import { CONFIG_DIR } from '../../src/paths';
import { parisMonth } from '../../src/territories/smsBudget';
import { freePort, listen } from '../widget/support';
import { launchChromium, openPage } from './support';
import { PASSWORD, WAIT } from '../helpers/consoleBrowser';

jest.setTimeout(120_000);

let dir: string;
let ta: TestApp;
let base: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasapas-smsbudget-'));
  browser = await launchChromium();
  await buildWidget(dir);
  const territories = join(dir, 'territories');
  mkdirSync(territories);
  copyFileSync(join(CONFIG_DIR, 'territories', 'demo.yaml'), join(territories, 'demo.yaml'));
  appendFileSync(join(territories, 'demo.yaml'), 'sms:\n  monthlyBudget: 10\n');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  ta = await startTestApp({ env: { PUBLIC_BASE_URL: base }, publicDir: dir, territoriesDir: territories });
  await listen(ta.app.server, port);
  await ta.app.mediators.add({ territory: 'demo', username: 'claire', name: 'Claire Coord', password: PASSWORD, role: 'coordinateur' });
});

afterAll(async () => {
  await browser?.close();
  await ta?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the coordinator sees the month\'s SMS, the warning at 80 %, and reminders stopped at 100 %', async () => {
  const { page, problems, context } = await openPage(browser, `${base}/mediator/admin/`, { expectStatus: /^401 .*\/api\/mediator\/me$/ });
  try {
    await ta.app.smsBudget.sent('demo', Array(8).fill('ok'));
    await page.getByLabel('Territoire').fill('demo');
    await page.getByLabel('Identifiant', { exact: true }).fill('claire');
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Budget SMS du mois' }).waitFor({ timeout: WAIT });
    const month = parisMonth(ta.app.now());
    expect(await page.locator('#pa-sms-budget-text').textContent()).toBe(`8 segments SMS envoyés sur 10 ce mois-ci (${month}).`);
    const alert = page.locator('#pa-sms-budget-alert');
    expect(await alert.isVisible()).toBe(true);
    expect(await alert.textContent()).toContain('80 % du budget SMS du mois est utilisé');

    await ta.app.smsBudget.sent('demo', ['ok', 'ok']);
    await ta.app.smsBudget.skipped('demo');
    await page.reload();
    await alert.filter({ hasText: 'Le budget SMS du mois est dépassé' }).waitFor({ timeout: WAIT });
    expect(await alert.textContent()).toBe('Le budget SMS du mois est dépassé. Les rappels ne partent plus (1 non envoyé). Les réponses aux habitants continuent.');
    expect(await page.locator('#pa-sms-budget-text').textContent()).toBe(`10 segments SMS envoyés sur 10 ce mois-ci (${month}).`);
    // The first /api/mediator/me (before signing in) is the expected 401; any other failing response is listed by URL.
    expect(problems.filter((p) => !/status of 401 \(Unauthorized\)/.test(p))).toEqual([]);
  } finally {
    await context.close();
  }
});
