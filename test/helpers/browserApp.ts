/**
 * The start-up every browser test against the real app shares: Debian's chromium (launched first, so a missing
 * chromium fails every test), the widget and console bundles built into a temporary directory, the real app on a
 * free port with its public address, then everything closed and removed after the suite.
 * The widget's tests use `useWidgetApp` (the widget mounted: the demo page, /chat); the console's build on
 * `useBrowserApp` in ./consoleBrowser.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'restify';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from './app';
import { buildWidget } from '../../src/widget/build';
import { mountWidget } from '../../src/widget/routes';
import { freePort, hasGetRoute, listen } from '../widget/support';
import { launchChromium } from '../mediator/support';

export interface BrowserTestEnv {
  ta: TestApp;
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
}

export interface BrowserAppOptions {
  /** Part of the temporary directory's name. */
  name: string;
  /** DIRECTLINE_TOKEN_SECRET (32 characters or more). */
  secret: string;
  /** More settings for the app. */
  env?: Record<string, string>;
  /** Run the notifier (the console's tests). */
  notifier?: boolean;
  /** Mount what the app does not mount itself yet (same call as the lead's wiring), before it listens. */
  mount?: (server: Server, publicDir: string, ta: TestApp) => void;
}

/**
 * Registers the suite's beforeAll / afterAll; the returned object is filled in by beforeAll (read it in the test
 * file's own beforeAll or in the tests).
 */
export function useBrowserApp(opts: BrowserAppOptions): BrowserTestEnv {
  const env = {} as BrowserTestEnv;
  let dir: string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `pasapas-${opts.name}-`));
    env.browser = await launchChromium(); // first: a missing chromium fails every test here
    await buildWidget(dir);
    const port = await freePort();
    env.base = `http://127.0.0.1:${port}`;
    env.ta = await startTestApp({
      ...(opts.notifier ? { notifier: true } : {}),
      env: { PUBLIC_BASE_URL: env.base, DIRECTLINE_TOKEN_SECRET: opts.secret, ...opts.env },
      publicDir: dir,
    });
    opts.mount?.(env.ta.app.server, dir, env.ta);
    await listen(env.ta.app.server, port);
  });

  afterAll(async () => {
    await env.browser?.close();
    await env.ta?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return env;
}

/** The real app with the widget (the demo territory's page at /, the chat at /chat), in French. */
export function useWidgetApp(opts: Omit<BrowserAppOptions, 'mount' | 'notifier'>): BrowserTestEnv {
  return useBrowserApp({
    ...opts,
    // Until the app mounts the widget itself, mount it here (same call as the lead's wiring).
    mount: (server, publicDir, ta) => {
      if (!hasGetRoute(server, '/widget.js')) mountWidget(server, { territories: ta.app.territories, publicDir, locale: 'fr' });
    },
  });
}
