/**
 * SMS through Twilio's webhook, end to end on the real app: signatures (Twilio's documented vector
 * and Twilio's own helper), replies as TwiML within the segment budget, "SUITE", STOP/START,
 * retries of one MessageSid on two instances sharing Redis, and mediator messages through the
 * Messages API of a fake Twilio on loopback.
 */
import twilio from 'twilio';
import { countSms } from '../../src/text/sms';
import { twilioSignature, twiml } from '../../src/channels/sms/twilio';
import { fitSms } from '../../src/channels/sms/smsText';
import { Undeliverable } from '../../src/channels/webhook/messaging';
import { OUR_NUMBER, PUBLIC, TWILIO_TOKEN, postSms, smsFields, startChannels, type ChannelHarness, expectOneTurn } from '../helpers/channels';
import { FakeProvider } from '../helpers/fakeProvider';
import { randomPrefix } from '../helpers/redis';

const CITIZEN = '+33612345678';

describe('Twilio request signature', () => {
  it("matches Twilio's documented example", () => {
    const params: Array<[string, string]> = [
      ['CallSid', 'CA1234567890ABCDE'],
      ['Caller', '+14158675310'],
      ['Digits', '1234'],
      ['From', '+14158675310'],
      ['To', '+18005551212'],
    ];
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
  });

  it("agrees with Twilio's own helper, accents included", () => {
    const fields = { Body: 'Déclaration d’impôts ? çà et là', From: CITIZEN, To: OUR_NUMBER, MessageSid: 'SMabc', Zeta: '', alpha: '1' };
    expect(twilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/sms/twilio`, Object.entries(fields))).toBe(
      twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/sms/twilio`, fields),
    );
  });
});

describe('SMS texts', () => {
  it('escapes what TwiML would read as markup', () => {
    expect(twiml(['<script>alert(1)</script> & "co"'])).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
  });

  it('cuts a long UCS-2 text into messages of at most 2 segments, links whole', () => {
    const link = 'https://www.impots.gouv.fr/accueil-tres-long-chemin-pour-voir';
    const text = `${'Vous êtes prêt à déclarer vos revenus en ligne. '.repeat(8)}Allez sur ${link} maintenant.`;
    const parts = fitSms(text, 2);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(countSms(p).segments).toBeLessThanOrEqual(2);
    expect(parts.some((p) => p.includes(link))).toBe(true);
  });
});

