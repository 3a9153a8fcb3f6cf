/**
 * Issue 19, in Debian's chromium against the real app, both sides in a browser: a citizen on the widget (full page)
 * and mediators on the console. A photo sent from the widget during a handoff shows in the console as a thumbnail
 * (loaded with the mediator's session) that opens full size; the bot does not answer it. A voice note shows as an
 * <audio controls> player with its transcript under it (issue 22).
 * Fails (does not skip) when chromium is missing.
 */
import type { Frame, Page } from 'playwright-core';
import { login, onDuty, useConsoleApp, WAIT, take } from '../helpers/consoleBrowser';
import { openPage } from './support';

jest.setTimeout(120_000);

const env = useConsoleApp({
  name: 'inbox-tools',
  secret: 'an-inbox-tools-test-secret-of-32-characters-or-more',
  mediators: [
    ['lea', 'Léa Martin'],
    ['sam', 'Sam Petit'],
    ['ines', 'Inès Roux'],
    ['noe', 'Noé Bernard'],
    ['ana', 'Ana Costa'],
  ],
});

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

function waitForBot(frame: Frame, fragment: string): Promise<unknown> {
  return frame.waitForFunction((f) => Array.from(document.querySelectorAll('#pp-log .pp-bot')).some((e) => (e.textContent ?? '').includes(f)), fragment, { timeout: WAIT });
}

async function send(frame: Frame, text: string): Promise<void> {
  await frame.locator('#pp-input').fill(text);
  await frame.locator('#pp-input').press('Enter');
}

/** The citizen, on the widget's full page, asks for a person and consents. */
async function citizenOnWidget(page: Page): Promise<Frame> {
  await page.goto(`${env.base}/chat?territory=demo`);
  const frame = page.mainFrame();
  await waitForBot(frame, 'Que voulez-vous faire ?');
  await send(frame, 'conseiller');
  await waitForBot(frame, "Vous êtes d'accord ?");
  await send(frame, 'oui');
  await waitForBot(frame, 'dans la file');
  return frame;
}


