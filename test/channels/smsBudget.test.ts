/**
 * The per-territory monthly SMS budget on the real app, in memory and on real Redis: every SMS we send is
 * counted in segments whatever the provider (Twilio replies, OVHcloud through its outbox, the link texted
 * during a phone call); coordinators read it from the API; once the month's budget is spent a reminder is
 * skipped (and counted) while a citizen who writes still gets an answer.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { CONFIG_DIR } from '../../src/paths';
import { ovhNumber } from '../../src/channels/ovh/ovhApi';
import { segmentsOf } from '../../src/territories/smsBudget';
import { OUR_NUMBER, PUBLIC, TWILIO_SID, TWILIO_TOKEN, ovhEnv, ovhFields, postOvh, postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';
import { FakeOvhApi } from '../helpers/fakeOvh';
import { mediatorApi, PASSWORD } from '../helpers/mediatorApi';
import { REDIS_TEST_URL, randomPrefix } from '../helpers/redis';
import { runReportCli } from '../../src/stats/cli';
import { dayOf } from '../../src/stats/recorder';
import { sink } from '../helpers/sink';

const BUDGET = 1000;

/** The first turn of a phone call, signed as Twilio does: its link goes by SMS to the caller. */
async function callOnce(base: string, from: string, sid: string): Promise<number> {
  const path = '/api/voice/twilio';
  const fields = { CallSid: sid, AccountSid: TWILIO_SID, From: from, To: OUR_NUMBER, CallStatus: 'in-progress', ApiVersion: '2010-04-01', Direction: 'inbound', Caller: from, Called: OUR_NUMBER };
  const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}${path}`, fields);
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(fields).toString() });
  await res.text();
  return res.status;
}

describe.each([
  ['memory', false],
  ['redis', true],
])('monthly SMS budget (%s)', (_name, redis) => {
  let h: ChannelHarness;
  let ovh: FakeOvhApi;
  let dir: string;
  let coord: string;
  const api = mediatorApi(() => h.base);
  const status = async () => {
    const r = await api.call('GET', '/api/mediator/sms-budget', coord);
    expect(r.status).toBe(200);
    return r.body as { budget: number | null; used: number; skipped: number; month: string; warning: boolean; exhausted: boolean };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sms-budget-'));
    copyFileSync(join(CONFIG_DIR, 'territories', 'demo.yaml'), join(dir, 'demo.yaml'));
    expect(readFileSync(join(dir, 'demo.yaml'), 'utf8')).not.toMatch(/^sms:/m);
    appendFileSync(join(dir, 'demo.yaml'), `sms:\n  monthlyBudget: ${BUDGET}\n`);
    ovh = await new FakeOvhApi([{ applicationKey: 'ovhAppKeyForTests1', applicationSecret: 'ovhAppSecretForTests0123456789ab', consumerKey: 'ovhConsumerKeyForTests0123456789' }]).start();
    h = await startChannels({ redis, prefix: randomPrefix(), territoriesDir: dir, env: { ...ovhEnv(ovh.baseUrl), TWILIO_VOICE: 'true' } });
    await h.ta.app.mediators.add({ territory: 'demo', username: 'claire', name: 'Claire Coord', password: PASSWORD, role: 'coordinateur' });
    await h.ta.app.mediators.add({ territory: 'demo', username: 'sam', name: 'Sam Med', password: PASSWORD });
    coord = await api.tokenOf('demo', 'claire');
  });
  afterAll(async () => {
    await h.close();
    await ovh.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is for coordinators only', async () => {
    const sam = await api.tokenOf('demo', 'sam');
    expect((await api.call('GET', '/api/mediator/sms-budget', sam)).status).toBe(403);
    expect((await api.call('GET', '/api/mediator/sms-budget')).status).toBe(401);
  });

  it('counts the segments of every SMS we send, on Twilio, OVHcloud and during phone calls', async () => {
    const start = await status();
    expect(start).toMatchObject({ budget: BUDGET, used: 0, skipped: 0, warning: false, exhausted: false });
    expect(start.month).toMatch(/^\d{4}-\d{2}$/);

    const twilioReply = await postSms(h.base, smsFields('+33600002001', 'Bonjour'));
    expect(twilioReply.messages.length).toBeGreaterThan(0);
    const afterTwilio = (await status()).used;
    expect(afterTwilio).toBe(segmentsOf(twilioReply.messages));

    const since = ovh.sent.length;
    expect((await postOvh(h.base, ovhFields('+33600002002', 'Bonjour'))).status).toBe(200);
    const ovhTexts = ovh.textsTo(ovhNumber('+33600002002'), since);
    expect(ovhTexts.length).toBeGreaterThan(0);
    const afterOvh = (await status()).used;
    expect(afterOvh - afterTwilio).toBe(segmentsOf(ovhTexts));

    h.provider.clear();
    expect(await callOnce(h.base, '+33600002003', `CA${'b'.repeat(32)}`)).toBe(200);
    const links = h.provider.callsTo('/Messages.json').map((c) => c.form?.Body ?? '');
    expect(links).toHaveLength(1);
    expect((await status()).used - afterOvh).toBe(segmentsOf(links));
  });

  it('counts only the SMS that go: replies over the daily cap are not counted', async () => {
    // A citizen's first message is answered with more than one SMS…
    const first = await postSms(h.base, smsFields('+33600002010', 'Bonjour'));
    expect(first.messages.length).toBeGreaterThan(1);
    // …but this one has one SMS left today.
    const from = '+33600002011';
    const userId = await h.ta.app.contacts.touch('sms', from, h.ta.app.now());
    expect(await h.ta.app.contacts.afterTurn('sms', { userId, count: 99, outPerDay: 100 })).toBe(99);
    const before = (await status()).used;
    const reply = await postSms(h.base, smsFields(from, 'Bonjour'));
    expect(reply.messages).toHaveLength(1);
    expect((await status()).used - before).toBe(segmentsOf(reply.messages));
  });

  it('at 100 %: the reminder is skipped and counted, the citizen who writes still gets an answer', async () => {
    const from = '+33600002004';
    await postSms(h.base, smsFields(from, 'Bonjour'));
    const userId = await h.ta.app.contacts.touch('sms', from, h.ta.app.now());
    const now = h.ta.app.now();
    const reference = { channelId: 'sms', user: { id: userId, name: '' }, bot: { id: OUR_NUMBER, name: '' }, conversation: { id: 'x', isGroup: false, conversationType: 'personal', name: '' } };
    await h.ta.app.reminders.add({ citizenKey: 'k-budget', kind: 'caf-trimestrielle', locale: 'fr', territory: 'demo', reference, anchor: now, due: now });

    // The rest of the month's budget goes on other citizens' SMS.
    const left = BUDGET - (await status()).used;
    await h.ta.app.smsBudget.sent('demo', Array(left).fill('ok'));
    expect(await status()).toMatchObject({ used: BUDGET, warning: true, exhausted: true, skipped: 0 });

    h.provider.clear();
    expect(await h.ta.app.reminderScheduler.tick()).toBe(0);
    expect(h.provider.callsTo('/Messages.json')).toHaveLength(0);
    expect(await status()).toMatchObject({ skipped: 1 });
    // Only this occurrence: the next one stays planned.
    const [next] = await h.ta.app.reminders.list('k-budget');
    expect(next.due).toBeGreaterThan(now);

    const reply = await postSms(h.base, smsFields(from, 'Bonjour'));
    expect(reply.status).toBe(200);
    expect(reply.messages.join('\n')).toMatch(/Que voulez-vous faire/);
    expect((await status()).used).toBe(BUDGET + segmentsOf(reply.messages));
  });
});

describe('the monthly SMS budget in pasapas report', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ redis: true });
  });
  afterAll(() => h.close());

  it('shows the segments sent this month and the budget (none for demo), without any number', async () => {
    const reply = await postSms(h.base, smsFields('+33600002101', 'Bonjour'));
    expect(reply.messages.length).toBeGreaterThan(0);
    const day = dayOf(h.ta.app.now());
    const env = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: h.ta.prefix!, LOG_LEVEL: 'silent' };
    const json = sink();
    expect(await runReportCli(['--territory', 'demo', '--from', day, '--to', day, '--format', 'json'], { out: json, err: sink(), env })).toBe(0);
    expect(JSON.parse(json.text).smsBudget).toEqual({ month: day.slice(0, 7), budget: null, used: segmentsOf(reply.messages), skipped: 0 });
    const csv = sink();
    expect(await runReportCli(['--territory', 'demo', '--from', day, '--to', day], { out: csv, err: sink(), env })).toBe(0);
    expect(csv.text).toContain(`Budget SMS du mois;${day.slice(0, 7)};Segments SMS envoyés;${segmentsOf(reply.messages)}\r\n`);
    expect(csv.text).toContain(`Budget SMS du mois;${day.slice(0, 7)};Budget (segments);pas de budget\r\n`);
    expect(csv.text).not.toMatch(/33600002101/);
    // Another territory sent nothing.
    const other = sink();
    await runReportCli(['--territory', 'creuse', '--from', day, '--to', day, '--format', 'json'], { out: other, err: sink(), env });
    expect(JSON.parse(other.text).smsBudget).toMatchObject({ used: 0 });
  });
});

