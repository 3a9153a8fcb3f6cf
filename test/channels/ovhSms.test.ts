/**
 * SMS through OVHcloud against a local fake of its API (test/helpers/fakeOvh.ts), which checks the
 * signature of every request: the callback is refused (401 secret, 403 address) before anything is
 * parsed, a message retried runs one turn, STOP silences the number, replies leave from the virtual
 * number within 2 segments each.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countSms } from '../../src/text/sms';
import { CONFIG_DIR } from '../../src/paths';
import { ovhSignature, e164Of, ovhNumber } from '../../src/channels/ovh/ovhApi';
import { ipAllowed } from '../../src/channels/webhook/sharedSecret';
import { OVH, ovhEnv, ovhFields, postOvh, startChannels, type ChannelHarness } from '../helpers/channels';
import { FakeOvhApi } from '../helpers/fakeOvh';

const KEYS = { applicationKey: OVH.applicationKey, applicationSecret: OVH.applicationSecret, consumerKey: OVH.consumerKey };

describe('OVHcloud request signing and numbers', () => {
  it('signs as OVH documents: "$1$" + SHA1 of secret+consumer+METHOD+URL+body+timestamp', () => {
    // sha1sum of the joined string, computed outside the code under test.
    expect(ovhSignature('SECRET', 'CONSUMER', 'post', 'https://eu.api.ovh.com/1.0/sms/sms-ab12345-1/jobs', '{"message":"Bonjour"}', 1700000000)).toBe(
      '$1$c4e41cc1cb7a746151ffae91a77eba765ed308ff',
    );
  });

  it('reads the callback sender in every form OVH writes it', () => {
    expect(e164Of('0033612345678')).toBe('+33612345678');
    expect(e164Of('+33612345678')).toBe('+33612345678');
    expect(e164Of('0612345678')).toBe('+33612345678');
    expect(ovhNumber('+33700000001')).toBe('0033700000001');
  });

  it('checks addresses and ranges of the allow-list', () => {
    expect(ipAllowed([], '198.51.100.1')).toBe(true);
    expect(ipAllowed(['203.0.113.0/24'], '203.0.113.9')).toBe(true);
    expect(ipAllowed(['203.0.113.0/24'], '::ffff:203.0.113.9')).toBe(true);
    expect(ipAllowed(['203.0.113.0/24'], '198.51.100.1')).toBe(false);
    expect(ipAllowed(['2001:db8::1'], '2001:db8::1')).toBe(true);
  });
});

describe('SMS over OVHcloud', () => {
  let h: ChannelHarness;
  let ovh: FakeOvhApi;
  beforeAll(async () => {
    ovh = await new FakeOvhApi([KEYS]).start();
    h = await startChannels({ env: ovhEnv(ovh.baseUrl) });
  });
  afterAll(async () => {
    await h.close();
    await ovh.stop();
  });

  it('answers a first SMS from the virtual number, signed, every SMS within 2 segments', async () => {
    const from = '+33600001001';
    const since = ovh.sent.length;
    const r = await postOvh(h.base, ovhFields(from, 'Bonjour'));
    expect(r.status).toBe(200);
    const texts = ovh.textsTo(ovhNumber(from), since);
    expect(texts.join('\n')).toMatch(/\n1 /);
    for (const t of texts) expect(countSms(t).segments).toBeLessThanOrEqual(2);
    const job = ovh.sent[ovh.sent.length - 1];
    expect(job).toMatchObject({ service: OVH.serviceName, number: '0033700000001', noStopClause: true });
    expect(ovh.refused).toEqual([]);
  });

  it('accepts the callback as a POSTed form too', async () => {
    const from = '+33600001002';
    const since = ovh.sent.length;
    expect((await postOvh(h.base, ovhFields(from, 'Bonjour'), { method: 'POST' })).status).toBe(200);
    expect(ovh.textsTo(ovhNumber(from), since).length).toBeGreaterThan(0);
  });

  it('refuses an unknown secret with 401 before reading anything, and runs no turn', async () => {
    const since = ovh.sent.length;
    const wrong = await postOvh(h.base, { garbage: '%%%' }, { secret: 'not-the-secret-0123456789abcdef' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(/callback secret/);
    const wrongPost = await postOvh(h.base, ovhFields('+33600001003', 'Bonjour'), { secret: `${OVH.callbackSecret}x`, method: 'POST' });
    expect(wrongPost.status).toBe(401);
    expect(ovh.sent.length).toBe(since);
  });

  it('answers 400 with the reason to authenticated but malformed fields', async () => {
    const r = await postOvh(h.base, { id: '12', senderid: 'not a number', message: 'x' });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/senderid: a phone number/);
  });

  it('an id delivered three times at once runs one turn and sends one reply', async () => {
    const from = '+33600001004';
    await postOvh(h.base, ovhFields(from, 'Bonjour'));
    const since = ovh.sent.length;
    const fields = ovhFields(from, '1');
    const results = await Promise.all([postOvh(h.base, fields), postOvh(h.base, fields), postOvh(h.base, fields)]);
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const r of results) if (r.status === 503) expect((await postOvh(h.base, fields)).status).toBe(200);
    const texts = ovh.textsTo(ovhNumber(from), since);
    expect(texts.join('\n')).toMatch(/impôts|impots/i);
    // Once: the same reply is not in the list twice.
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('STOP silences the number until START', async () => {
    const from = '+33600001005';
    const to = ovhNumber(from);
    await postOvh(h.base, ovhFields(from, 'Bonjour'));
    let since = ovh.sent.length;
    await postOvh(h.base, ovhFields(from, 'STOP'));
    expect(ovh.textsTo(to, since).join('\n')).toMatch(/Je ne vous écris plus/);
    since = ovh.sent.length;
    expect((await postOvh(h.base, ovhFields(from, 'Bonjour'))).status).toBe(200);
    expect((await postOvh(h.base, ovhFields(from, 'aide'))).status).toBe(200);
    expect(ovh.textsTo(to, since)).toEqual([]);
    await postOvh(h.base, ovhFields(from, 'START'));
    expect(ovh.textsTo(to, since).join('\n')).toMatch(/Re-bonjour/);
  });
});

describe('OVHcloud callback behind an IP allow-list, and a wrong application secret', () => {
  let ovh: FakeOvhApi;
  beforeAll(async () => {
    ovh = await new FakeOvhApi([KEYS]).start();
  });
  afterAll(async () => {
    await ovh.stop();
  });

  it('refuses a caller outside OVH_ALLOWED_IPS with 403 before parsing, and serves one inside', async () => {
    const outside = await startChannels({ env: ovhEnv(ovh.baseUrl, { OVH_ALLOWED_IPS: '203.0.113.0/24, 198.51.100.7' }) });
    try {
      const r = await postOvh(outside.base, { garbage: '%%%' });
      expect(r.status).toBe(403);
      expect(r.body).toMatch(/OVH_ALLOWED_IPS/);
    } finally {
      await outside.close();
    }
    const inside = await startChannels({ env: ovhEnv(ovh.baseUrl, { OVH_ALLOWED_IPS: '127.0.0.0/8' }) });
    try {
      expect((await postOvh(inside.base, ovhFields('+33600001010', 'Bonjour'))).status).toBe(200);
    } finally {
      await inside.close();
    }
  });

  it('a wrong application secret is refused by OVH: nothing is sent, the callback still answers', async () => {
    const h = await startChannels({ env: ovhEnv(ovh.baseUrl, { OVH_APPLICATION_SECRET: 'aWrongSecretForTests0123456789ab' }) });
    try {
      const since = ovh.sent.length;
      expect((await postOvh(h.base, ovhFields('+33600001011', 'Bonjour'))).status).toBe(200);
      expect(ovh.refused.length).toBeGreaterThan(0);
      expect(ovh.sent.length).toBe(since);
    } finally {
      await h.close();
    }
  });
});

describe("a territory's own OVHcloud account, and a mediator's reply", () => {
  const CVL = { applicationKey: 'ovhCvlAppKey0001', applicationSecret: 'ovhCvlAppSecret0123456789abcdef0', consumerKey: 'ovhCvlConsumerKey0123456789abcd' };
  const CVL_SECRET = 'cvl-own-callback-secret-0123456789';
  let dir: string;
  let ovh: FakeOvhApi;
  let h: ChannelHarness;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ovh-territories-'));
    copyFileSync(join(CONFIG_DIR, 'territories', 'demo.yaml'), join(dir, 'demo.yaml'));
    writeFileSync(
      join(dir, 'ovh-cvl.yaml'),
      'id: ovh-cvl\nname: Territoire OVH\nkind: région\ncoverage: { departements: ["37"] }\nchannels:\n  sms-ovh: { numbers: ["+33757000202"], credentials: CVL }\ntimezone: Europe/Paris\nhours: "24/7"\n',
    );
    ovh = await new FakeOvhApi([KEYS, CVL]).start();
    h = await startChannels({
      territoriesDir: dir,
      onDuty: true,
      env: ovhEnv(ovh.baseUrl, {
        OVH_APPLICATION_KEY_CVL: CVL.applicationKey,
        OVH_APPLICATION_SECRET_CVL: CVL.applicationSecret,
        OVH_CONSUMER_KEY_CVL: CVL.consumerKey,
        OVH_SMS_SERVICE_NAME_CVL: 'sms-cv12345-1',
        OVH_SMS_NUMBER_CVL: '+33757000202',
        OVH_CALLBACK_SECRET_CVL: CVL_SECRET,
      }),
    });
  });
  afterAll(async () => {
    await h.close();
    await ovh.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a territory's number is answered from its own number, signed with its own keys", async () => {
    const from = '+33600003001';
    const since = ovh.sent.length;
    expect((await postOvh(h.base, ovhFields(from, 'Bonjour'), { secret: CVL_SECRET })).status).toBe(200);
    const jobs = ovh.sent.slice(since);
    expect(jobs.length).toBeGreaterThan(0);
    for (const j of jobs) expect(j).toMatchObject({ service: 'sms-cv12345-1', number: '0033757000202', receivers: [ovhNumber(from)] });
    expect(ovh.refused).toEqual([]);
  });

  it('a mediator’s reply reaches the citizen through the outbox, once', async () => {
    const from = '+33600003002';
    await postOvh(h.base, ovhFields(from, 'Bonjour'));
    const since = ovh.sent.length;
    const userId = await h.ta.app.contacts.touch('sms-ovh', from, h.ta.app.now());
    await h.ta.app.messaging['sms-ovh']!.deliver(
      { channelId: 'sms-ovh', user: { id: userId, name: '' }, bot: { id: OVH.number, name: '' }, conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } },
      [{ type: 'message', text: 'Bonjour, ici votre conseillère.' }],
    );
    expect(ovh.textsTo(ovhNumber(from), since)).toEqual(['Bonjour, ici votre conseillère.']);
  });
});
