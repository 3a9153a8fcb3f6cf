/** Running the app with the messaging channels on, against a fake provider on loopback. */
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { startTestApp, type TestApp } from './app';
import { FakeProvider } from './fakeProvider';
import type { AppOptions } from '../../src/app';

export const PUBLIC = 'https://pasapas.example.org';
export const TWILIO_TOKEN = 'twilio-auth-token-for-tests-0123';
export const TWILIO_SID = `AC${'a1'.repeat(16)}`;
export const WA_SECRET = 'whatsapp-app-secret-for-tests-01';
export const WA_VERIFY = 'whatsapp-verify-token-for-tests';
export const WA_ACCESS = 'whatsapp-access-token-for-tests';
export const TG_SECRET = 'telegram-secret-token-for-tests';
export const TG_BOT = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef';
export const OUR_NUMBER = '+33757000000';
export const WA_PHONE_ID = '109876543210';

export interface ChannelHarness {
  ta: TestApp;
  provider: FakeProvider;
  base: string;
  close(): Promise<void>;
}

export async function startChannels(
  opts: { redis?: boolean | 'cluster'; prefix?: string; onDuty?: boolean; env?: Record<string, string>; provider?: FakeProvider } & Omit<AppOptions, 'now'> = {},
): Promise<ChannelHarness> {
  const provider = opts.provider ?? (await new FakeProvider().start());
  const ta = await startTestApp({
    ...opts,
    env: {
      PUBLIC_BASE_URL: PUBLIC,
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_API_BASE_URL: provider.baseUrl,
      WHATSAPP_APP_SECRET: WA_SECRET,
      WHATSAPP_VERIFY_TOKEN: WA_VERIFY,
      WHATSAPP_ACCESS_TOKEN: WA_ACCESS,
      WHATSAPP_API_BASE_URL: `${provider.baseUrl}/v21.0`,
      TELEGRAM_BOT_TOKEN: TG_BOT,
      TELEGRAM_SECRET_TOKEN: TG_SECRET,
      TELEGRAM_API_BASE_URL: provider.baseUrl,
      // A loaded test machine (or the first number recognition, ~3 s) must not turn a webhook into a 503;
      // the deadline itself is tested against a stalled Redis in test/chaos.
      WEBHOOK_DEADLINE_MS: '60000',
      ...(opts.env ?? {}),
    },
  });
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
  return {
    ta,
    provider,
    base,
    async close() {
      await ta.close();
      if (!opts.provider) await provider.stop();
    },
  };
}

/** POST an SMS webhook as Twilio would: form fields, signed with Twilio's own helper. */
export async function postSms(
  base: string,
  fields: Record<string, string>,
  opts: { token?: string; signedUrl?: string; signature?: string | null; path?: string } = {},
): Promise<{ status: number; body: string; messages: string[] }> {
  const path = opts.path ?? '/api/sms/twilio';
  const signature =
    opts.signature === undefined ? twilio.getExpectedTwilioSignature(opts.token ?? TWILIO_TOKEN, opts.signedUrl ?? `${PUBLIC}${path}`, fields) : opts.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  const body = await res.text();
  const messages = [...body.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
  );
  return { status: res.status, body, messages };
}

/**
 * The same message delivered several times at once: one delivery runs the turn (200); the others find it
 * pending (503: come back later) or already done (200, nothing more). Then the provider's retries of the
 * 503s are plain duplicates (200).
 */
export async function expectOneTurn(results: Array<{ status: number }>, retry: () => Promise<{ status: number }>): Promise<void> {
  expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 503)).toEqual([]);
  expect(results.some((r) => r.status === 200)).toBe(true);
  for (const r of results) if (r.status === 503) expect((await retry()).status).toBe(200);
}

let sidCounter = 0;
export function smsFields(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  sidCounter += 1;
  return {
    MessageSid: `SM${String(sidCounter).padStart(8, '0')}${Math.random().toString(16).slice(2, 10)}${'0'.repeat(16)}`,
    AccountSid: TWILIO_SID,
    From: from,
    To: OUR_NUMBER,
    Body: body,
    NumMedia: '0',
    ...extra,
  };
}

export function waSign(raw: string | Buffer, secret = WA_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

let waCounter = 0;
export function waText(from: string, text: string, phoneNumberId = WA_PHONE_ID): Record<string, unknown> {
  waCounter += 1;
  return waPayload(phoneNumberId, [{ from, id: `wamid.test${waCounter}${Math.random().toString(16).slice(2)}`, timestamp: '1700000000', type: 'text', text: { body: text } }]);
}

export function waPayload(phoneNumberId: string, messages: unknown[]): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '33757000001', phone_number_id: phoneNumberId }, contacts: [{ wa_id: '33612345678', profile: { name: 'Test' } }], messages } }] }],
  };
}

