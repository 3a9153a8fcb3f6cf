/**
 * Phone calls (Twilio Programmable Voice, issue 22) on the real app: Twilio's documented Voice webhook
 * parameters and signature, TwiML answers (<Say language="fr-FR"> in a <Gather input="speech dtmf">), keys and
 * words, "répète" and `*`, `0` for a person, links by SMS to the caller's own number (never read aloud), the
 * state shared with SMS, and every guide transcript replayed over a call with a length budget per spoken
 * message and no URL ever inside <Say>.
 */
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { twilioSignature, validTwilioSignature } from '../../src/channels/sms/twilio';
import { SAY_MAX_CHARS } from '../../src/channels/phone/speech';
import { callText } from '../../src/channels/phone/route';
import { durationMs, loadTranscripts } from '../helpers/transcript';
import { OUR_NUMBER, PUBLIC, TWILIO_SID, TWILIO_TOKEN, postSms, smsFields, startChannels, type ChannelHarness } from '../helpers/channels';

const PATH = '/api/voice/twilio';

/** The parameters Twilio documents for a Voice webhook (https://www.twilio.com/docs/usage/webhooks/voice-webhooks). */
function callFields(from: string, callSid: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CallSid: callSid,
    AccountSid: TWILIO_SID,
    From: from,
    To: OUR_NUMBER,
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
    Direction: 'inbound',
    ForwardedFrom: '',
    CallerName: '',
    FromCity: 'LIMOGES',
    FromState: '',
    FromZip: '',
    FromCountry: 'FR',
    ToCity: '',
    ToState: '',
    ToZip: '',
    ToCountry: 'FR',
    Caller: from,
    Called: OUR_NUMBER,
    CallToken: '%7B%22parentCallInfoToken%22%3A%22eyJhbGciOiJFUzI1NiJ9%22%7D',
    ...extra,
  };
}

interface Spoken {
  status: number;
  body: string;
  says: Array<{ lang: string; text: string }>;
  gather?: Record<string, string>;
  redirect?: string;
}

