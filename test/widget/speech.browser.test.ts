/**
 * Reading aloud in the widget (issue 22), in Debian's chromium through playwright-core against the real
 * app. The browser's speech synthesis is replaced before any page script runs (addInitScript, in every
 * frame) by a stand-in that records what would be spoken, with which voice, and every cancel: the test
 * checks what a citizen would hear, in order. Fails (does not skip) when chromium is missing.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { useWidgetApp } from '../helpers/browserApp';
import { ROOT } from '../../src/paths';

jest.setTimeout(120_000);

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const LAUNCHER = "Besoin d'aide pour une démarche ?";
const WAIT = 15_000;

interface FakeVoice {
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}
/** What the stand-in recorded: an utterance (text, lang, voice name) or a cancel. */
type Heard = { text: string; lang: string; voice: string | null; rate: number } | { cancel: true };

/** A network voice (its text would leave the device: never used), and local French and English ones. */
const VOICES: FakeVoice[] = [
  { name: 'Réseau français', lang: 'fr-FR', localService: false, default: true },
  { name: 'Amélie (locale)', lang: 'fr-FR', localService: true, default: false },
  { name: 'Daniel (local)', lang: 'en-GB', localService: true, default: false },
];

/** Runs in every frame before its scripts: the Web Speech API as a recorder. */
function installFakeSpeech(initial: FakeVoice[]): void {
  const w = window as unknown as Record<string, unknown>;
  const heard: unknown[] = [];
  let voices = initial;
  const listeners: Array<(e: Event) => void> = [];
  class Utterance {
    lang = '';
    voice: FakeVoice | null = null;
    rate = 1;
    onend: (() => void) | null = null;
    constructor(public text: string) {}
  }
  const synth = {
    speaking: false,
    pending: false,
    paused: false,
    getVoices: () => voices.slice(),
    speak: (u: Utterance) => heard.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null, rate: u.rate }),
    cancel: () => heard.push({ cancel: true }),
    pause: () => undefined,
    resume: () => undefined,
    addEventListener: (type: string, fn: (e: Event) => void) => {
      if (type === 'voiceschanged') listeners.push(fn);
    },
    removeEventListener: () => undefined,
  };
  w.__heard = heard;
  // Voices that load after the page, as browsers do.
  w.__setVoices = (next: FakeVoice[]) => {
    voices = next;
    for (const fn of listeners) fn(new Event('voiceschanged'));
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
}

let base: string;
let browser: Browser;

const env = useWidgetApp({ name: 'speech', secret: 'a-speech-test-secret-of-32-characters-or-more' });
beforeAll(() => {
  ({ base, browser } = env);
});

