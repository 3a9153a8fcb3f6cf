/**
 * Issue 19: during a handoff with a mediator, what the bot tells the citizen (the privacy warning, the answer to a
 * photo…) reaches the mediator too, as messages from the bot; not while the citizen only waits, and never after.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('bot lines during a handoff, on %s', (_name, redis) => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await startTestApp({ redis, onDuty: true });
  });
  afterAll(() => ta.close());

  const photo = (c: Citizen) =>
    ta.app.adapter.processActivity({
      type: 'message',
      id: randomUUID(),
      channelId: 'terminal',
      conversation: { id: c.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: c.userId, name: '' },
      recipient: { id: 'pasapas', name: 'Pas à pas' },
      serviceUrl: 'pasapas://terminal',
      text: '',
      attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.org/photo.jpg' }],
    });

  it('the privacy warning and the answer to a photo are shown to the mediator, marked as the bot\'s', async () => {
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('conseiller');
    await c.say('oui');
    // Waiting: the citizen's words go to the handoff, the bot's position updates do not.
    await c.say('je suis là');
    const id = (await c.handoff())!.id;
    expect((await ta.app.queue.messages('demo', id)).map((m) => m.from)).toEqual(['citizen']);
    await c.mediator({ claim: true, say: 'Bonjour, je suis Léa.' });

    const warning = await c.say('mon mot de passe est Soleil2024');
    expect(warning).toContain("n'écrivez jamais votre mot de passe");
    const replies = (await photo(c)).map((a) => a.text ?? '').join('\n');
    expect(replies).not.toBe('');

    const messages = await ta.app.queue.messages('demo', id);
    expect(messages.map((m) => [m.from, m.text])).toEqual([
      ['citizen', 'je suis là'],
      ['mediator', 'Bonjour, je suis Léa.'],
      ['citizen', 'mon mot de passe est [masqué]'],
      ['bot', expect.stringContaining("n'écrivez jamais votre mot de passe")],
      ['bot', replies],
    ]);

    // Closed: nothing more goes to the handoff (the bot takes over).
    await c.mediator({ close: 'fait-pour' });
    await c.say('merci');
    expect(await ta.app.queue.messages('demo', id)).toHaveLength(5);
  });
});
