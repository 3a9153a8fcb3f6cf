/**
 * Shared by the console's browser tests: Debian's chromium through playwright-core (fails, never
 * skips, when it is missing), axe-core, a page that records CSP violations and errors, and a
 * citizen who talks to the bot over plain Direct Line HTTP calls (docs/directline.md).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../src/paths';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors, CSP reports, page errors, HTTP ≥ 400 (except the expected ones). */
  problems: string[];
  dialogs: string[];
}

export async function openPage(browser: Browser, url: string, options: { bypassCSP?: boolean; expectStatus?: RegExp } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: options.bypassCSP ?? false, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !(options.expectStatus?.test(`${r.status()} ${r.url()}`) ?? false)) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { context, page, problems, dialogs };
}

export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

export const serious = (list: Array<{ impact: string }>) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical');

interface DlActivity {
  type: string;
  text?: string;
  from?: { id?: string; role?: string };
}

/** A citizen on the web chat, driven by HTTP calls only (no browser). */
export class DirectLineCitizen {
  private token = '';
  private userId = '';
  conversationId = '';
  private watermark = '';
  /** Every bot message text received so far, in order. */
  readonly received: string[] = [];

  constructor(
    private readonly base: string,
    private readonly territory = 'demo',
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: T }> {
    const res = await fetch(`${this.base}/v3/directline${path}`, {
      method,
      headers: { ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  }

  async start(): Promise<void> {
    const gen = await this.call<{ token: string; conversationId: string }>('POST', '/tokens/generate', { territory: this.territory }, { origin: this.base });
    this.token = gen.json.token;
    this.conversationId = gen.json.conversationId;
    const payload = JSON.parse(Buffer.from(this.token.split('.')[1], 'base64url').toString('utf8')) as { user: string };
    this.userId = payload.user;
    await this.call('POST', '/conversations');
    await this.poll();
  }

  async say(text: string): Promise<void> {
    await this.call('POST', `/conversations/${encodeURIComponent(this.conversationId)}/activities`, { type: 'message', from: { id: this.userId }, text, locale: 'fr-FR' });
    await this.poll();
  }

  /** A Direct Line `typing` activity, as Web Chat sends while the citizen types. */
  async typing(): Promise<void> {
    await this.call('POST', `/conversations/${encodeURIComponent(this.conversationId)}/activities`, { type: 'typing', from: { id: this.userId } });
  }

  /** GET /activities after the watermark; new bot messages are added to `received`. */
  async poll(): Promise<string[]> {
    const q = this.watermark ? `?watermark=${encodeURIComponent(this.watermark)}` : '';
    const r = await this.call<{ activities: DlActivity[]; watermark: string }>('GET', `/conversations/${encodeURIComponent(this.conversationId)}/activities${q}`);
    this.watermark = r.json.watermark ?? this.watermark;
    const fresh = r.json.activities.filter((a) => a.type === 'message' && (a.from?.role === 'bot' || a.from?.role === 'mediator')).map((a) => a.text ?? '');
    this.received.push(...fresh);
    return fresh;
  }

  /** Wait for a bot message containing `fragment` (among those received after `from`). */
  async waitFor(fragment: string, from = 0, timeoutMs = 15_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.slice(from).find((m) => m.includes(fragment));
      if (hit !== undefined) return hit;
      if (Date.now() > until) throw new Error(`the citizen never received "${fragment}"; received:\n${this.received.slice(-8).join('\n---\n')}`);
      await new Promise((r) => setTimeout(r, 100));
      await this.poll();
    }
  }
}
