/**
 * A returning citizen in a NEW conversation (a new web session, another device) is offered to
 * resume the unfinished guide where they stopped — progress is kept with the citizen, not the chat.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, FIXTURE_DIALOGS, startTestApp } from '../helpers/app';

test.each([[false], [true]])('a new conversation of the same citizen offers "On reprend ?" (redis: %s)', async (redis) => {
  const ta = await startTestApp({ redis, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] });
  try {
    const user = `u-${randomUUID()}`;
    const first = new Citizen(ta.app, `c-${randomUUID()}`, 'http', user);
    await first.say('bonjour');
    await first.say('1');
    await first.say('1');
    expect(await first.say('1')).toContain('Étape 2 sur 3');

    ta.clock.advance(24 * 3600 * 1000);
    const second = new Citizen(ta.app, `c-${randomUUID()}`, 'http', user);
    const hello = await second.say('bonjour');
    expect(hello).toContain('Bonjour ! Je suis Pas à pas');
    expect(hello).toContain('Bon retour ! On reprend « Faire un essai » à l\'étape 2 ?');
    expect(await second.say('oui')).toContain('Regardez vos e-mails.');
    await second.say('1');
    await second.say('1');
    // Finished: a third visit gets the menu, not an offer to resume.
    const third = new Citizen(ta.app, `c-${randomUUID()}`, 'http', user);
    const again = await third.say('bonjour');
    expect(again).toContain('Que voulez-vous faire ?');
    expect(again).not.toContain('On reprend');
  } finally {
    await ta.close();
  }
});
