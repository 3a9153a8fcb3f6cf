/**
 * The setup the mediator console's browser tests share: the start-up of every browser test (./browserApp.ts:
 * chromium, the bundles, the real app on a free port) with the notifier running and the console mounted,
 * mediators of the demo territory, and — after each test — nobody left waiting, claimed or to be called back
 * (each test reads "n°1"). Plus the console's login and "En service".
 * Used by test/mediator/*.browser.test.ts; the citizen side is test/mediator/support.ts.
 */
import type { Page } from 'playwright-core';
import { mountConsole } from '../../src/mediator/consoleRoutes';
import { hasGetRoute } from '../widget/support';
import { useBrowserApp, type BrowserTestEnv } from './browserApp';

export const PASSWORD = 'un-mot-de-passe-assez-long';
export const WAIT = 15_000;

export type ConsoleTestEnv = BrowserTestEnv;

/**
 * Registers the suite's beforeAll / afterAll / afterEach; the returned object is filled in by beforeAll (read it
 * in the test file's own beforeAll or in the tests).
 */
export function useConsoleApp(opts: { name: string; secret: string; mediators: Array<[username: string, name: string]> }): ConsoleTestEnv {
  const env = useBrowserApp({
    name: opts.name,
    secret: opts.secret,
    notifier: true,
    // Until src/app.ts mounts the console itself, mount it here (same call as the lead's wiring).
    mount: (server, publicDir) => {
      if (!hasGetRoute(server, '/mediator/')) mountConsole(server, { publicDir });
    },
  });

  beforeAll(async () => {
    for (const [username, name] of opts.mediators) {
      await env.ta.app.mediators.add({ territory: 'demo', username, name, password: PASSWORD, role: 'mediateur' });
    }
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
