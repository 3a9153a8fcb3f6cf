/**
 * Transactional SMS through Brevo against a local fake of its API (test/helpers/fakeBrevo.ts) that replays
 * Brevo's documented answers: the contract of the send call, the replied-event webhook refused (401 secret,
 * 403 address) before anything is parsed, a retried event running one turn, STOP, the outbox retrying a
 * failure and keeping a refusal as a dead letter (in `pasapas report`), replies from the sender within 2
 * segments each, random bodies never answered 5xx, a territory's own Brevo set.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { countSms } from '../../src/text/sms';
import { parisMonth, segmentsOf } from '../../src/territories/smsBudget';
import { CONFIG_DIR } from '../../src/paths';
import { brevoNumber, readBrevoEvent, sendBrevoSms } from '../../src/channels/brevo/brevoApi';
import { ProviderError } from '../../src/channels/webhook/provider';
import { BREVO, brevoEnv, brevoReply, postBrevo, startChannels, type ChannelHarness } from '../helpers/channels';
import { BREVO_ANSWERS, FakeBrevoApi } from '../helpers/fakeBrevo';
import { runReportCli } from '../../src/stats/cli';
import { dayOf } from '../../src/stats/recorder';
import { REDIS_TEST_URL } from '../helpers/redis';
import { sink } from '../helpers/sink';

const ACCOUNT = { apiKey: BREVO.apiKey, sender: BREVO.sender, webhookSecret: BREVO.webhookSecret, allowedIps: [] };

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Brevo API contract (fake replaying documented answers)', () => {
  let brevo: FakeBrevoApi;
  beforeAll(async () => {
    brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
  });
  afterAll(() => brevo.stop());

  it('sends {sender, recipient, content, type: transactional} with the api-key header, Unicode only when needed', async () => {
    await sendBrevoSms({ apiBaseUrl: `${brevo.baseUrl}/v3`, account: ACCOUNT, to: '+33612345678', message: 'Bonjour, répondez 1' });
    await sendBrevoSms({ apiBaseUrl: `${brevo.baseUrl}/v3`, account: ACCOUNT, to: '+33612345678', message: 'Merci ’' });
    expect(brevo.sent).toEqual([
      expect.objectContaining({ apiKey: BREVO.apiKey, sender: '33757000300', recipient: '33612345678', content: 'Bonjour, répondez 1', type: 'transactional', unicodeEnabled: false }),
      expect.objectContaining({ content: 'Merci ’', unicodeEnabled: true }),
    ]);
  });

  it('an unknown key is refused (401, code unauthorized) and not retried', async () => {
    const calls = brevo.calls;
    const err = await sendBrevoSms({ apiBaseUrl: `${brevo.baseUrl}/v3`, account: { ...ACCOUNT, apiKey: 'xkeysib-wrong-key-0123456789' }, to: '+33612345678', message: 'x', retries: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).status).toBe(401);
    expect((err as ProviderError).message).toContain('code unauthorized');
    expect(brevo.calls - calls).toBe(1);
  });

  it('a 503 is retried, then the SMS goes', async () => {
    brevo.script.push(BREVO_ANSWERS.unavailable);
    const since = brevo.sent.length;
    await sendBrevoSms({ apiBaseUrl: `${brevo.baseUrl}/v3`, account: ACCOUNT, to: '+33612345679', message: 'Bonjour', retries: 1 });
    expect(brevo.textsTo('33612345679', since)).toEqual(['Bonjour']);
  });
});

describe('Brevo replied events', () => {
  it('reads a reply: the citizen in E.164, an id stable across Brevo’s retries and distinct between two replies', () => {
    const e = brevoReply('+33612345678', 'Bonjour');
    const a = readBrevoEvent(e);
    const b = readBrevoEvent({ ...e });
    const c = readBrevoEvent({ ...e, reply: 'Merci' });
    if (!a.ok || !b.ok || !c.ok || a.event.kind !== 'reply' || b.event.kind !== 'reply' || c.event.kind !== 'reply') throw new Error('not read');
    expect(a.event).toMatchObject({ from: '+33612345678', text: 'Bonjour' });
    expect(a.event.id).toBe(b.event.id);
    expect(a.event.id).not.toBe(c.event.id);
    expect(brevoNumber('+33757000300')).toBe('33757000300');
  });

  it('acknowledges other events, and says what is wrong with a malformed one', () => {
    expect(readBrevoEvent({ ...brevoReply('+33612345678', ''), msg_status: 'delivered' })).toEqual({ ok: true, event: { kind: 'other' } });
    expect(readBrevoEvent({ msg_status: 'hard_bounce', id: 26570 })).toEqual({ ok: true, event: { kind: 'other' } });
    expect(readBrevoEvent('replied')).toEqual({ ok: false, error: '(body): an event object' });
    expect(readBrevoEvent({ to: 'nobody', messageId: 1, msg_status: 'replied', reply: 'x' })).toEqual({ ok: false, error: 'to: the phone number that replied, with its country code' });
    expect(readBrevoEvent({ to: '33612345678', messageId: 1, msg_status: 'replied' })).toEqual({ ok: false, error: 'reply: the text of the reply is missing' });
  });
});

describe('Brevo events under random input', () => {
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constantFrom('replied', 'reply', 'delivered', '33612345678', '+33612345678', null), fc.boolean());
  const event = fc.dictionary(fc.oneof(fc.constantFrom('to', 'messageId', 'msg_status', 'event', 'reply', 'date', 'id', 'tag'), fc.string({ maxLength: 8 })), value, { maxKeys: 8 });

  it('10,000 random events: never a throw; a reply read is a citizen number and a text', () => {
    fc.assert(
      fc.property(fc.oneof(event, fc.anything()), (raw) => {
        const r = readBrevoEvent(raw);
        if (r.ok && r.event.kind === 'reply') {
          expect(r.event.from).toMatch(/^\+\d{6,15}$/);
          expect(typeof r.event.text).toBe('string');
        }
      }),
      { numRuns: 10_000, seed: 11 },
    );
  });

  it('500 random bodies over HTTP, authenticated: never a 5xx', async () => {
    const brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
    const h = await startChannels({ env: brevoEnv(brevo.baseUrl) });
    try {
      const samples = fc.sample(fc.oneof(event, fc.array(event, { maxLength: 3 }), fc.json().map((j) => ({ raw: j }))), { numRuns: 500, seed: 12 });
      const statuses = new Set<number>();
      for (const s of samples) {
        const raw = typeof s === 'object' && s !== null && 'raw' in s && typeof s.raw === 'string' ? s.raw : JSON.stringify(s);
        statuses.add((await postBrevo(h.base, null, { raw })).status);
      }
      expect([...statuses].filter((c) => c >= 500)).toEqual([]);
      expect(statuses.has(200)).toBe(true);
      expect(statuses.has(400)).toBe(true);
    } finally {
      await h.close();
      await brevo.stop();
    }
  }, 120_000);
});

describe('SMS over Brevo', () => {
  let h: ChannelHarness;
  let brevo: FakeBrevoApi;
  beforeAll(async () => {
    brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
    h = await startChannels({ env: brevoEnv(brevo.baseUrl, { SMS_OUTBOX_BACKOFF_MS: '100' }) });
  });
  afterAll(async () => {
    await h.close();
    await brevo.stop();
  });

  it('answers a first reply from the sender number, every SMS within 2 segments', async () => {
    const from = '+33600004001';
    const since = brevo.sent.length;
    const r = await postBrevo(h.base, brevoReply(from, 'Bonjour'));
    expect(r.status).toBe(200);
    const texts = brevo.textsTo(brevoNumber(from), since);
    expect(texts.join('\n')).toMatch(/\n1 /);
    for (const t of texts) expect(countSms(t).segments).toBeLessThanOrEqual(2);
    expect(brevo.sent[brevo.sent.length - 1]).toMatchObject({ sender: '33757000300', type: 'transactional' });
    // Counted in the territory's monthly SMS budget, in segments, like every SMS provider's.
    const month = await h.ta.app.smsBudget.monthOf('demo', parisMonth(h.ta.app.now()));
    expect(month.used).toBe(segmentsOf(brevo.sent.map((m) => m.content)));
    expect(brevo.refused).toEqual([]);
  });

  it('refuses an unknown secret with 401 before reading anything, and runs no turn', async () => {
    const since = brevo.sent.length;
    const wrong = await postBrevo(h.base, null, { secret: 'not-the-secret-0123456789abcdef', raw: '{{{ not json' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(/webhook secret/);
    expect((await postBrevo(h.base, brevoReply('+33600004002', 'Bonjour'), { secret: `${BREVO.webhookSecret}x` })).status).toBe(401);
    expect(brevo.sent.length).toBe(since);
  });

  it('answers 4xx with the reason to an authenticated but malformed body', async () => {
    expect((await postBrevo(h.base, null, { raw: '{{{' })).status).toBe(400);
    const r = await postBrevo(h.base, { to: 'nobody', messageId: 1, msg_status: 'replied', reply: 'x' });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/to: the phone number that replied/);
    expect((await postBrevo(h.base, null, { raw: 'a=b', contentType: 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('acknowledges a delivery event without a turn, and reads a batch', async () => {
    const from = '+33600004003';
    const since = brevo.sent.length;
    expect((await postBrevo(h.base, { ...brevoReply(from, ''), msg_status: 'delivered' })).status).toBe(200);
    expect(brevo.sent.length).toBe(since);
    expect((await postBrevo(h.base, [{ ...brevoReply(from, ''), msg_status: 'sent' }, brevoReply(from, 'Bonjour')])).status).toBe(200);
    expect(brevo.textsTo(brevoNumber(from), since).length).toBeGreaterThan(0);
  });

  it('an event delivered three times at once runs one turn and sends one reply', async () => {
    const from = '+33600004004';
    await postBrevo(h.base, brevoReply(from, 'Bonjour'));
    const since = brevo.sent.length;
    const event = brevoReply(from, '1');
    const results = await Promise.all([postBrevo(h.base, event), postBrevo(h.base, event), postBrevo(h.base, event)]);
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const r of results) if (r.status === 503) expect((await postBrevo(h.base, event)).status).toBe(200);
    const texts = brevo.textsTo(brevoNumber(from), since);
    expect(texts.join('\n')).toMatch(/impôts|impots/i);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('STOP silences the number until START', async () => {
    const from = '+33600004005';
    const to = brevoNumber(from);
    await postBrevo(h.base, brevoReply(from, 'Bonjour'));
    let since = brevo.sent.length;
    await postBrevo(h.base, brevoReply(from, 'STOP'));
    expect(brevo.textsTo(to, since).join('\n')).toMatch(/Je ne vous écris plus/);
    since = brevo.sent.length;
    expect((await postBrevo(h.base, brevoReply(from, 'Bonjour'))).status).toBe(200);
    expect((await postBrevo(h.base, brevoReply(from, 'aide'))).status).toBe(200);
    expect(brevo.textsTo(to, since)).toEqual([]);
    await postBrevo(h.base, brevoReply(from, 'START'));
    expect(brevo.textsTo(to, since).join('\n')).toMatch(/Re-bonjour/);
  });

  it('the outbox retries the SMS Brevo could not take (503) until they go', async () => {
    const from = '+33600004006';
    brevo.script.push(BREVO_ANSWERS.unavailable, BREVO_ANSWERS.unavailable);
    const since = brevo.sent.length;
    expect((await postBrevo(h.base, brevoReply(from, 'Bonjour'))).status).toBe(200);
    // The reply's first SMS met a 503 and waits in the outbox; the ones after it wait with it (the citizen reads
    // them in order): none went.
    expect(brevo.script).toHaveLength(1);
    expect(brevo.textsTo(brevoNumber(from), since)).toEqual([]);
    // Backoff 100 ms; the worker looks every second: a second 503, then they all go, in order.
    h.ta.clock.advance(1000);
    await until(() => brevo.script.length === 0);
    h.ta.clock.advance(1000);
    await until(() => /\n1 /.test(brevo.textsTo(brevoNumber(from), since).join('\n')));
    const texts = brevo.textsTo(brevoNumber(from), since);
    expect(texts[0]).toMatch(/^Bonjour/);
    expect(texts.join('\n')).toMatch(/Bonjour[^]*\n1 /);
  });
});

describe('Brevo dead letters in pasapas report (Redis)', () => {
  let h: ChannelHarness;
  let brevo: FakeBrevoApi;
  beforeAll(async () => {
    brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
    brevo.always = BREVO_ANSWERS.noCredit;
    h = await startChannels({ redis: true, env: brevoEnv(brevo.baseUrl) });
  });
  afterAll(async () => {
    await h.close();
    await brevo.stop();
  });

  it('an SMS Brevo refuses (no credit left) is a dead letter in the report, without the number or the text', async () => {
    expect((await postBrevo(h.base, brevoReply('+33600004007', 'Bonjour'))).status).toBe(200);
    expect(brevo.sent).toEqual([]);
    const day = dayOf(h.ta.app.now());
    const env = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: h.ta.prefix!, LOG_LEVEL: 'silent' };
    const json = sink();
    expect(await runReportCli(['--territory', 'demo', '--from', day, '--to', day, '--format', 'json'], { out: json, err: sink(), env })).toBe(0);
    const brevoBox = (JSON.parse(json.text).smsOutbox as Array<{ provider: string }>).find((b) => b.provider === 'brevo');
    expect(brevoBox).toEqual({ provider: 'brevo', pending: 0, dead: brevo.calls, reasons: { 'HTTP 402 code not_enough_credits': brevo.calls } });
    const csv = sink();
    await runReportCli(['--territory', 'demo', '--from', day, '--to', day], { out: csv, err: sink(), env });
    expect(csv.text).toContain(`Envoi des SMS;brevo;SMS abandonnés (jamais arrivés);${brevo.calls}\r\n`);
    expect(csv.text).not.toMatch(/33600004007|Bonjour/);
  });
});

describe('Brevo webhook behind an IP allow-list', () => {
  let brevo: FakeBrevoApi;
  beforeAll(async () => {
    brevo = await new FakeBrevoApi([BREVO.apiKey]).start();
  });
  afterAll(() => brevo.stop());

  it('refuses a caller outside BREVO_ALLOWED_IPS with 403 before parsing, and serves one inside', async () => {
    const outside = await startChannels({ env: brevoEnv(brevo.baseUrl, { BREVO_ALLOWED_IPS: '1.179.112.0/20, 172.246.240.0/20' }) });
    try {
      const r = await postBrevo(outside.base, null, { raw: '{{{' });
      expect(r.status).toBe(403);
      expect(r.body).toMatch(/BREVO_ALLOWED_IPS/);
    } finally {
      await outside.close();
    }
    const inside = await startChannels({ env: brevoEnv(brevo.baseUrl, { BREVO_ALLOWED_IPS: '127.0.0.0/8' }) });
    try {
      expect((await postBrevo(inside.base, brevoReply('+33600004010', 'Bonjour'))).status).toBe(200);
      expect(brevo.textsTo('33600004010').length).toBeGreaterThan(0);
    } finally {
      await inside.close();
    }
  });
});

describe("a territory's own Brevo account, and a mediator's reply", () => {
  const CVL_KEY = `xkeysib-${'9f8e7d6c'.repeat(8)}-CvlKey0123456789ab`;
  const CVL_SECRET = 'cvl-own-brevo-secret-0123456789abc';
  const CVL_SENDER = '+33757000301';
  let dir: string;
  let brevo: FakeBrevoApi;
  let h: ChannelHarness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'brevo-territories-'));
    copyFileSync(join(CONFIG_DIR, 'territories', 'demo.yaml'), join(dir, 'demo.yaml'));
    writeFileSync(
      join(dir, 'brevo-cvl.yaml'),
      `id: brevo-cvl\nname: Territoire Brevo\nkind: région\ncoverage: { departements: ["37"] }\nchannels:\n  sms-brevo: { senders: ["${CVL_SENDER}"], credentials: CVL }\ntimezone: Europe/Paris\nhours: "24/7"\n`,
    );
    brevo = await new FakeBrevoApi([BREVO.apiKey, CVL_KEY]).start();
    h = await startChannels({
      territoriesDir: dir,
      onDuty: true,
      env: brevoEnv(brevo.baseUrl, {
        BREVO_API_KEY_CVL: CVL_KEY,
        BREVO_SMS_SENDER_CVL: CVL_SENDER,
        BREVO_WEBHOOK_SECRET_CVL: CVL_SECRET,
        // A set no territory file names: its secret must not open any territory's conversations.
        BREVO_API_KEY_XYZ: CVL_KEY,
        BREVO_SMS_SENDER_XYZ: '+33757000399',
        BREVO_WEBHOOK_SECRET_XYZ: 'xyz-unclaimed-brevo-secret-0123456789',
      }),
    });
  });
  afterAll(async () => {
    await h.close();
    await brevo.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a reply to the territory's sender is answered from that sender, with the territory's key", async () => {
    const from = '+33600005001';
    const since = brevo.sent.length;
    expect((await postBrevo(h.base, brevoReply(from, 'Bonjour'), { secret: CVL_SECRET })).status).toBe(200);
    const sent = brevo.sent.slice(since);
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) expect(s).toMatchObject({ apiKey: CVL_KEY, sender: '33757000301', recipient: '33600005001' });
  });

  it('refuses the secret of a set whose sender no territory claims, before parsing', async () => {
    const r = await postBrevo(h.base, null, { secret: 'xyz-unclaimed-brevo-secret-0123456789', raw: '{{{' });
    expect(r.status).toBe(403);
    expect(r.body).toMatch(/does not belong to the territory of its sender/);
  });

  it('a mediator’s reply reaches the citizen through the outbox, once', async () => {
    const from = '+33600005002';
    await postBrevo(h.base, brevoReply(from, 'Bonjour'));
    const since = brevo.sent.length;
    const userId = await h.ta.app.contacts.touch('sms-brevo', from, h.ta.app.now());
    await h.ta.app.messaging['sms-brevo']!.deliver(
      { channelId: 'sms-brevo', user: { id: userId, name: '' }, bot: { id: BREVO.sender, name: '' }, conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } },
      [{ type: 'message', text: 'Bonjour, ici votre conseillère.' }],
    );
    expect(brevo.textsTo('33600005002', since)).toEqual(['Bonjour, ici votre conseillère.']);
  });
});