describe('POST /api/sms/twilio (embedded default)', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels();
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers a first SMS with the welcome and a numbered menu, every message within 2 segments', async () => {
    const r = await postSms(h.base, smsFields('+33600000001', 'Bonjour'));
    expect(r.status).toBe(200);
    expect(r.messages.join('\n')).toMatch(/Bonjour ! Je suis Pas à pas/);
    expect(r.messages.length).toBeLessThanOrEqual(4);
    for (const m of r.messages) expect(countSms(m).segments).toBeLessThanOrEqual(2);
  });

  it('refuses a missing signature with 400 and a wrong one with 403', async () => {
    expect((await postSms(h.base, smsFields(CITIZEN, 'Bonjour'), { signature: null })).status).toBe(400);
    expect((await postSms(h.base, smsFields(CITIZEN, 'Bonjour'), { signature: 'AAAA' })).status).toBe(403);
    expect((await postSms(h.base, smsFields(CITIZEN, 'Bonjour'), { token: 'another-token-0123456789' })).status).toBe(403);
  });

  it('refuses a body changed after signing, another URL, and another scheme', async () => {
    const fields = smsFields(CITIZEN, 'Bonjour');
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/sms/twilio`, fields);
    expect((await postSms(h.base, { ...fields, Body: 'Bonjour !' }, { signature })).status).toBe(403);
    expect((await postSms(h.base, fields, { signedUrl: 'https://evil.example.org/api/sms/twilio' })).status).toBe(403);
    expect((await postSms(h.base, fields, { signedUrl: 'http://pasapas.example.org/api/sms/twilio' })).status).toBe(403);
    expect((await postSms(h.base, fields, { signedUrl: `${PUBLIC}/api/sms/twilio?x=1` })).status).toBe(403);
  });

  it('accepts the URL with its default port, a query string, and unknown extra fields', async () => {
    const withPort = await postSms(h.base, smsFields('+33600000002', 'Bonjour'), { signedUrl: 'https://pasapas.example.org:443/api/sms/twilio' });
    expect(withPort.status).toBe(200);
    const query = await postSms(h.base, smsFields('+33600000003', 'Bonjour'), { path: '/api/sms/twilio?territory=demo' });
    expect(query.status).toBe(200);
    const extra = await postSms(h.base, smsFields('+33600000004', 'Bonjour', { FromCity: 'TOURS', SmsStatus: 'received', ApiVersion: '2010-04-01', NewField2031: 'x' }));
    expect(extra.status).toBe(200);
    expect(extra.messages.join('\n')).toMatch(/Je suis Pas à pas/);
  });

  it('answers 413 to an oversized body and 415 to JSON, and keeps serving', async () => {
    const big = await fetch(`${h.base}/api/sms/twilio`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      body: `Body=${'a'.repeat(70_000)}`,
    });
    expect(big.status).toBe(413);
    const json = await fetch(`${h.base}/api/sms/twilio`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twilio-signature': 'x' }, body: '{}' });
    expect(json.status).toBe(415);
    expect((await postSms(h.base, smsFields('+33600000005', 'Bonjour'))).status).toBe(200);
  });

  it('signed but malformed fields get a 400 with the reason', async () => {
    const { MessageSid: _drop, ...noSid } = smsFields(CITIZEN, 'Bonjour');
    const r = await postSms(h.base, noSid);
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/MessageSid/);
  });

  it('runs a guide over SMS with numbered answers, every message within 2 segments', async () => {
    const from = '+33600000010';
    const seen: string[] = [];
    for (const text of ['Bonjour', '1', '1']) {
      const r = await postSms(h.base, smsFields(from, text));
      expect(r.status).toBe(200);
      seen.push(...r.messages);
    }
    expect(seen.join('\n')).toMatch(/impôts|impots/i);
    expect(seen.join('\n')).toMatch(/\n1 /);
    for (const m of seen) expect(countSms(m).segments).toBeLessThanOrEqual(2);
  });

  it('STOP silences every message to that number until START', async () => {
    const from = '+33600000012';
    await postSms(h.base, smsFields(from, 'Bonjour'));
    const stop = await postSms(h.base, smsFields(from, 'ARRÊT'));
    expect(stop.messages.join('\n')).toMatch(/Je ne vous écris plus/);
    expect((await postSms(h.base, smsFields(from, 'Bonjour'))).messages).toEqual([]);
    expect((await postSms(h.base, smsFields(from, 'aide'))).messages).toEqual([]);

    // A proactive message (a mediator's reply) is refused too, and the provider is never called.
    h.provider.clear();
    const userId = (await h.ta.app.contacts.touch('sms', from, h.ta.app.now()));
    await expect(
      h.ta.app.messaging.sms!.deliver({ channelId: 'sms', user: { id: userId, name: '' }, bot: { id: OUR_NUMBER, name: '' }, conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } }, [
        { type: 'message', text: 'Bonjour, ici votre conseillère.' },
      ]),
    ).rejects.toBeInstanceOf(Undeliverable);
    expect(h.provider.calls).toHaveLength(0);

    const start = await postSms(h.base, smsFields(from, 'START'));
    expect(start.messages.join('\n')).toMatch(/Re-bonjour/);
  });

  it('answers a photo without text kindly (we read text only)', async () => {
    const r = await postSms(h.base, smsFields('+33600000013', '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/x.jpg', MediaContentType0: 'image/jpeg' }));
    expect(r.messages.join('\n')).toMatch(/lire que le texte/);
  });

  it('slows down a number that sends more than 10 messages a minute, saying so once', async () => {
    const from = '+33600000014';
    const replies: string[][] = [];
    for (let i = 0; i < 13; i++) replies.push((await postSms(h.base, smsFields(from, 'aide'))).messages);
    expect(replies.slice(0, 10).every((m) => m.length > 0)).toBe(true);
    expect(replies[10].join('\n')).toMatch(/Attendez une minute/);
    expect(replies[11]).toEqual([]);
    expect(replies[12]).toEqual([]);
    h.ta.clock.advance(61_000);
    expect((await postSms(h.base, smsFields(from, 'aide'))).messages.length).toBeGreaterThan(0);
  });

  it('never writes to a number that never wrote to us', async () => {
    h.provider.clear();
    await expect(
      h.ta.app.messaging.sms!.deliver({ channelId: 'sms', user: { id: 'sms:never-wrote', name: '' }, bot: { id: OUR_NUMBER, name: '' } }, [{ type: 'message', text: 'Bonjour' }]),
    ).rejects.toBeInstanceOf(Undeliverable);
    expect(h.provider.calls).toHaveLength(0);
  });
});

describe('SMS with a 1-segment budget (a territory setting)', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { SMS_MAX_SEGMENTS: '1' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('holds a long reply for "SUITE"', async () => {
    const from = '+33600000011';
    // The welcome and the full menu with its numbered lines: the longest reply there is (the menu alone is 3 SMS).
    const menu = await postSms(h.base, smsFields(from, 'Bonjour'));
    const all = [...menu.messages];
    expect(menu.messages.length).toBeLessThanOrEqual(3);
    expect(menu.messages[menu.messages.length - 1]).toMatch(/répondez SUITE/);
    let guard = 0;
    while (all[all.length - 1]?.includes('répondez SUITE') && guard++ < 5) {
      const more = await postSms(h.base, smsFields(from, 'suite'));
      expect(more.messages.length).toBeGreaterThan(0);
      all.push(...more.messages);
    }
    expect(all.join('\n')).toMatch(/Parler à un conseiller/);
    for (const m of all) expect(countSms(m).segments).toBeLessThanOrEqual(1);
  });

});

describe('SMS on two instances sharing Redis', () => {
  const prefix = randomPrefix();
  let provider: FakeProvider;
  let a: ChannelHarness;
  let b: ChannelHarness;
  beforeAll(async () => {
    provider = await new FakeProvider().start();
    a = await startChannels({ redis: true, prefix, provider, onDuty: true });
    b = await startChannels({ redis: true, prefix, provider });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await provider.stop();
  });

  it('a MessageSid retried 3 times at once, on two instances, runs one turn and gets one reply', async () => {
    const from = '+33600000020';
    await postSms(a.base, smsFields(from, 'Bonjour'));
    const fields = smsFields(from, '1');
    const results = await Promise.all([postSms(a.base, fields), postSms(b.base, fields), postSms(a.base, fields)]);
    await expectOneTurn(results, () => postSms(b.base, fields));
    const answered = results.filter((r) => r.messages.length > 0);
    expect(answered).toHaveLength(1);
    expect(answered[0].messages.join('\n')).toMatch(/impôts|impots/i);
    // One turn: the next step follows on from the first, on either instance.
    const next = await postSms(b.base, smsFields(from, '1'));
    expect(next.messages.join('\n')).toMatch(/Étape 1|Etape 1|Pour commencer/);
  });

  it('a mediator reply reaches the citizen by the Messages API, once', async () => {
    const from = '+33600000021';
    await postSms(a.base, smsFields(from, 'Bonjour'));
    const ask = await postSms(a.base, smsFields(from, 'conseiller'));
    expect(ask.status).toBe(200);
    let reply = ask;
    // Consent (if asked) then queued.
    if (/Oui/.test(ask.messages.join('\n'))) reply = await postSms(b.base, smsFields(from, 'oui'));
    expect(reply.messages.join('\n')).toMatch(/conseill/i);
    const app = a.ta.app;
    const waiting = await app.queue.waiting('demo');
    const record = waiting.find((r) => r.channel === 'sms');
    expect(record).toBeDefined();
    const claim = await app.queue.claim('demo', record!.id, 'mediatrice-test', 90_000, app.now());
    expect(claim.leaseToken).toBeDefined();
    provider.clear();
    await app.queue.addMessage('demo', record!.id, { at: app.now(), from: 'mediator', text: 'Bonjour, je suis Claire. Je regarde votre dossier.', mediatorId: 'mediatrice-test' });
    await a.ta.app.notifier.tick();
    await b.ta.app.notifier.tick();
    const sent = provider.callsTo('/Messages.json').filter((c) => (c.form?.Body ?? '').includes('je suis Claire'));
    expect(sent).toHaveLength(1);
    expect(sent[0].form).toMatchObject({ To: from, From: OUR_NUMBER });
    expect(sent[0].headers.authorization).toMatch(/^Basic /);
  });
});

describe('SMS routed by the number written to (To)', () => {
  const CREUSE_NUMBER = '+33757000107';
  const CREUSE_TOKEN = 'creuse-own-twilio-auth-token-01';
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { TWILIO_AUTH_TOKEN_CREUSE: CREUSE_TOKEN, TWILIO_ACCOUNT_SID_CREUSE: `AC${'c3'.repeat(16)}` } });
    await h.ta.app.queue.setPresence('creuse', 'mediateur-creuse', true, 86_400_000, h.ta.app.now());
  });
  afterAll(async () => {
    await h.close();
  });

  it("a Creuse number's SMS is checked with Creuse's own token and its handoff lands in the Creuse queue", async () => {
    const from = '+33600000030';
    const wrongToken = await postSms(h.base, smsFields(from, 'Bonjour', { To: CREUSE_NUMBER }));
    expect(wrongToken.status).toBe(403);
    const send = (text: string) => postSms(h.base, smsFields(from, text, { To: CREUSE_NUMBER }), { token: CREUSE_TOKEN });
    expect((await send('Bonjour')).status).toBe(200);
    let r = await send('conseiller');
    if (/\bOui\b/.test(r.messages.join('\n'))) r = await send('oui');
    expect(r.status).toBe(200);
    const creuse = await h.ta.app.queue.waiting('creuse');
    expect(creuse.filter((x) => x.channel === 'sms')).toHaveLength(1);
    expect((await h.ta.app.queue.waiting('demo')).filter((x) => x.channel === 'sms')).toHaveLength(0);
  });

  it('in the embedded default, an unclaimed number stays with the demo territory (no postal code asked)', async () => {
    const from = '+33600000033';
    const send = (text: string) => postSms(h.base, smsFields(from, text, { To: '+33757999999' }));
    await send('Bonjour');
    expect((await send('conseiller')).messages.join('\n')).not.toMatch(/code postal/);
  });
});

describe('SMS on a national number (the default territory is a real one)', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { DEFAULT_TERRITORY: 'centre-val-de-loire' } });
    await h.ta.app.queue.setPresence('creuse', 'mediateur-creuse', true, 86_400_000, h.ta.app.now());
  });
  afterAll(async () => {
    await h.close();
  });

  it('asking for a mediator asks the postal code first and routes to that territory, once', async () => {
    const from = '+33600000032';
    const send = (text: string) => postSms(h.base, smsFields(from, text, { To: '+33757999999' }));
    await send('Bonjour');
    const ask = await send('conseiller');
    expect(ask.messages.join('\n')).toMatch(/quel est votre code postal \?/);
    expect((await send('je sais pas')).messages.join('\n')).toMatch(/Écrivez les 5 chiffres de votre code postal/);
    let r = await send("c'est 23000 Guéret");
    if (/\bOui\b/.test(r.messages.join('\n'))) r = await send('oui');
    const creuse = (await h.ta.app.queue.waiting('creuse')).filter((x) => x.channel === 'sms');
    expect(creuse.length).toBeGreaterThanOrEqual(1);
    // Leave, and ask again: the postal code is remembered.
    await send('menu');
    const again = await send('conseiller');
    expect(again.messages.join('\n')).not.toMatch(/code postal/);
  });

  it('a number no territory claims goes to the default territory', async () => {
    const r = await postSms(h.base, smsFields('+33600000031', 'Bonjour', { To: '+33757999999' }));
    expect(r.status).toBe(200);
    expect(r.messages.join('\n')).toMatch(/Je suis Pas à pas/);
  });
});
