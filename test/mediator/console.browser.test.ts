/**
 * The mediator console in a real browser (Debian's chromium through playwright-core) against the
 * real app: a citizen on the web chat (plain Direct Line HTTP calls) asks for a "conseiller"; the
 * mediator, on duty, sees the request arrive (visible notice and a WebAudio beep), takes it, reads
 * the transcript, answers with a ready-made reply (put in the message box, then sent) and by typing, receives the citizen's answer, closes
 * with an outcome, and the bot takes over again. Also: login errors and rate limit, "déjà pris",
 * a lost lease, callbacks, the idle logout, axe-core, XSS payloads shown as text.
 * Fails (does not skip) when chromium is missing.
 */
import XSS_PAYLOADS from '../fixtures/xss-payloads.json';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { login, onDuty, useConsoleApp, WAIT } from '../helpers/consoleBrowser';
import { axeViolations, DirectLineCitizen, openPage, serious } from './support';

jest.setTimeout(120_000);

let ta: TestApp;
let base: string;
let browser: Browser;

const env = useConsoleApp({
  name: 'console',
  secret: 'a-console-test-secret-of-32-characters-or-more',
  mediators: [
    ['lea', 'Léa Martin'],
    ['sam', 'Sam Petit'],
    ['zoe', 'Zoé Durand'],
    ['noe', 'Noé Bernard'],
    ['ines', 'Inès Roux'],
    ['bloque', 'Compte Bloqué'],
  ],
});
beforeAll(() => ({ ta, base, browser } = env));

/** A citizen who walks a guide to step 2, then asks for a mediator and consents. */
async function citizenAsks(options: { guide?: boolean } = {}): Promise<DirectLineCitizen> {
  const c = new DirectLineCitizen(base);
  await c.start();
  await c.waitFor('Que voulez-vous faire ?');
  if (options.guide !== false) {
    await c.say('Me connecter avec FranceConnect');
    await c.waitFor('Vous avez tout ?');
    await c.say("Oui, j'ai tout");
    await c.waitFor('Étape 1 sur');
    await c.say('Oui');
    await c.waitFor('Étape 2 sur');
  }
  const n = c.received.length;
  await c.say('conseiller');
  await c.waitFor("Vous êtes d'accord ?", n);
  await c.say('oui');
  await c.waitFor('dans la file', n);
  return c;
}

function textOf(page: Page, selector: string): Promise<string> {
  return page.locator(selector).innerText();
}

