/**
 * Bot Framework handoff protocol: for a territory whose mediators use an external agent hub, the bot
 * emits handoff.initiate (with the transcript and the guide and step), stays quiet while the hub
 * talks, and honours handoff.status (failed → told, completed → the bot takes over again).
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { FIXTURE_DIALOGS, startTestApp } from '../helpers/app';

test('handoff.initiate is emitted, the bot stays quiet, handoff.status completed brings it back', async () => {
  const ta = await startTestApp({
    dialogsDir: FIXTURE_DIALOGS,
    menu: ['essai'],
    territoriesDir: join(__dirname, '..', 'fixtures', 'territories'),
    env: { DEFAULT_TERRITORY: 'hub' },
  });
  try {
    const conversationId = `c-${randomUUID()}`;
    const send = (activity: Partial<Activity>) =>
      ta.app.adapter.process({ channelId: 'terminal', conversationId, userId: conversationId, text: '', ...activity } as never);
    const text = (acts: Partial<Activity>[]) => acts.map((a) => a.text ?? '').join('\n');
    await send({ text: 'bonjour' });
    await send({ text: '1' });
    await send({ text: '1' });
    const out = await send({ text: 'je suis bloqué' });
    const initiate = out.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    expect(initiate).toBeDefined();
    const value = initiate!.value as { territory: string; guideId: string; stepId: string };
    expect(value).toMatchObject({ territory: 'hub', guideId: 'essai', stepId: 'ouvrir' });
    const transcript = (initiate!.attachments?.[0]?.content as { activities: Partial<Activity>[] }).activities;
    expect(transcript.map((a) => a.text).join('\n')).toContain('je suis bloqué');
    expect(text(out)).toContain('Je vous mets en relation avec un conseiller.');

    // While the hub talks to the citizen, the bot does not answer.
    expect(text(await ta.app.adapter.processActivity({
      type: 'message', text: 'allo ?', channelId: 'terminal', conversation: { id: conversationId } as never,
      from: { id: conversationId, name: '' }, recipient: { id: 'pasapas', name: '' },
    }))).toBe('');

    const back = await ta.app.adapter.processActivity({
      type: 'event', name: 'handoff.status', value: { state: 'completed' }, channelId: 'terminal',
      conversation: { id: conversationId } as never, from: { id: conversationId, name: '' }, recipient: { id: 'pasapas', name: '' },
    });
    expect(text(back)).toContain('Le conseiller a terminé.');
    expect(text(back)).toContain('Étape 1 sur 3');
  } finally {
    await ta.close();
  }
});
