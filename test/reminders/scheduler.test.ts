/**
 * Due reminders are sent once, on the citizen's channel, by exactly one of two instances sharing
 * Redis; the next one is planned; a citizen who cannot be reached any more loses the reminder.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import { randomPrefix } from '../helpers/redis';
import { startChannels, postSms, smsFields, type ChannelHarness } from '../helpers/channels';

describe('reminder scheduler on two instances', () => {
  const prefix = randomPrefix();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ redis: true, prefix });
    b = await startTestApp({ redis: true, prefix });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('sends a due reminder exactly once, then plans the next month', async () => {
    const conversationId = `c-${randomUUID()}`;
    const onA = new Citizen(a.app, conversationId, 'sms');
    const onB = new Citizen(b.app, conversationId, 'sms');
    await onA.say('Bonjour');
    const reference = { channelId: 'sms', conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: conversationId, name: '' }, bot: { id: 'pasapas', name: '' }, serviceUrl: 'pasapas://sms' };
    const now = a.app.now();
    await a.app.reminders.add({ citizenKey: 'k1', kind: 'actualisation', locale: 'fr', territory: 'demo', reference, anchor: now, due: now + 1000 });
    a.clock.advance(2000);
    b.clock.advance(2000);
    const sent = await Promise.all([a.app.reminderScheduler.tick(), b.app.reminderScheduler.tick(), a.app.reminderScheduler.tick()]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
    const received = `${await onA.proactive()}\n${await onB.proactive()}`;
    expect(received.match(/Rappel : vous pouvez vous actualiser/g)).toHaveLength(1);
    const [next] = await a.app.reminders.list('k1');
    expect(new Date(next.due).toISOString()).toBe('2026-11-28T09:00:00.000Z');
    // Nothing more until then.
    expect(await b.app.reminderScheduler.tick()).toBe(0);
  });
});

describe('reminders and the SMS channel', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a due reminder goes out by the Messages API; one for an unreachable citizen is cancelled', async () => {
    const from = '+33600000050';
    await postSms(h.base, smsFields(from, 'Bonjour'));
    const userId = await h.ta.app.contacts.touch('sms', from, h.ta.app.now());
    const now = h.ta.app.now();
    const reference = { channelId: 'sms', user: { id: userId, name: '' }, bot: { id: '+33757000000', name: '' }, conversation: { id: 'x', isGroup: false, conversationType: 'personal', name: '' } };
    await h.ta.app.reminders.add({ citizenKey: 'k-sms', kind: 'caf-trimestrielle', locale: 'fr', territory: 'demo', reference, anchor: now, due: now });
    await h.ta.app.reminders.add({ citizenKey: 'k-gone', kind: 'actualisation', locale: 'fr', territory: 'demo', reference: { ...reference, user: { id: 'sms:unknown', name: '' } }, anchor: now, due: now });
    h.provider.clear();
    expect(await h.ta.app.reminderScheduler.tick()).toBe(1);
    const sms = h.provider.callsTo('/Messages.json');
    expect(sms).toHaveLength(1);
    expect(sms[0].form).toMatchObject({ To: from });
    expect(sms[0].form?.Body).toMatch(/déclaration trimestrielle à la CAF/);
    expect(await h.ta.app.reminders.list('k-gone')).toEqual([]);
    expect(await h.ta.app.reminders.list('k-sms')).toHaveLength(1);
  });

  it('keeps the SMS address of a citizen with a reminder beyond the retention period', async () => {
    const from = '+33600000051';
    await postSms(h.base, smsFields(from, 'Bonjour'));
    const userId = await h.ta.app.contacts.touch('sms', from, h.ta.app.now());
    const now = h.ta.app.now();
    const reference = { channelId: 'sms', user: { id: userId, name: '' }, bot: { id: '+33757000000', name: '' } };
    await h.ta.app.reminders.add({ citizenKey: 'k-keep', kind: 'caf-trimestrielle', locale: 'fr', territory: 'demo', reference, anchor: now, due: now + 90 * 86_400_000 });
    h.ta.clock.advance(60 * 86_400_000); // beyond the 30-day retention
    expect(await h.ta.app.contacts.lookup(userId)).toMatchObject({ address: from });
  });
});