describe('mediator console in chromium', () => {
  it('is served with its CSP and wired to the app', async () => {
    const r = await fetch(`${base}/mediator/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${base}/mediator/static/console.js`)).status).toBe(200);
  });

  it('login: labelled fields, errors announced, rate limit, no serious axe violation', async () => {
    const { context, page } = await openPage(browser, `${base}/mediator/`, { bypassCSP: true }); // only to inject axe-core
    try {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      expect(await page.title()).toBe('Pas à pas — console des médiateurs');
      const onLogin = await axeViolations(page);
      expect(serious(onLogin)).toEqual([]);
      process.stdout.write(`axe (all impacts) login page: ${JSON.stringify(onLogin)}\n`);

      // Empty → the error is in an alert region and the fields are marked.
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('alert').filter({ hasText: 'Remplissez le territoire' }).waitFor();
      expect(await page.getByLabel('Territoire').getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pc-territory');

      // Wrong password → 401 message, the password emptied and focused.
      await page.getByLabel('Territoire').fill('demo');
      await page.getByLabel('Identifiant').fill('lea');
      await page.getByLabel('Mot de passe').fill('pas le bon');
      await page.getByLabel('Mot de passe').press('Enter');
      await page.locator('#pc-login-error', { hasText: 'Territoire, identifiant ou mot de passe incorrect.' }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-login-error').getAttribute('role')).toBe('alert');
      expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pc-password');

      // Too many attempts → 429 with Retry-After, said in minutes.
      await page.getByLabel('Identifiant').fill('bloque');
      for (let i = 0; i < 6; i++) {
        await page.getByLabel('Mot de passe').fill(`faux-${i}`);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForFunction(() => !(document.getElementById('pc-login-submit') as HTMLButtonElement).disabled && document.getElementById('pc-login-error')!.textContent !== '');
      }
      await page.locator('#pc-login-error', { hasText: "Trop d'essais. Réessayez dans 15 min." }).waitFor({ timeout: WAIT });

      // Nothing about the session is kept in localStorage; the territory is remembered for next time.
      await login(page, 'lea', 'Léa Martin');
      const stored = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
      expect(stored.local).not.toMatch(/csrf/i);
      expect(stored.session).toMatch(/csrf/i);
      expect(JSON.parse(stored.local)['pasapas:mediator:territory']).toBe('demo');
      // The cookie is HttpOnly: invisible to scripts.
      expect(await page.evaluate(() => document.cookie)).not.toContain('pasapas_session');
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.locator('#pc-login-status', { hasText: 'La session est fermée.' }).waitFor({ timeout: WAIT });
      expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toMatch(/csrf/i);
      expect(await page.getByLabel('Territoire').inputValue()).toBe('demo');
    } finally {
      await context.close();
    }
  });

  it('takes a citizen from the queue, chats on their channel, closes with an outcome; the bot takes over', async () => {
    const { context, page, problems, dialogs } = await openPage(browser, `${base}/mediator/`);
    try {
      // Count the beeps (OscillatorNode.start) without touching the console's code.
      await page.addInitScript(() => {
        const w = window as unknown as { __beeps: number };
        w.__beeps = 0;
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
          w.__beeps++;
          return start.apply(this, args);
        };
      });
      // "attend depuis …" compares the browser's clock with the app's fixed test clock: make them agree
      // (otherwise this fails whenever the real time is a minute or more past the test clock).
      await page.clock.setFixedTime(ta.clock.now);
      await page.reload();
      await login(page, 'lea', 'Léa Martin');
      expect(await page.getByRole('radio', { name: 'Hors service' }).isChecked()).toBe(true);
      await onDuty(page); // before the citizen asks: presence decides whether a mediator is offered
      expect(await page.locator('#pc-waiting-empty').isVisible()).toBe(true);

      const citizen = await citizenAsks();

      // The request appears live: a visible notice (role=status) and a beep.
      const notice = page.locator('#pc-notice');
      await notice.filter({ hasText: 'Nouvelle demande' }).waitFor({ timeout: WAIT });
      expect(await notice.getAttribute('role')).toBe('status');
      expect(await notice.innerText()).toMatch(/Nouvelle demande : .*FranceConnect.* · étape 2\/\d+ · site web · français/);
      await page.waitForFunction(() => (window as unknown as { __beeps: number }).__beeps > 0, undefined, { timeout: WAIT });
      const item = page.locator('#pc-waiting li').first();
      const shown = await item.innerText();
      expect(shown).toMatch(/n°1 · étape 2\/\d+ · site web · français/);
      expect(shown).toContain("bloqué à l'étape 2/");
      expect(shown).toContain("attend depuis moins d'1 min");
      expect(await page.title()).toBe('(1) Pas à pas — console des médiateurs');

      // Muting stops the beeps, and is kept on this computer.
      await page.getByLabel('Son des alertes').uncheck();
      expect(await page.evaluate(() => localStorage.getItem('pasapas:mediator:sound'))).toBe('off');

      await page.getByRole('button', { name: 'Prendre la demande n°1' }).click();
      await page.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pc-chat-title');
      expect(await textOf(page, '#pc-chat-step')).toMatch(/bloqué à l'étape 2\//);
      // What happened before: the citizen's words and the bot's, masked, as text.
      const before = await textOf(page, '#pc-transcript');
      expect(before).toContain('Personne :');
      expect(before).toContain('conseiller');
      expect(before).toContain('Pas à pas :');
      expect(await page.locator('#pc-mine li').count()).toBe(1);
      expect(await page.locator('#pc-waiting li').count()).toBe(0);
      await citizen.waitFor('Un conseiller vous répond');

      // A ready-made reply: one click puts it in the message box (never sends it); sent, it reaches the citizen.
      let n = citizen.received.length;
      await page.getByRole('button', { name: 'Mettre dans le message : Un instant' }).click();
      expect(await page.getByLabel('Votre message').inputValue()).toBe("Je regarde votre dossier. Un instant, s'il vous plaît.");
      await page.getByRole('button', { name: 'Envoyer' }).click();
      expect(await citizen.waitFor('Conseiller : Je regarde votre dossier.', n)).toBe("Conseiller : Je regarde votre dossier. Un instant, s'il vous plaît.");
      await page.locator('#pc-messages .pc-from-mediator', { hasText: 'Je regarde votre dossier.' }).waitFor({ timeout: WAIT });

      // The citizen answers: it shows in the chat pane, not answered by the bot.
      n = citizen.received.length;
      await citizen.say("D'accord, merci. J'ouvre ma boîte e-mail.");
      await page.locator('#pc-messages .pc-from-citizen', { hasText: "D'accord, merci. J'ouvre ma boîte e-mail." }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-messages .pc-from-citizen .pc-who').first().innerText()).toBe('Personne :');

      // Typed, sent with Enter.
      await page.getByLabel('Votre message').fill('Cliquez sur le lien du message, puis revenez ici.');
      await page.getByLabel('Votre message').press('Enter');
      await citizen.waitFor('Conseiller : Cliquez sur le lien du message, puis revenez ici.', n);
      expect(await page.getByLabel('Votre message').inputValue()).toBe('');
      expect(citizen.received.slice(n).filter((m) => !m.startsWith('Conseiller :'))).toEqual([]); // the bot stayed quiet

      // A reload keeps the session (this tab) and the open conversation, rebuilt with its history and messages.
      await page.reload();
      await page.getByText('Léa Martin — demo').waitFor({ timeout: WAIT });
      expect(await page.getByLabel('Son des alertes').isChecked()).toBe(false);
      await page.locator('#pc-messages .pc-from-citizen', { hasText: "D'accord, merci. J'ouvre ma boîte e-mail." }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-messages .pc-msg').count()).toBe(3);
      expect(await textOf(page, '#pc-transcript')).toBe(before);

      // Terminer asks the outcome first.
      await page.getByRole('button', { name: 'Terminer' }).click();
      const outcomes = page.getByRole('group', { name: "Comment ça s'est terminé ?" });
      for (const label of ['Fait pour la personne', 'Fait avec la personne', 'La personne est autonome', 'Non résolu']) {
        expect(await outcomes.getByRole('radio', { name: label }).count()).toBe(1);
      }
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.locator('#pc-close-error', { hasText: "Choisissez comment ça s'est terminé." }).waitFor();
      await outcomes.getByRole('radio', { name: 'Fait avec la personne' }).check();
      await page.getByLabel('Note (facultatif)').fill('Code reçu et saisi ensemble.');
      n = citizen.received.length;
      await page.getByRole('button', { name: 'Valider' }).click();
      await notice.filter({ hasText: 'Conversation terminée' }).waitFor({ timeout: WAIT });
      await citizen.waitFor('Le conseiller a terminé.', n);
      expect(await page.locator('#pc-mine li').count()).toBe(0);
      expect(await page.locator('#pc-chat-body').isHidden()).toBe(true);
      const record = (await ta.app.queue.events('demo', '0', 100_000)).filter((e) => e.transition === 'close').pop();
      expect((await ta.app.queue.get('demo', record!.id))?.outcome).toBe('fait-avec');

      // The bot answers again.
      n = citizen.received.length;
      await citizen.say('menu');
      await citizen.waitFor('Que voulez-vous faire ?', n);

      // Muted: the next request shows, silently.
      const beeps = await page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);
      await citizenAsks({ guide: false });
      await notice.filter({ hasText: 'Nouvelle demande : A demandé un conseiller' }).waitFor({ timeout: WAIT });
      expect(await page.evaluate(() => (window as unknown as { __beeps: number }).__beeps)).toBe(beeps);

      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has no serious axe violation while working; callbacks in Paris time; visible focus', async () => {
    const callAt = Date.UTC(2026, 10, 28, 13, 0);
    await ta.app.queue.requestCallback({
      territory: 'demo',
      citizenKey: 'rappel-test',
      reference: {},
      channel: 'sms',
      locale: 'fr-FR',
      reason: 'command',
      guideTitle: 'Demander ma retraite en ligne',
      stepNumber: 3,
      stepTotal: 7,
      transcript: [],
      phone: '06 12 34 56 78',
      callAt,
    }, ta.app.now());
    const { context, page } = await openPage(browser, `${base}/mediator/`, { bypassCSP: true });
    try {
      await login(page, 'sam', 'Sam Petit');
      await onDuty(page);
      const citizen = await citizenAsks();
      await page.getByRole('button', { name: 'Prendre la demande n°1' }).click();
      await page.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
      await citizen.say("Je ne trouve pas le bouton");
      await page.locator('#pc-messages .pc-from-citizen').waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Terminer' }).click();

      const cb = page.locator('#pc-callbacks li').first();
      await cb.waitFor({ timeout: WAIT });
      const text = await cb.innerText();
      expect(text).toContain('À rappeler samedi 28 novembre à 14:00');
      expect(text).toContain('06 12 34 56 78');
      expect(text).toContain('Demander ma retraite en ligne · étape 3/7');
      expect(await cb.getByRole('link', { name: '06 12 34 56 78' }).getAttribute('href')).toBe('tel:0612345678');

      const working = await axeViolations(page);
      process.stdout.write(`axe (all impacts) working console: ${JSON.stringify(working)}\n`);
      expect(serious(working)).toEqual([]);

      // Keyboard: every control reached by Tab shows a focus outline of at least 2 px.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.click(1, 1); // in the header, just after the skip link
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('pc-skip');
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const info = await page.evaluate(() => {
          const e = document.activeElement as HTMLElement;
          const st = getComputedStyle(e);
          return { name: e.id || e.textContent?.trim().slice(0, 30) || e.tagName, outline: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 };
        });
        seen.push(info.name);
        expect(`${info.name}: ${info.outline}`).toBe(`${info.name}: true`);
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement === document.body)) break;
      }
      for (const id of ['pc-on', 'pc-sound', 'pc-logout', 'pc-input', 'pc-send', 'pc-release', 'pc-finish']) expect(seen).toContain(id);

      // "Rappel fait" asks the outcome, then the callback leaves the list.
      await cb.getByRole('button', { name: 'Rappel fait : 06 12 34 56 78' }).click();
      await cb.getByRole('radio', { name: 'Fait pour la personne' }).check();
      await cb.getByRole('button', { name: 'Valider' }).click();
      await page.locator('#pc-notice', { hasText: 'Rappel noté comme fait.' }).waitFor({ timeout: WAIT });
      await page.locator('#pc-callbacks-empty').waitFor({ state: 'visible' });
    } finally {
      await context.close();
    }
  });

  it('shows 50 XSS payloads, from the citizen and typed by the mediator, as text and runs none of them', async () => {
    const payloads = XSS_PAYLOADS;
    expect(payloads).toHaveLength(50);
    const { context, page, problems, dialogs } = await openPage(browser, `${base}/mediator/`);
    try {
      await login(page, 'zoe', 'Zoé Durand');
      await onDuty(page);
      const c = new DirectLineCitizen(base);
      await c.start();
      await c.say(payloads[0]); // before the handoff: in the transcript
      await c.say('conseiller');
      await c.waitFor("Vous êtes d'accord ?");
      await c.say('oui');
      await c.waitFor('dans la file');
      await page.getByRole('button', { name: 'Prendre la demande n°1' }).click();
      await page.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
      for (const p of payloads) await c.say(p);
      await page.waitForFunction((n) => document.querySelectorAll('#pc-messages .pc-from-citizen').length >= n, payloads.length, { timeout: WAIT });
      expect(await page.locator('#pc-messages .pc-from-citizen p').allInnerTexts()).toEqual(payloads);
      expect(await textOf(page, '#pc-transcript')).toContain(payloads[0]);
      const active = 'img, svg, iframe, script, a, details, input, style, object, embed, form, select, textarea, marquee, audio, video, base, meta, link';
      expect(await page.locator(`#pc-messages :is(${active}), #pc-transcript :is(${active})`).count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      // The mediator types them back: shown as text in the console, sent as text to the citizen.
      for (const p of payloads) {
        await page.locator('#pc-input').fill(p);
        await page.locator('#pc-input').press('Enter');
      }
      await page.waitForFunction((n) => document.querySelectorAll('#pc-messages .pc-from-mediator').length >= n, payloads.length, { timeout: WAIT });
      expect(await page.locator('#pc-messages .pc-from-mediator p').allInnerTexts()).toEqual(payloads);
      expect(await page.locator(`#pc-messages :is(${active})`).count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says "Déjà pris par un collègue" on a lost race, and tells when a lease is lost', async () => {
    // A console whose live events are cut: its queue is as old as its last refresh.
    const citizen = await citizenAsks({ guide: false });
    const { context, page } = await openPage(browser, `about:blank`);
    try {
      await context.route('**/api/mediator/events', (route) => route.abort());
      await page.goto(`${base}/mediator/`);
      await login(page, 'noe', 'Noé Bernard');
      const take = page.getByRole('button', { name: 'Prendre la demande n°1' });
      await take.waitFor({ timeout: WAIT });
      const [waiting] = await ta.app.queue.waiting('demo');
      await ta.app.queue.claim('demo', waiting.id, 'demo:sam', 90_000, ta.app.now()); // a colleague was faster
      await take.click();
      await page.locator('#pc-alert', { hasText: 'Déjà pris par un collègue' }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-alert').getAttribute('role')).toBe('alert');
      await page.locator('#pc-waiting-empty').waitFor({ state: 'visible', timeout: WAIT });
      expect(citizen.conversationId).toBeTruthy();
    } finally {
      await context.close();
    }

    // Live events again: the colleague's lease runs out, the handoff comes back, Noé takes it,
    // then loses it too (no heartbeat can save a lease once the clock has passed it).
    const second = await openPage(browser, `${base}/mediator/`);
    try {
      const page2 = second.page;
      await login(page2, 'noe', 'Noé Bernard');
      ta.clock.advance(100_000); // past the colleague's 90 s lease: the notifier puts it back at the head
      const take = page2.getByRole('button', { name: 'Prendre la demande n°1' });
      await take.waitFor({ timeout: WAIT });
      await take.click();
      await page2.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
      ta.clock.advance(100_000);
      await page2.locator('#pc-alert', { hasText: 'Cette conversation ne vous est plus attribuée' }).waitFor({ timeout: 30_000 });
      expect(await page2.locator('#pc-chat-body').isHidden()).toBe(true);
      expect(await page2.locator('#pc-mine li').count()).toBe(0);
    } finally {
      await second.context.close();
    }
  });

  it('warns before logging out an idle computer, stays on request, then logs out and forgets everything', async () => {
    const { context, page } = await openPage(browser, 'about:blank');
    try {
      await page.clock.install();
      await page.goto(`${base}/mediator/`);
      await login(page, 'ines', 'Inès Roux');
      await onDuty(page);
      const me = (await page.evaluate(() => fetch('/api/mediator/me').then((r) => r.json()))) as { idleTimeoutSeconds: number };
      const idle = me.idleTimeoutSeconds * 1000;

      await page.clock.fastForward(idle - 60_000 + 500);
      const dialog = page.getByRole('alertdialog', { name: 'Toujours là ?' });
      await dialog.waitFor({ timeout: WAIT });
      expect(await dialog.innerText()).toContain('La session se ferme dans 60 secondes');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pc-stay');
      await dialog.getByRole('button', { name: 'Garder la session ouverte' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.clock.fastForward(idle - 60_000 + 500);
      await dialog.waitFor({ timeout: WAIT });
      await page.clock.fastForward(61_000);
      await page.locator('#pc-login-status', { hasText: "La session a été fermée car l'ordinateur n'était plus utilisé." }).waitFor({ timeout: WAIT });
      expect(await page.locator('#pc-work').isHidden()).toBe(true);
      expect(await page.locator('#pc-identity').innerText()).toBe('');
      expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toMatch(/csrf/i);
      // The server session is over too.
      expect(await page.evaluate(() => fetch('/api/mediator/me').then((r) => r.status))).toBe(401);
    } finally {
      await context.close();
    }
  });
});
