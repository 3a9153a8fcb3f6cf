/**
 * Twilio's side of SMS: the request signature (HMAC-SHA1, base64, over the public URL of the webhook
 * followed by every POST field sorted by name, name then value), TwiML answers, and the Messages
 * REST API for messages sent outside a webhook answer.
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { callProvider } from '../webhook/provider';

/** What Twilio signs after the URL: every field sorted by name (then value), name then value. */
function signedFields(params: Array<[string, string]>): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  let data = '';
  for (const [k, v] of sorted) data += k + v;
  return data;
}

/** Each account's key imported once (a string key is imported again at every HMAC: half its cost). */
const keys = new Map<string, KeyObject>();
function keyOf(authToken: string): KeyObject {
  let key = keys.get(authToken);
  if (!key) {
    key = createSecretKey(Buffer.from(authToken, 'utf8'));
    if (keys.size < 100) keys.set(authToken, key);
  }
  return key;
}

const sign = (authToken: string, data: string) => createHmac('sha1', keyOf(authToken)).update(data, 'utf8').digest('base64');

export function twilioSignature(authToken: string, url: string, params: Array<[string, string]>): string {
  return sign(authToken, url + signedFields(params));
}

/** The variants of the last URL asked: every webhook of a route is called at the same public URL. */
let lastVariants: { url: string; variants: string[] } | undefined;

/** Twilio signs the URL it called; behind a proxy that is the configured public URL, with or without the default port. */
function urlVariants(url: string): string[] {
  if (lastVariants?.url === url) return lastVariants.variants;
  const variants = computeVariants(url);
  lastVariants = { url, variants };
  return variants;
}

function computeVariants(url: string): string[] {
  const u = new URL(url);
  const out = [url];
  const defaultPort = u.protocol === 'https:' ? '443' : '80';
  if (u.port === '') {
    // URL drops default ports on serialisation: rebuild by hand.
    out.push(`${u.protocol}//${u.hostname}:${defaultPort}${u.pathname}${u.search}`);
  } else if (u.port === defaultPort) {
    out.push(`${u.protocol}//${u.hostname}${u.pathname}${u.search}`);
  }
  return out;
}

/**
 * The signature received against the one computed, in constant time. Both are the base64 of an HMAC-SHA1 (28
 * characters; one of another length is simply wrong): nothing secret is in a length, so the bytes are compared
 * directly — no hashing of both sides as `safeEqual` does for secrets of any length (two SHA-256 a request).
 */
function sameSignature(computed: string, received: string): boolean {
  const a = Buffer.from(computed, 'latin1');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function validTwilioSignature(authToken: string, url: string, params: Array<[string, string]>, signature: string): boolean {
  const fields = signedFields(params);
  // The URL as configured first; the other port form only when it does not match (an HMAC is ~5 % of an SMS
  // turn). Which variant matched is no secret: both are public URLs, and each comparison is constant-time.
  for (const candidate of urlVariants(url)) if (sameSignature(sign(authToken, candidate + fields), signature)) return true;
  return false;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function twiml(messages: string[]): string {
  const body = messages
    .map((m) => `<Message>${m.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')}</Message>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
}

/** POST /2010-04-01/Accounts/{sid}/Messages.json — one SMS (Twilio concatenates segments). */
export async function sendTwilioMessage(apiBaseUrl: string, account: TwilioAccount, from: string, to: string, body: string): Promise<void> {
  await callProvider({
    provider: 'twilio',
    url: `${apiBaseUrl}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`,
    headers: {
      authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ To: to, From: from, Body: body }).toString(),
  });
}