const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** POST a call webhook as Twilio would (signed with Twilio's own helper over the URL with its query). */
async function call(base: string, path: string, fields: Record<string, string>, opts: { signature?: string | null } = {}): Promise<Spoken> {
  const signature = opts.signature === undefined ? twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}${path}`, fields) : opts.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  const body = await res.text();
  const gatherTag = /<Gather ([^>]*)>/.exec(body)?.[1];
  // Only the Says inside the Gather: what the caller hears as the answer (the one after it is for silence).
  const inside = /<Gather[^>]*>([\s\S]*?)<\/Gather>/.exec(body)?.[1] ?? body;
  const says = [...inside.matchAll(/<Say language="([^"]*)">([\s\S]*?)<\/Say>/g)].map((m) => ({ lang: m[1], text: unxml(m[2]) }));
  const gather = gatherTag ? Object.fromEntries([...gatherTag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], unxml(m[2])])) : undefined;
  const redirect = /<Redirect[^>]*>([^<]*)<\/Redirect>/.exec(body)?.[1];
  return { status: res.status, body, says, gather, redirect: redirect && unxml(redirect) };
}

const heard = (s: Spoken) => s.says.map((x) => x.text).join('\n');
/** An address (a site's bare name, "ameli.fr", may be said: it is how people find it; its address never). */
const URL_LIKE = /https?:|www\.|\b[a-z0-9-]+\.[a-z]{2,}\/\S/i;

/** A caller: each answer goes to the action URL of the previous Gather, as Twilio does. */
class Caller {
  next = PATH;
  last?: Spoken;
  constructor(
    private readonly base: string,
    readonly from: string,
    readonly callSid: string,
  ) {}
  async start(): Promise<Spoken> {
    return this.post({});
  }
  async say(words: string): Promise<Spoken> {
    return this.post({ SpeechResult: words, Confidence: '0.92' });
  }
  async press(digits: string): Promise<Spoken> {
    return this.post({ Digits: digits });
  }
  async silent(): Promise<Spoken> {
    if (!this.last?.redirect) throw new Error('no redirect to follow');
    this.next = this.last.redirect;
    const res = await call(this.base, this.next, callFields(this.from, this.callSid));
    this.last = res;
    if (res.gather) this.next = res.gather.action;
    return res;
  }
  private async post(extra: Record<string, string>): Promise<Spoken> {
    const res = await call(this.base, this.next, callFields(this.from, this.callSid, extra));
    this.last = res;
    if (res.gather) this.next = res.gather.action;
    return res;
  }
}

let callCount = 0;
const callSid = () => `CA${String(++callCount).padStart(32, '0')}`;

describe('Twilio Voice signature', () => {
  it('is Twilio\'s documented computation (their example), and ours agrees with their helper on a Voice webhook', () => {
    const params: Array<[string, string]> = [
      ['CallSid', 'CA1234567890ABCDE'],
      ['Caller', '+14158675310'],
      ['Digits', '1234'],
      ['From', '+14158675310'],
      ['To', '+18005551212'],
    ];
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    const fields = callFields('+33612345678', 'CA0123456789abcdef0123456789abcdef', { SpeechResult: 'oui', Confidence: '0.9' });
    const url = `${PUBLIC}${PATH}?turn=3`;
    expect(validTwilioSignature(TWILIO_TOKEN, url, Object.entries(fields), twilio.getExpectedTwilioSignature(TWILIO_TOKEN, url, fields))).toBe(true);
  });

  it('maps keys and words to messages: * repeats, 0 asks for a person, # ends the keys', () => {
    expect(callText({ Digits: '*' }, 3, 0)).toBe('répète');
    expect(callText({ Digits: '0' }, 3, 0)).toBe('conseiller');
    expect(callText({ Digits: '87000#' }, 3, 0)).toBe('87000');
    expect(callText({ SpeechResult: ' Je voudrais mon attestation. ' }, 3, 0)).toBe('Je voudrais mon attestation.');
    expect(callText({}, 0, 0)).toBe('bonjour');
    expect(callText({}, 4, 1)).toBe('répète');
  });
});

describe('phone calls', () => {
  let h: ChannelHarness;
  let off: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { TWILIO_VOICE: 'true' } });
    off = await startChannels();
  });
  afterAll(async () => {
    await h.close();
    await off.close();
  });
  beforeEach(() => h.provider.clear());

  it('is off without TWILIO_VOICE (404), and checks the signature before reading any field (400 / 403)', async () => {
    expect((await call(off.base, PATH, callFields('+33612340001', callSid()))).status).toBe(404);
    expect((await call(off.base, `${DIAL_PATH}?turn=3`, callFields('+33612340001', callSid(), dialEnded('no-answer')))).status).toBe(404);
    const fields = callFields('+33612340001', callSid());
    expect((await call(h.base, PATH, fields, { signature: null })).status).toBe(400);
    expect((await call(h.base, PATH, fields, { signature: twilio.getExpectedTwilioSignature('not-the-token-0123456789', `${PUBLIC}${PATH}`, fields) })).status).toBe(403);
    // The query is signed too: a turn number changed after signing is refused.
    const signed = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}${PATH}?turn=1`, fields);
    expect((await call(h.base, `${PATH}?turn=2`, fields, { signature: signed })).status).toBe(403);
    expect(h.provider.calls).toHaveLength(0);
  });

  it('answers in TwiML: the welcome said in French inside a Gather for speech and keys; the privacy link goes by SMS to the caller', async () => {
    const caller = new Caller(h.base, '+33612340002', callSid());
    const first = await caller.start();
    expect(first.status).toBe(200);
    expect(first.body.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response><Gather ')).toBe(true);
    expect(first.gather).toMatchObject({ input: 'speech dtmf', language: 'fr-FR', method: 'POST', action: `${PATH}?turn=1` });
    expect(first.says.every((s) => s.lang === 'fr-FR')).toBe(true);
    expect(heard(first)).toContain('Bonjour ! Je suis Pas à pas');
    expect(heard(first)).toContain('Je vous envoie le lien par SMS.');
    // Choices are said with their keys.
    expect(heard(first)).toMatch(/« [^»]+ » : tapez 1, ou dites-le\./);
    expect(heard(first)).not.toMatch(URL_LIKE);
    // The link: one SMS, from the number called, to the caller's own number.
    const sms = h.provider.callsTo('/Messages.json');
    expect(sms).toHaveLength(1);
    expect(sms[0].form).toMatchObject({ To: '+33612340002', From: OUR_NUMBER });
    expect(sms[0].form?.Body).toMatch(/^https?:\/\//);
    // Silence: said again after "Je n'ai rien entendu", then goodbye.
    expect(first.body).toContain('</Gather><Say language="fr-FR">Je n&apos;ai rien entendu. Je répète.</Say><Redirect method="POST">/api/voice/twilio?turn=1&amp;silence=1</Redirect>');
  });

  it('walks a guide by keys and words; * and "répète" say the question again; the state is the SMS one (a caller goes on by SMS)', async () => {
    const from = '+33612340003';
    const caller = new Caller(h.base, from, callSid());
    await caller.start();
    const guide = await caller.say("j'ai perdu ma carte vitale");
    expect(heard(guide)).toMatch(/carte Vitale/i);
    const question = guide.says[guide.says.length - 1].text;
    const again = await caller.press('*');
    expect(again.says[again.says.length - 1].text).toBe(question);
    const again2 = await caller.say('répète');
    expect(again2.says[again2.says.length - 1].text).toBe(question);
    const step = await caller.press('1');
    expect(heard(step)).not.toMatch(URL_LIKE);
    // The same number by SMS: the same conversation, where the call left it.
    h.ta.clock.advance(60_000);
    const sms = await postSms(h.base, smsFields(from, 'répète'));
    const where = /Étape \d+ sur \d+/.exec(heard(step))?.[0];
    expect(where).toBeDefined();
    expect(sms.messages.join('\n')).toContain(where!);
    expect(sms.messages.join('\n')).toContain('Vous êtes dans votre compte ?');
  });

  it('0 or "conseiller" reaches the handoff; a silent caller hears the question again, then goodbye', async () => {
    const caller = new Caller(h.base, '+33612340004', callSid());
    await caller.start();
    const person = await caller.press('0');
    expect(heard(person)).toMatch(/conseiller|personne/i);
    const byWord = new Caller(h.base, '+33612340005', callSid());
    await byWord.start();
    expect(heard(await byWord.say('je veux parler à un conseiller'))).toMatch(/conseiller|personne/i);
    await byWord.silent();
    await byWord.silent();
    const bye = await byWord.silent();
    expect(bye.body).toContain('<Hangup/>');
    expect(heard(bye)).toMatch(/Au revoir/);
  });

  it('0, nobody on duty: the callback takes the number the caller calls from, only confirmed (never asked to type it)', async () => {
    const caller = new Caller(h.base, '+33612340006', callSid());
    await caller.start();
    const none = await caller.press('0');
    expect(heard(none)).toContain("Aucun conseiller n'est disponible maintenant.");
    expect(heard(none)).toMatch(/« Un rappel par téléphone » : tapez (\d)/);
    const key = /« Un rappel par téléphone » : tapez (\d)/.exec(heard(none))![1];
    const confirm = await caller.press(key);
    expect(heard(confirm)).toContain("J'ai noté le 06 12 34 00 06. C'est bien ça ?");
    expect(heard(confirm)).not.toContain('numéro de téléphone');
    expect(heard(await caller.say('oui'))).toContain('Quand pouvons-nous vous appeler ?');
  });

  it('after STOP by SMS the call says how to come back (START, said), and START said on the call works', async () => {
    const from = '+33612340007';
    await postSms(h.base, smsFields(from, 'bonjour'));
    await postSms(h.base, smsFields(from, 'STOP'));
    const caller = new Caller(h.base, from, callSid());
    const silent = await caller.start();
    expect(heard(silent)).toBe('Je vous écoute. Pour entendre le menu, dites : menu. Si vous aviez envoyé STOP par SMS, dites : start.');
    expect(h.provider.callsTo('/Messages.json')).toHaveLength(0);
    const back = await caller.say('start');
    expect(heard(back)).toMatch(/Que voulez-vous faire/);
  });

  it('a hidden number is told kindly to call again without hiding it (no shared conversation)', async () => {
    const hidden = await call(h.base, PATH, callFields('anonymous', callSid()));
    expect(hidden.status).toBe(200);
    expect(hidden.body).toContain('Votre numéro est masqué');
    expect(hidden.body).toContain('<Hangup/>');
  });
});