async function openDemo(voices: FakeVoice[], bypassCSP = false): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // bypassCSP: only to inject axe-core for the accessibility check.
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, bypassCSP });
  await context.addInitScript(installFakeSpeech, voices);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/`);
  return { context, page, problems };
}

async function openChat(page: Page): Promise<Frame> {
  await page.getByRole('button', { name: LAUNCHER }).click();
  const handle = await page.waitForSelector('iframe[title="Pas à pas — aide aux démarches"]', { timeout: WAIT });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  await frame.waitForSelector('#pp-log .pp-bot', { timeout: WAIT });
  return frame;
}

function waitForBot(frame: Frame, fragment: string, count = 1): Promise<unknown> {
  return frame.waitForFunction(
    ([f, n]) => Array.from(document.querySelectorAll('#pp-log .pp-bot')).filter((e) => (e.textContent ?? '').includes(f as string)).length >= (n as number),
    [fragment, count] as const,
    { timeout: WAIT },
  );
}

async function openMenu(frame: Frame): Promise<void> {
  const menu = frame.locator('#pp-menu');
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await frame.locator('#pp-menu-panel').waitFor({ state: 'visible', timeout: WAIT });
}

const heard = (frame: Frame): Promise<Heard[]> => frame.evaluate(() => (window as unknown as { __heard: Heard[] }).__heard.slice());
const forget = (frame: Frame): Promise<void> => frame.evaluate(() => void (window as unknown as { __heard: unknown[] }).__heard.splice(0));
/** What was said, as lines ("[stop]" for a cancel). */
const said = (list: Heard[]): string[] => list.map((h) => ('cancel' in h ? '[stop]' : h.text));

/** Wait until something said contains `fragment`. */
function waitHeard(frame: Frame, fragment: string): Promise<unknown> {
  return frame
    .waitForFunction((f) => (window as unknown as { __heard: Array<{ text?: string }> }).__heard.some((h) => (h.text ?? '').includes(f)), fragment, { timeout: WAIT })
    .catch(async (err: Error) => {
      throw new Error(`${err.message}\nwaiting to hear "${fragment}"; heard:\n${said(await heard(frame)).join('\n')}`);
    });
}

describe('reading aloud in the widget (chromium, speech synthesis recorded)', () => {
  it('"Écouter" reads a message then its answers with their numbers, with a local French voice; nothing is read unasked', async () => {
    const { context, page, problems } = await openDemo(VOICES);
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      // One visible "Écouter" per bot message with text, named for screen readers.
      const bubbles = await frame.locator('#pp-log .pp-bot').count();
      const listen = frame.getByRole('button', { name: 'Écouter ce message' });
      expect(await listen.count()).toBe(bubbles);
      expect(await listen.last().isVisible()).toBe(true);
      expect(await listen.last().textContent()).toBe('Écouter');
      expect(said(await heard(frame))).toEqual([]);

      // The menu message: its question, then each answer as the citizen could type it.
      const labels = (await frame.locator('.pp-actions').last().locator('button').allTextContents()).map((s) => s.trim());
      expect(labels.length).toBeGreaterThan(2);
      await listen.last().click();
      const first = await heard(frame);
      expect(first[0]).toEqual({ cancel: true }); // whatever was being read stops first
      const lines = said(first).slice(1);
      expect(lines).toContain('Que voulez-vous faire ?');
      const start = lines.indexOf('Réponses possibles :');
      expect(start).toBeGreaterThan(lines.indexOf('Que voulez-vous faire ?'));
      // The number said is the one the bot understands: "0" for a person (the menu's last button, not "8").
      expect(labels[labels.length - 1]).toBe('Parler à un conseiller');
      expect(lines.slice(start + 1)).toEqual(labels.map((l, i) => `${i === labels.length - 1 ? 0 : i + 1} : ${l}.`));
      // Only the local French voice, never the network one (nothing leaves the device).
      for (const h of first.slice(1)) expect(h).toMatchObject({ voice: 'Amélie (locale)', lang: 'fr-FR' });
      // No address is spelled out.
      for (const line of lines) expect(line).not.toMatch(/https?:|www\./);

      // The welcome: its privacy link is said with its words.
      await forget(frame);
      await listen.first().click();
      const welcome = said(await heard(frame)).join(' ');
      expect(welcome).toContain('Bonjour ! Je suis Pas à pas');
      expect(welcome).not.toMatch(/https?:|confidentialite/);

      // A second press on the message being read stops it.
      await forget(frame);
      await listen.first().click();
      expect(said(await heard(frame))).toEqual(['[stop]']);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('"Tout lire à voix haute" (aria-pressed, keyboard) reads each new answer in order, in the conversation\'s language; stops on send and close; kept after a reload but the history is not read again', async () => {
    const { context, page, problems } = await openDemo(VOICES);
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      await openMenu(frame);
      const toggle = frame.getByRole('button', { name: 'Tout lire à voix haute' });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      // Switched on: the latest message at once.
      await waitHeard(frame, 'Que voulez-vous faire ?');

      // Sending stops the reading at once, then the answer is read, sentence after sentence, then its answers.
      await forget(frame);
      await frame.locator('#pp-menu').click();
      await frame.locator('.pp-actions button:not([disabled])', { hasText: 'Me connecter avec FranceConnect' }).last().click();
      await waitForBot(frame, 'Je vous aide pour : Me connecter avec FranceConnect');
      await waitHeard(frame, "Oui, j'ai tout");
      const lines = said(await heard(frame));
      expect(lines[0]).toBe('[stop]');
      const shown = (await frame.locator('.pp-actions').last().locator('button').allTextContents()).map((s) => s.trim());
      const intro = lines.findIndex((l) => l.startsWith('Je vous aide pour : Me connecter avec FranceConnect'));
      const choices = lines.lastIndexOf('Réponses possibles :');
      expect(intro).toBeGreaterThan(0);
      expect(choices).toBeGreaterThan(intro);
      expect(lines.slice(choices + 1)).toEqual(shown.map((l, i) => `${i + 1} : ${l}.`));

      // In English (the guide goes on in English): the English voice, its answers with their numbers.
      await forget(frame);
      await openMenu(frame);
      const before = await frame.locator('#pp-log .pp-bot').count();
      await frame.getByRole('button', { name: 'English version' }).click();
      await frame.waitForFunction((n) => document.querySelectorAll('#pp-log .pp-bot').length > n, before, { timeout: WAIT });
      await frame.waitForFunction(() => document.documentElement.lang === 'en');
      const enShown = (await frame.locator('.pp-actions').last().locator('button').allTextContents()).map((s) => s.trim());
      await waitHeard(frame, `${enShown.length}: ${enShown[enShown.length - 1]}.`);
      const english = await heard(frame);
      expect(english[0]).toEqual({ cancel: true });
      const enLines = said(english);
      expect(enLines.slice(enLines.lastIndexOf('Possible answers:') + 1)).toEqual(enShown.map((l, i) => `${i + 1}: ${l}.`));
      for (const h of english.slice(1)) expect(h).toMatchObject({ voice: 'Daniel (local)', lang: 'en-GB' });

      // Closing the panel from the frame stops the reading; from the host page's launcher too.
      await forget(frame);
      await frame.locator('#pp-close').click();
      await page.locator('#pasapas-w-panel').waitFor({ state: 'hidden', timeout: WAIT });
      // (stopped by the frame, and again when the loader says the panel closed)
      expect([...new Set(said(await heard(frame)))]).toEqual(['[stop]']);
      await page.getByRole('button', { name: LAUNCHER }).click();
      await page.locator('#pasapas-w-panel').waitFor({ state: 'visible', timeout: WAIT });
      await forget(frame);
      await page.getByRole('button', { name: LAUNCHER }).click();
      await frame.waitForFunction(() => (window as unknown as { __heard: unknown[] }).__heard.length > 0, undefined, { timeout: WAIT });
      expect(said(await heard(frame))).toEqual(['[stop]']);

      // A reload: the setting is kept; the history shown again is not read aloud.
      await page.reload();
      const again = await openChat(page);
      await again.waitForFunction(() => document.querySelectorAll('#pp-log .pp-actions').length > 0, undefined, { timeout: WAIT });
      await openMenu(again);
      expect(await again.locator('#pp-readall').getAttribute('aria-pressed')).toBe('true');
      expect(said(await heard(again)).filter((l) => l !== '[stop]')).toEqual([]);
      // …and the next answer is.
      await again.locator('#pp-input').fill('menu');
      await again.locator('#pp-input').press('Enter');
      await waitForBot(again, 'What do you want to do?');
      await waitHeard(again, 'What do you want to do?');
      expect(said(await heard(again))[0]).toBe('[stop]');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('without a local voice there is no "Écouter" and no setting; voices that load later show them; accessible', async () => {
    const { context, page, problems } = await openDemo([{ name: 'Réseau français', lang: 'fr-FR', localService: false, default: true }], true);
    try {
      const frame = await openChat(page);
      await waitForBot(frame, 'Que voulez-vous faire ?');
      expect(await frame.locator('.pp-listen').count()).toBeGreaterThan(0);
      expect(await frame.getByRole('button', { name: 'Écouter ce message' }).count()).toBe(0); // not shown, not in the accessibility tree
      for (const b of await frame.locator('.pp-listen').all()) expect(await b.isVisible()).toBe(false);
      await openMenu(frame);
      expect(await frame.locator('#pp-readall').isVisible()).toBe(false);

      // An English voice only: still nothing for a French conversation.
      await frame.evaluate(() => (window as unknown as { __setVoices(v: unknown[]): void }).__setVoices([{ name: 'Daniel (local)', lang: 'en-GB', localService: true, default: true }]));
      expect(await frame.locator('#pp-readall').isVisible()).toBe(false);
      // A French one arrives (browsers load voices after the page).
      await frame.evaluate(() => (window as unknown as { __setVoices(v: unknown[]): void }).__setVoices([{ name: 'Amélie (locale)', lang: 'fr_FR', localService: true, default: false }]));
      await frame.locator('#pp-readall').waitFor({ state: 'visible', timeout: WAIT });
      expect(await frame.getByRole('button', { name: 'Écouter ce message' }).count()).toBeGreaterThan(0);
      await frame.getByRole('button', { name: 'Écouter ce message' }).last().click();
      await waitHeard(frame, 'Que voulez-vous faire ?');

      await frame.addScriptTag({ path: AXE });
      const violations = await frame.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map((v) => `${v.id} (${v.impact})`);
      });
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
