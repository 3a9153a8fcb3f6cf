/**
 * The setup the mediator console's browser tests share: Debian's chromium (launched first, so a missing chromium
 * fails every test), the widget and console bundles built into a temporary directory, the real app on a free port
 * with the notifier running, mediators of the demo territory, and — after each test — nobody left waiting, claimed
 * or to be called back (each test reads "n°1"). Plus the console's login and "En service".
 * Used by test/mediator/*.browser.test.ts; the citizen side is test/mediator/support.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './app';
import { buildWidget } from '../../src/widget/build';
import { mountConsole } from '../../src/mediator/consoleRoutes';
import { freePort, hasGetRoute, listen } from '../widget/support';
import { launchChromium } from '../mediator/support';

export const PASSWORD = 'un-mot-de-passe-assez-long';
export const WAIT = 15_000;

export interface ConsoleTestEnv {
  ta: TestApp;
  base: string;
  browser: Browser;
}

/**
 * Registers the suite's beforeAll / afterAll / afterEach; the returned object is filled in by beforeAll (read it
 * in the test file's own beforeAll or in the tests).
 */
export function useConsoleApp(opts: { name: string; secret: string; mediators: Array<[username: string, name: string]> }): ConsoleTestEnv {
  const env = {} as ConsoleTestEnv;
  let dir: string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `pasapas-${opts.name}-`));
    env.browser = await launchChromium(); // first: a missing chromium fails every test here
    await buildWidget(dir);
    const port = await freePort();
    env.base = `http://127.0.0.1:${port}`;
    env.ta = await startTestApp({ notifier: true, env: { PUBLIC_BASE_URL: env.base, DIRECTLINE_TOKEN_SECRET: opts.secret }, publicDir: dir });
    // Until src/app.ts mounts the console itself, mount it here (same call as the lead's wiring).
    if (!hasGetRoute(env.ta.app.server, '/mediator/')) mountConsole(env.ta.app.server, { publicDir: dir });
    await listen(env.ta.app.server, port);
    for (const [username, name] of opts.mediators) {
      await env.ta.app.mediators.add({ territory: 'demo', username, name, password: PASSWORD, role: 'mediateur' });
    }
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.ta?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Nobody left waiting, claimed or to be called back between tests (each test reads "n°1"). */
  afterEach(async () => {
    if (!env.ta) return;
    const q = env.ta.app.queue;
    const now = env.ta.app.now();
    for (const r of await q.waiting('demo')) await q.cancel('demo', r.id, now).catch(() => undefined);
    for (const e of await q.events('demo', '0', 100_000)) {
      if (e.transition !== 'claim') continue;
      const r = await q.get('demo', e.id);
      if (r?.state !== 'with_mediator' || !r.mediatorId) continue;
      const lease = await q.leaseOf('demo', r.id, r.mediatorId);
      if (lease) await q.close('demo', r.id, lease, 'non-resolu', '', now).catch(() => undefined);
    }
    for (const r of await q.callbacks('demo')) await q.callbackDone('demo', r.id, 'fait-pour', 'test', now).catch(() => undefined);
  });

  return env;
}

/** Log in to the console of the demo territory and wait for the mediator's name. */
export async function login(page: Page, username: string, name: string): Promise<void> {
  await page.getByLabel('Territoire').fill('demo');
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText(`${name} — demo`).waitFor({ timeout: WAIT });
}

/** "En service", confirmed by the console. */
export async function onDuty(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'En service' }).check();
  await page.locator('#pc-notice', { hasText: 'Vous êtes en service' }).waitFor({ timeout: WAIT });
}

/**
 * Take the first request of the queue; its conversation opens. Waits until the console lists one more conversation
 * of the mediator's and one request fewer in the queue: the conversation title alone may still be there from an
 * earlier conversation, and a next take could click a request the console had not yet removed.
 */
export async function take(page: Page): Promise<void> {
  const mine = await page.locator('#pc-mine li').count();
  await page.locator('#pc-waiting li').first().waitFor({ timeout: WAIT });
  const waiting = await page.locator('#pc-waiting li').count();
  await page.getByRole('button', { name: 'Prendre la demande n°1' }).click();
  await page.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
  await page.waitForFunction(
    ([m, w]) => document.querySelectorAll('#pc-mine li').length === m && document.querySelectorAll('#pc-waiting li').length < w,
    [mine + 1, waiting],
    { timeout: WAIT },
  );
}
