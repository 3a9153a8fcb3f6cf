/**
 * Property tests of the webhook parsers (SMS, phone calls, WhatsApp, Telegram) over HTTP: random bodies, correctly signed so they
 * reach the parser (and sometimes a turn), never get a 5xx and never bring the server down.
 * 10,000 bodies per channel; oversized bodies get 413.
 */
import fc from 'fast-check';
import twilio from 'twilio';
import { PUBLIC, TG_SECRET, TWILIO_TOKEN, WA_PHONE_ID, startChannels, waSign, type ChannelHarness } from '../helpers/channels';

const RUNS = 10_000;
const BATCH = 25;
/** 10,000 HTTP requests take 3–8 s on an idle machine; CI machines may be busier: no speed is asserted here. */
const FUZZ_TIMEOUT_MS = 180_000;

/**
 * A kept-alive connection the server closed as the next request left (its 5 s idle timer, when a loaded machine
 * stalls this process between two batches) fails with ECONNRESET before any answer: tried once more on a new
 * connection, as webhook senders do. A server that crashed fails the retry too.
 */
async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
    return fetch(url, init);
  }
}

async function inBatches<T>(samples: T[], send: (s: T) => Promise<number>): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let i = 0; i < samples.length; i += BATCH) {
    const codes = await Promise.all(samples.slice(i, i + BATCH).map(send));
    for (const c of codes) statuses.set(c, (statuses.get(c) ?? 0) + 1);
  }
  return statuses;
}

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', 'STOP', 'suite', '1', 'conseiller', '/start', 'é’«»€'));
const phone = fc.oneof(fc.constantFrom('+33612345678', '+33757000000', '+33757000107', '33600000001'), fc.string({ maxLength: 24 }));

describe('webhook parsers under random input', () => {
  let h: ChannelHarness;
  beforeAll(async () => {
    h = await startChannels({ env: { TWILIO_VOICE: 'true' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it(`Twilio: ${RUNS} random signed forms → no 5xx`, async () => {
    const fields = fc.dictionary(
      fc.oneof(fc.constantFrom('MessageSid', 'From', 'To', 'Body', 'NumMedia', 'AccountSid', 'MediaUrl0'), fc.string({ minLength: 1, maxLength: 12 })),
      fc.oneof(text, phone, fc.stringMatching(/^SM[0-9a-f]{32}$/), fc.constantFrom('0', '1', '-1', '99', 'x')),
      { maxKeys: 8 },
    );
    const samples = fc.sample(fields, { numRuns: RUNS, seed: 7 });
    const statuses = await inBatches(samples, async (f) => {
      const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/sms/twilio`, f);
      const res = await post(`${h.base}/api/sms/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(f).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    });
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it(`Twilio Voice: ${RUNS} random signed forms and queries → no 5xx`, async () => {
    const fields = fc.dictionary(
      fc.oneof(fc.constantFrom('CallSid', 'From', 'To', 'SpeechResult', 'Digits', 'CallStatus', 'Confidence'), fc.string({ minLength: 1, maxLength: 12 })),
      fc.oneof(text, phone, fc.stringMatching(/^CA[0-9a-f]{32}$/), fc.constantFrom('0', '1', '*', '#', '12#', 'x')),
      { maxKeys: 8 },
    );
    const query = fc.constantFrom('', '?turn=1', '?turn=x', '?turn=999', '?turn=2&silence=1', '?silence=-1', '?turn=3&silence=9');
    const samples = fc.sample(fc.tuple(fields, query), { numRuns: RUNS, seed: 17 });
    const statuses = await inBatches(samples, async ([f, q]) => {
      const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/voice/twilio${q}`, f);
      const res = await post(`${h.base}/api/voice/twilio${q}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(f).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    });
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it(`WhatsApp: ${RUNS} random signed JSON bodies → no 5xx`, async () => {
    const message = fc.record(
      { from: phone, id: fc.string({ maxLength: 20 }), type: fc.constantFrom('text', 'interactive', 'button', 'image', 'audio', 'reaction', 'x'), text: fc.record({ body: text }), interactive: fc.anything() },
      { requiredKeys: [] },
    );
    const structured = fc.record({
      object: fc.constantFrom('whatsapp_business_account', 'page'),
      entry: fc.array(fc.record({ id: fc.string(), changes: fc.array(fc.record({ field: fc.constantFrom('messages', 'statuses'), value: fc.record({ metadata: fc.record({ phone_number_id: fc.constantFrom(WA_PHONE_ID, '1', 'abc') }), messages: fc.array(message, { maxLength: 3 }) }, { requiredKeys: [] }) }), { maxLength: 2 }) }), { maxLength: 2 }),
    });
    const bodies = fc.oneof(structured.map((v) => JSON.stringify(v)), fc.json({ maxDepth: 4 }), fc.string({ maxLength: 200 }));
    const samples = fc.sample(bodies, { numRuns: RUNS, seed: 11 });
    const statuses = await inBatches(samples, async (raw) => {
      const res = await post(`${h.base}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': waSign(raw) }, body: raw });
      await res.arrayBuffer();
      return res.status;
    });
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it(`Telegram: ${RUNS} random JSON bodies with the secret → no 5xx`, async () => {
    const chat = fc.record({ id: fc.oneof(fc.integer(), fc.string({ maxLength: 12 })), type: fc.constantFrom('private', 'group', 'channel') });
    const structured = fc.record(
      {
        update_id: fc.oneof(fc.nat(), fc.integer(), fc.string({ maxLength: 5 })),
        message: fc.record({ message_id: fc.nat(), chat, text, photo: fc.anything() }, { requiredKeys: [] }),
        callback_query: fc.record({ id: fc.string({ maxLength: 10 }), data: text, message: fc.record({ chat }) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(structured.map((v) => JSON.stringify(v)), fc.json({ maxDepth: 4 }), fc.string({ maxLength: 200 }));
    const samples = fc.sample(bodies, { numRuns: RUNS, seed: 13 });
    const statuses = await inBatches(samples, async (raw) => {
      const res = await post(`${h.base}/api/telegram/pasapas`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: raw });
      await res.arrayBuffer();
      return res.status;
    });
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, FUZZ_TIMEOUT_MS);

  it('oversized bodies get 413 on every channel, and the server keeps serving', async () => {
    const big = 'x'.repeat(600 * 1024);
    const wa = await fetch(`${h.base}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': waSign(big) }, body: big });
    expect(wa.status).toBe(413);
    const tg = await fetch(`${h.base}/api/telegram/pasapas`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET }, body: big });
    expect(tg.status).toBe(413);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });
});