export async function postWhatsApp(base: string, payload: unknown, opts: { signature?: string | null; raw?: string } = {}): Promise<{ status: number; body: string }> {
  const raw = opts.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? waSign(raw) : opts.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await fetch(`${base}/api/whatsapp`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text() };
}

export async function postTelegram(base: string, update: unknown, opts: { secret?: string | null; path?: string; raw?: string } = {}): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secret = opts.secret === undefined ? TG_SECRET : opts.secret;
  if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
  const res = await fetch(`${base}/api/telegram/${opts.path ?? 'pasapas'}`, { method: 'POST', headers, body: opts.raw ?? JSON.stringify(update) });
  return { status: res.status, body: await res.text() };
}

let updateCounter = 1000;
export function tgText(chatId: number, text: string): Record<string, unknown> {
  updateCounter += 1;
  return { update_id: updateCounter, message: { message_id: updateCounter, date: 1700000000, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'T' }, text } };
}

/** OVHcloud SMS for tests: one service-wide account (docs/sms-operators.md). */
export const OVH = {
  applicationKey: 'ovhAppKeyForTests1',
  applicationSecret: 'ovhAppSecretForTests0123456789ab',
  consumerKey: 'ovhConsumerKeyForTests0123456789',
  serviceName: 'sms-ab12345-1',
  number: '+33700000001',
  callbackSecret: 'ovh-callback-secret-for-tests-0123',
};

export function ovhEnv(apiBaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OVH_APPLICATION_KEY: OVH.applicationKey,
    OVH_APPLICATION_SECRET: OVH.applicationSecret,
    OVH_CONSUMER_KEY: OVH.consumerKey,
    OVH_SMS_SERVICE_NAME: OVH.serviceName,
    OVH_SMS_NUMBER: OVH.number,
    OVH_CALLBACK_SECRET: OVH.callbackSecret,
    OVH_API_BASE_URL: `${apiBaseUrl}/1.0`,
    // The rate itself is tested in test/channels/outbox.test.ts; here the clock stands still.
    OVH_SMS_PER_SECOND: '1000',
    ...extra,
  };
}

let ovhCounter = 0;
/** The fields of OVHcloud's callback for an SMS received on the virtual number. */
export function ovhFields(from: string, message: string): Record<string, string> {
  ovhCounter += 1;
  return { id: `${Date.now() % 1e9}${ovhCounter}`, senderid: from.replace(/^\+/, '00'), message, date: '2026-12-02 09:00:00' };
}

/** Call the OVH callback as OVH would (GET with a query by default, or a POSTed form). */
export async function postOvh(
  base: string,
  fields: Record<string, string>,
  opts: { secret?: string; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  const path = `/api/sms/ovh/${opts.secret ?? OVH.callbackSecret}`;
  const query = new URLSearchParams(fields).toString();
  const res =
    opts.method === 'POST'
      ? await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers ?? {}) }, body: query })
      : await fetch(`${base}${path}?${query}`, { headers: opts.headers ?? {} });
  return { status: res.status, body: await res.text() };
}

/** Brevo transactional SMS for tests: one service-wide account sending from a number (docs/sms-operators.md, "Brevo"). */
export const BREVO = {
  apiKey: `xkeysib-${'0a1b2c3d'.repeat(8)}-TestKey0123456789`,
  sender: '+33757000300',
  webhookSecret: 'brevo-webhook-secret-for-tests-0123',
};

export function brevoEnv(apiBaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BREVO_API_KEY: BREVO.apiKey,
    BREVO_SMS_SENDER: BREVO.sender,
    BREVO_WEBHOOK_SECRET: BREVO.webhookSecret,
    BREVO_API_BASE_URL: `${apiBaseUrl}/v3`,
    // The rate itself is tested in test/channels/outbox.test.ts; here the clock stands still.
    BREVO_SMS_PER_SECOND: '1000',
    ...extra,
  };
}

let brevoCounter = 0;
/** Brevo's transactional SMS webhook event for a citizen's reply (https://developers.brevo.com/docs/transactional-webhooks). */
export function brevoReply(from: string, reply: string): Record<string, unknown> {
  brevoCounter += 1;
  return { id: 26570, to: from.replace(/^\+/, ''), messageId: 1511882900000000 + brevoCounter, msg_status: 'replied', reply, date: `2026-12-02 09:${String(brevoCounter % 60).padStart(2, '0')}:00`, type: 'transactional', tag: 'pasapas' };
}

/** Post to the Brevo webhook as Brevo would: JSON, the secret in the path. */
export async function postBrevo(base: string, payload: unknown, opts: { secret?: string; raw?: string; contentType?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}/api/sms/brevo/${opts.secret ?? BREVO.webhookSecret}`, {
    method: 'POST',
    headers: { 'content-type': opts.contentType ?? 'application/json', ...(opts.headers ?? {}) },
    body: opts.raw ?? JSON.stringify(payload),
  });
  return { status: res.status, body: await res.text() };
}