const DIAL_PATH = '/api/voice/twilio/dial';
const LINE = '+33555000001';

/** The <Dial> of an answer, its attributes and the number dialled; undefined without one. */
function dialOf(s: Spoken): { attrs: Record<string, string>; number: string } | undefined {
  const m = /<Dial ([^>]*)><Number>([^<]*)<\/Number><\/Dial>/.exec(s.body);
  return m ? { attrs: Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], unxml(x[2])])), number: m[2] } : undefined;
}

/** What Twilio adds to the call's parameters when the dialled call ends (the Dial's action request). */
const dialEnded = (status: string) => ({ DialCallStatus: status, DialCallSid: `CA${'d'.repeat(32)}`, DialCallDuration: status === 'completed' ? '312' : '0' });

describe('phone calls: put through to the mediator line (<Dial>)', () => {
  let withLine: ChannelHarness;
  let noLine: ChannelHarness;
  let nobody: ChannelHarness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pasapas-dial-'));
    copyFileSync(join(__dirname, '..', '..', 'config', 'territories', 'demo.yaml'), join(dir, 'demo.yaml'));
    appendFileSync(join(dir, 'demo.yaml'), `voice:\n  mediatorLine: "${LINE}"\n`);
    withLine = await startChannels({ onDuty: true, territoriesDir: dir, env: { TWILIO_VOICE: 'true' } });
    noLine = await startChannels({ onDuty: true, env: { TWILIO_VOICE: 'true' } });
    nobody = await startChannels({ territoriesDir: dir, env: { TWILIO_VOICE: 'true' } });
  });
  afterAll(async () => {
    await Promise.all([withLine.close(), noLine.close(), nobody.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A caller who asks for a person (0) and agrees to share the guide with the mediator. */
  async function askPerson(h: ChannelHarness, from: string): Promise<{ caller: Caller; answer: Spoken }> {
    const caller = new Caller(h.base, from, callSid());
    await caller.start();
    const consent = await caller.press('0');
    expect(heard(consent)).toContain('Un conseiller peut vous aider.');
    return { caller, answer: await caller.press('1') };
  }

  it('someone on duty and a line: one short sentence, then <Dial> to the line from our number, with a timeout and an action; the request is queued for the console', async () => {
    const { answer } = await askPerson(withLine, '+33612340101');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say language="fr-FR">Je vous passe un conseiller\. Restez en ligne, ça sonne\.<\/Say><Dial /);
    expect(answer.gather).toBeUndefined();
    const dial = dialOf(answer)!;
    expect(dial.number).toBe(LINE);
    expect(dial.attrs).toMatchObject({ action: `${DIAL_PATH}?turn=3`, method: 'POST', callerId: OUR_NUMBER, answerOnBridge: 'true' });
    expect(Number(dial.attrs.timeout)).toBeGreaterThanOrEqual(10);
    expect(Number(dial.attrs.timeout)).toBeLessThanOrEqual(30);
    // Recorded as any handoff: the request waits in the territory's queue, where the mediator who picks up takes it.
    const waiting = await withLine.ta.app.queue.waiting('demo');
    expect(waiting.map((r) => r.reason)).toEqual(['command']);
  });

  it('the line does not answer (DialCallStatus no-answer, busy, failed): the callback, with the caller\'s number already known, in place of the request', async () => {
    for (const [i, status] of ['no-answer', 'busy', 'failed'].entries()) {
      const from = `+3361234020${i}`;
      const { caller, answer } = await askPerson(withLine, from);
      const action = dialOf(answer)!.attrs.action;
      const fallback = await call(withLine.base, action, callFields(from, caller.callSid, dialEnded(status)));
      expect(fallback.status).toBe(200);
      expect(dialOf(fallback)).toBeUndefined();
      expect(heard(fallback)).toContain("Le conseiller n'a pas pu décrocher.");
      expect(fallback.gather?.action).toBe(`${PATH}?turn=4`);
      caller.next = fallback.gather!.action;
      const key = /« Un rappel par téléphone » : tapez (\d)/.exec(heard(fallback))![1];
      const confirm = await caller.press(key);
      expect(heard(confirm)).toContain(`J'ai noté le 06 12 34 02 0${i}. C'est bien ça ?`);
      expect(heard(await caller.say('oui'))).toContain('Quand pouvons-nous vous appeler ?');
      expect(heard(await caller.say('quand vous voulez'))).toMatch(new RegExp(`On essaiera de vous appeler .*, au 06 12 34 02 0${i}\\.`));
    }
    // The same requests, now callbacks to the numbers that called: counted like any callback.
    const callbacks = await withLine.ta.app.queue.callbacks('demo');
    expect(callbacks.map((r) => r.callbackPhone).sort()).toEqual(['+33612340200', '+33612340201', '+33612340202']);
    expect((await withLine.ta.app.queue.waiting('demo')).map((r) => r.id)).not.toEqual(expect.arrayContaining(callbacks.map((r) => r.id)));
  });

  it('the line answered (DialCallStatus completed): goodbye, and the request stays for the mediator to take and close with its outcome', async () => {
    const from = '+33612340301';
    const { caller, answer } = await askPerson(withLine, from);
    const before = (await withLine.ta.app.queue.waiting('demo')).length;
    const over = await call(withLine.base, dialOf(answer)!.attrs.action, callFields(from, caller.callSid, dialEnded('completed')));
    expect(over.status).toBe(200);
    expect(heard(over)).toBe('Merci de votre appel. Au revoir !');
    expect(over.body).toContain('<Hangup/>');
    expect((await withLine.ta.app.queue.waiting('demo')).length).toBe(before);
  });

  it('the action is checked like the voice webhook: unsigned 400, badly signed 403, nothing run', async () => {
    const from = '+33612340401';
    const { caller, answer } = await askPerson(withLine, from);
    const action = dialOf(answer)!.attrs.action;
    const fields = callFields(from, caller.callSid, dialEnded('no-answer'));
    withLine.provider.clear();
    expect((await call(withLine.base, action, fields, { signature: null })).status).toBe(400);
    expect((await call(withLine.base, action, fields, { signature: twilio.getExpectedTwilioSignature('not-the-token-0123456789', `${PUBLIC}${action}`, fields) })).status).toBe(403);
    // Signed for another path (the main webhook's): refused on the action.
    expect((await call(withLine.base, action, fields, { signature: twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}${PATH}?turn=3`, fields) })).status).toBe(403);
    expect((await withLine.ta.app.queue.callbacks('demo')).map((r) => r.callbackPhone)).not.toContain(from);
    expect(withLine.provider.calls).toHaveLength(0);
  });

  it('someone on duty but no line configured: no <Dial>, the request is queued as on SMS', async () => {
    const { answer } = await askPerson(noLine, '+33612340501');
    expect(dialOf(answer)).toBeUndefined();
    expect(heard(answer)).toMatch(/Vous êtes n°1 dans la file/);
  });

  it('a line but nobody on duty: no <Dial>, the callback with the caller\'s number known', async () => {
    const caller = new Caller(nobody.base, '+33612340601', callSid());
    await caller.start();
    const none = await caller.press('0');
    expect(dialOf(none)).toBeUndefined();
    expect(heard(none)).toContain("Aucun conseiller n'est disponible maintenant.");
    const key = /« Un rappel par téléphone » : tapez (\d)/.exec(heard(none))![1];
    expect(heard(await caller.press(key))).toContain("J'ai noté le 06 12 34 06 01. C'est bien ça ?");
  });
});

const transcripts = loadTranscripts(join(__dirname, '..', 'transcripts')).filter(
  (t) => t.guides !== 'fixtures' && !t.channel && !t.steps.some((s) => s.mediator) && !t.onDuty,
);

describe('guide transcripts replayed over a call', () => {
  let h: ChannelHarness;
  let n = 0;
  let start = 0;
  beforeAll(async () => {
    h = await startChannels({ env: { TWILIO_VOICE: 'true' } });
    start = h.ta.clock.now;
  });
  afterAll(async () => {
    await h.close();
  });

  it('has guide transcripts to replay', () => {
    expect(transcripts.length).toBeGreaterThan(20);
  });

  test.each(transcripts.map((t) => [`${t.file}: ${t.name}`, t] as const))('%s', async (_title, t) => {
    n += 1;
    const caller = new Caller(h.base, `+336200${String(n).padStart(5, '0')}`, callSid());
    h.ta.clock.now = start + n * 60_000;
    await caller.start();
    for (const step of t.steps) {
      if (step.wait) h.ta.clock.advance(durationMs(step.wait));
      if (step.user === undefined) continue;
      h.ta.clock.advance(7_000);
      const spoken = await caller.say(step.user);
      expect(spoken.status).toBe(200);
      for (const s of spoken.says) {
        if (s.text.length > SAY_MAX_CHARS) throw new Error(`"${step.user}" → a spoken message of ${s.text.length} characters:\n${s.text}`);
        if (URL_LIKE.test(s.text)) throw new Error(`"${step.user}" → an address read aloud:\n${s.text}`);
      }
      for (const fragment of (step.bot ?? []).filter((f) => /^Étape \d+ sur \d+$/.test(f))) {
        if (!heard(spoken).includes(fragment)) throw new Error(`"${step.user}" → expected "${fragment}" over the phone, got:\n${heard(spoken)}`);
      }
    }
  });
});