describe('the mediator inbox tools in chromium (issue 19)', () => {
  it('a photo from the widget reaches the console as a thumbnail that opens full size', async () => {
    const mediator = await openPage(env.browser, `${env.base}/mediator/`);
    const citizenContext = await env.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    try {
      const { page, problems } = mediator;
      await login(page, 'lea', 'Léa Martin');
      await onDuty(page);
      const citizenPage = await citizenContext.newPage();
      const widget = await citizenOnWidget(citizenPage);
      await take(page);
      await waitForBot(widget, 'Un conseiller vous répond');

      const botsBefore = await widget.locator('#pp-log .pp-bot').count();
      const [chooser] = await Promise.all([citizenPage.waitForEvent('filechooser'), widget.getByRole('button', { name: 'Envoyer une photo' }).click()]);
      await chooser.setFiles({ name: 'ecran-caf.png', mimeType: 'image/png', buffer: PNG });
      await widget.locator('.pp-user', { hasText: 'Photo envoyée' }).waitFor({ timeout: WAIT });

      // The console: a thumbnail in the person's message, loaded (with this session's cookie).
      const thumbnail = page.locator('#pc-messages .pc-from-citizen img.pc-photo');
      await thumbnail.waitFor({ timeout: WAIT });
      await page.waitForFunction(() => (document.querySelector('#pc-messages img.pc-photo') as HTMLImageElement | null)?.naturalWidth === 1, undefined, { timeout: WAIT });
      expect(await thumbnail.getAttribute('alt')).toBe('Photo envoyée par la personne — Voir la photo en grand (nouvel onglet)');

      // A click opens it full size in a new tab: the image itself, for this mediator.
      const [full] = await Promise.all([page.context().waitForEvent('page'), thumbnail.click()]);
      await full.waitForLoadState();
      expect(full.url()).toMatch(new RegExp(`^${env.base}/api/mediator/handoffs/[0-9a-f-]{36}/photos/0$`));
      expect(await full.evaluate(() => document.contentType)).toBe('image/png');
      expect(await full.evaluate(() => (document.querySelector('img') as HTMLImageElement | null)?.naturalWidth)).toBe(1);
      await full.close();

      // The same URL in a browser without the mediator's session: refused.
      const stranger = await env.browser.newContext();
      try {
        const r = await stranger.request.get(full.url());
        expect(r.status()).toBe(401);
      } finally {
        await stranger.close();
      }
      // The bot said nothing about the photo to the citizen: the mediator has the conversation.
      await citizenPage.waitForTimeout(500);
      expect(await widget.locator('#pp-log .pp-bot').count()).toBe(botsBefore);
      expect(problems).toEqual([]);
    } finally {
      await mediator.context.close();
      await citizenContext.close();
    }
  });

  it('a voice note shows as an <audio controls> player with its transcript under it (issue 22)', async () => {
    const mediator = await openPage(env.browser, `${env.base}/mediator/`);
    const citizenContext = await env.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    try {
      const { page, problems } = mediator;
      await login(page, 'ana', 'Ana Costa'); // one mediator per test: each stays on duty afterwards
      await onDuty(page);
      const widget = await citizenOnWidget(await citizenContext.newPage());
      const [record] = await env.ta.app.queue.waiting('demo');
      await take(page);
      await waitForBot(widget, 'Un conseiller vous répond');
      // This app has no WhatsApp account (test/mediator/voiceAudio.test.ts sends a real one through the channel and
      // plays it): the message as the handoff dialog stores it for a WhatsApp voice note.
      await env.ta.app.queue.addMessage('demo', record.id, {
        at: env.ta.app.now(),
        from: 'citizen',
        text: "[Message vocal, transcrit automatiquement ; écoutez l'audio pour vérifier] Je n'arrive pas à ouvrir le lien",
        audio: { channel: 'whatsapp', address: '109876543210', id: '1003383421387256', contentType: 'audio/ogg' },
      });
      const player = page.locator('#pc-messages .pc-from-citizen audio.pc-audio');
      await player.waitFor({ timeout: WAIT });
      expect(await player.evaluate((a: HTMLAudioElement) => ({ controls: a.controls, preload: a.preload, label: a.getAttribute('aria-label'), src: a.getAttribute('src') }))).toEqual({
        controls: true,
        preload: 'none', // the provider is asked only when the mediator presses play
        label: 'Message vocal de la personne',
        src: `/api/mediator/handoffs/${record.id}/audio/0`,
      });
      // The transcript right under the player, in the same message.
      expect(await player.evaluate((a) => a.nextElementSibling?.textContent)).toBe("[Message vocal, transcrit automatiquement ; écoutez l'audio pour vérifier] Je n'arrive pas à ouvrir le lien");
      expect(problems).toEqual([]);
    } finally {
      await mediator.context.close();
      await citizenContext.close();
    }
  });

  it('a note stays in the team: shown in the console (also after a reload), never to the person', async () => {
    const mediator = await openPage(env.browser, `${env.base}/mediator/`);
    const citizenContext = await env.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    try {
      const { page, problems } = mediator;
      await login(page, 'sam', 'Sam Petit');
      await onDuty(page);
      const citizenPage = await citizenContext.newPage();
      const widget = await citizenOnWidget(citizenPage);
      await take(page);
      await waitForBot(widget, 'Un conseiller vous répond');
      const botsBefore = await widget.locator('#pp-log .pp-bot').count();

      // Folded by default (the message box stays in view); opened, it says the person never sees the notes.
      const tools = page.locator('#pc-tools');
      expect(await tools.getAttribute('open')).toBeNull();
      await page.locator('#pc-notes-summary').click();
      await page.locator('#pc-notes-empty', { hasText: 'la personne ne les voit jamais' }).waitFor({ timeout: WAIT });
      await page.getByLabel('Nouvelle note interne').fill('A déjà un compte Ameli. Son numéro : 06 12 34 56 78.');
      await page.getByRole('button', { name: 'Ajouter la note' }).click();
      await page.locator('#pc-note-status', { hasText: 'Note ajoutée.' }).waitFor({ timeout: WAIT });
      const note = page.locator('#pc-notes li');
      await note.waitFor({ timeout: WAIT });
      expect(await note.locator('.pc-who').innerText()).toMatch(/^Sam Petit, \S+ \d+ \S+ à \d\d:\d\d :$/);
      expect(await note.locator('p').innerText()).toBe('A déjà un compte Ameli. Son numéro : [téléphone].');
      expect(await page.locator('#pc-notes-summary').innerText()).toBe('Notes internes (1)');
      expect(await page.getByLabel('Nouvelle note interne').inputValue()).toBe('');

      // After a reload, the conversation opens again with its note.
      await page.reload();
      await page.getByText('Sam Petit — demo').waitFor({ timeout: WAIT });
      await page.locator('#pc-notes-summary', { hasText: 'Notes internes (1)' }).waitFor({ timeout: WAIT });
      // Nothing reached the person.
      await citizenPage.waitForTimeout(500);
      expect(await widget.locator('#pp-log .pp-bot').count()).toBe(botsBefore);
      expect(await widget.locator('#pp-log').innerText()).not.toContain('A déjà un compte');
      expect(problems).toEqual([]);
    } finally {
      await mediator.context.close();
      await citizenContext.close();
    }
  });

  it('a transfer to a colleague: the conversation moves to their console with the note, the person is told', async () => {
    const ines = await openPage(env.browser, `${env.base}/mediator/`);
    const noe = await openPage(env.browser, `${env.base}/mediator/`);
    const citizenContext = await env.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    try {
      await login(noe.page, 'noe', 'Noé Bernard');
      await onDuty(noe.page);
      await login(ines.page, 'ines', 'Inès Roux');
      await onDuty(ines.page);
      const citizenPage = await citizenContext.newPage();
      const widget = await citizenOnWidget(citizenPage);
      await take(ines.page);
      await waitForBot(widget, 'Un conseiller vous répond');

      // Inès: an unknown username, then Noé with a note.
      await ines.page.locator('#pc-transfer summary').click();
      await ines.page.getByLabel('Collègue qui prend la suite').fill('personne');
      await ines.page.getByRole('button', { name: 'Transférer', exact: true }).click();
      await ines.page.locator('#pc-transfer-error', { hasText: '« personne » : aucun collègue ni aucune équipe de ce nom.' }).waitFor({ timeout: WAIT });
      await ines.page.getByLabel('Collègue qui prend la suite').fill('noe');
      await ines.page.getByLabel('Message pour le collègue (facultatif)').fill('Elle ne trouve pas son numéro fiscal.');
      await ines.page.getByRole('button', { name: 'Transférer', exact: true }).click();
      await ines.page.locator('#pc-alert', { hasText: 'Conversation transférée. La personne est prévenue.' }).waitFor({ timeout: WAIT });
      await ines.page.locator('#pc-chat-empty').waitFor({ state: 'visible', timeout: WAIT });
      expect(await ines.page.locator('#pc-mine li').count()).toBe(0);

      // The person is told in one sentence.
      await waitForBot(widget, 'Un autre conseiller prend la suite. Écrivez-lui ici.');

      // Noé: the conversation is his, with the note of the transfer.
      await noe.page.locator('#pc-mine li').first().waitFor({ timeout: WAIT });
      await noe.page.locator('#pc-mine button', { hasText: 'Ouvrir' }).click();
      await noe.page.locator('#pc-chat-title', { hasText: 'Conversation : ' }).waitFor({ timeout: WAIT });
      await noe.page.locator('#pc-notes-summary', { hasText: 'Notes internes (1)' }).waitFor({ timeout: WAIT });
      await noe.page.locator('#pc-notes-summary').click();
      const note = noe.page.locator('#pc-notes li');
      expect(await note.locator('.pc-who').innerText()).toMatch(/^Inès Roux, .+, transfert à Noé Bernard :$/);
      expect(await note.locator('p').innerText()).toBe('Elle ne trouve pas son numéro fiscal.');
      await noe.page.getByLabel('Votre message').fill('Bonjour, je prends la suite de ma collègue.');
      await noe.page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await waitForBot(widget, 'je prends la suite de ma collègue');
      // The note never reached the person.
      expect(await widget.locator('#pp-log').innerText()).not.toContain('numéro fiscal');
      // Only the expected refusal of the unknown username (422), nothing else.
      expect(ines.problems.filter((p) => !/422/.test(p))).toEqual([]);
      expect(noe.problems).toEqual([]);
    } finally {
      await ines.context.close();
      await noe.context.close();
      await citizenContext.close();
    }
  });

  it('closed conversations: found by a word of the masked text, shown read only', async () => {
    const mediator = await openPage(env.browser, `${env.base}/mediator/`);
    const citizenContext = await env.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    try {
      const { page, problems } = mediator;
      await login(page, 'lea', 'Léa Martin');
      const citizenPage = await citizenContext.newPage();
      const widget = await citizenOnWidget(citizenPage);
      await take(page);
      await send(widget, 'ma carte vitale est perdue, mon numéro 06 12 34 56 78');
      await page.locator('#pc-messages .pc-from-citizen', { hasText: 'ma carte vitale est perdue' }).waitFor({ timeout: WAIT });
      await page.getByRole('button', { name: 'Terminer', exact: true }).click();
      await page.getByLabel('La personne est autonome').check();
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.locator('#pc-notice', { hasText: 'Conversation terminée' }).waitFor({ timeout: WAIT });

      await page.locator('#pc-closed-section summary').click();
      await page.getByLabel('Mots à chercher (texte masqué)').fill('VITALE');
      await page.getByRole('button', { name: 'Chercher' }).click();
      await page.locator('#pc-closed-status', { hasText: '1 conversation trouvée.' }).waitFor({ timeout: WAIT });
      const item = page.locator('#pc-closed li');
      expect(await item.innerText()).toContain('La personne est autonome');
      await item.getByText('Voir la conversation').click();
      await item.locator('.pc-closed-body', { hasText: 'ma carte vitale est perdue, mon numéro [téléphone]' }).waitFor({ timeout: WAIT });
      // The number itself is not searchable: it was masked before it was stored.
      await page.getByLabel('Mots à chercher (texte masqué)').fill('06 12 34');
      await page.getByRole('button', { name: 'Chercher' }).click();
      await page.locator('#pc-closed-status', { hasText: '0 conversation trouvée.' }).waitFor({ timeout: WAIT });
      expect(problems).toEqual([]);
    } finally {
      await mediator.context.close();
      await citizenContext.close();
    }
  });
});
