/** The places dialog when the index cannot be read: the general advice, the menu, and the error logged. */
import { Citizen, startTestApp } from '../helpers/app';
import { GridDirectory } from '../../src/places/index';
import { Gazetteer } from '../../src/places/locate';

test('no index: the citizen still gets useful advice and the menu', async () => {
  const ta = await startTestApp({
    places: () => {
      throw new Error('data/places/places.json.gz: ENOENT');
    },
  });
  try {
    const citizen = new Citizen(ta.app, 'c-no-index');
    await citizen.say('bonjour');
    const reply = await citizen.say("où trouver de l'aide près de chez moi");
    expect(reply).toContain('Un espace France Services peut vous aider');
    expect(reply).toContain('Que voulez-vous faire ?');
  } finally {
    await ta.close();
  }
});

test('a known commune with no place around: said plainly, then the menu', async () => {
  const empty = new GridDirectory([], new Gazetteer([['23096', 'Guéret', '23000', 46.16321, 1.87079, 1, 0]]));
  const ta = await startTestApp({ places: () => empty });
  try {
    const citizen = new Citizen(ta.app, 'c-empty');
    await citizen.say('bonjour');
    await citizen.say("où trouver de l'aide près de chez moi");
    const reply = await citizen.say('gueret');
    expect(reply).toContain("Je n'ai pas trouvé de lieu d'aide près de Guéret (23000).");
    expect(reply).toContain('Que voulez-vous faire ?');
  } finally {
    await ta.close();
  }
});

test('on SMS every message of the answer fits in 2 segments (306 GSM-7 characters)', async () => {
  const { render } = await import('../../src/channels/render');
  const { capabilitiesOf } = await import('../../src/channels/capabilities');
  const ta = await startTestApp();
  try {
    const say = (text: string) => ta.app.adapter.process({ channelId: 'sms', conversationId: 'c-sms', userId: 'c-sms', text });
    await say('bonjour');
    await say("où trouver de l'aide près de chez moi");
    for (const where of ['23000', '75011', '97400', '64500']) {
      await say("où trouver de l'aide près de chez moi");
      const messages = render(await say(where), capabilitiesOf('sms')).map((m) => m.text);
      expect(messages[0]).toContain("lieux d'aide près de");
      expect(messages.length).toBeGreaterThanOrEqual(5); // intro, 3 places, "appelez avant", then the menu
      for (const m of messages) expect(m.length).toBeLessThanOrEqual(306);
      // No character that would switch an SMS to UCS-2 in the places' own texts.
      for (const m of messages.slice(1, 4)) expect(m).not.toMatch(/[’…«»]/);
    }
  } finally {
    await ta.close();
  }
});
