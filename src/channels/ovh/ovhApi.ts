/**
 * OVHcloud's side of SMS: the signed API call that sends one SMS from a virtual number, and the
 * normalisation of the numbers its callback gives.
 * Signing (https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api, "Signing requests"):
 * X-Ovh-Signature = "$1$" + hex(SHA1(appSecret "+" consumerKey "+" METHOD "+" full URL "+" body "+" timestamp)),
 * sent with X-Ovh-Application (application key), X-Ovh-Consumer (consumer key), X-Ovh-Timestamp (seconds).
 * Sending: POST /sms/{serviceName}/virtualNumbers/{number}/jobs, so the citizen sees the number they wrote to.
 */
import { createHash } from 'node:crypto';
import { callProvider } from '../webhook/provider';
import type { OvhCredentials } from '../../config';

export function ovhSignature(applicationSecret: string, consumerKey: string, method: string, url: string, body: string, timestamp: number): string {
  const data = [applicationSecret, consumerKey, method.toUpperCase(), url, body, String(timestamp)].join('+');
  return `$1$${createHash('sha1').update(data, 'utf8').digest('hex')}`;
}

/** +33612345678 → 0033612345678: the form OVH documents for numbers in paths and receivers. */
export function ovhNumber(e164: string): string {
  return e164.startsWith('+') ? `00${e164.slice(1)}` : e164;
}

/** 0033612345678, 33612345678 or +33612345678 (the callback's senderid) → +33612345678. */
export function e164Of(ovh: string): string {
  const digits = ovh.trim().replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (/^0[1-9]\d{8}$/.test(digits)) return `+33${digits.slice(1)}`; // a French national number
  return `+${digits}`;
}

export interface OvhSendOptions {
  apiBaseUrl: string;
  account: OvhCredentials;
  to: string;
  message: string;
  /** Seconds since the epoch (OVH refuses a clock more than a few seconds off). */
  now: () => number;
  retries?: number;
}

/** One SMS from the account's virtual number. `noStopClause`: these are replies, not marketing (no "STOP 36111" added). */
export async function sendOvhSms(o: OvhSendOptions): Promise<void> {
  const a = o.account;
  const url = `${o.apiBaseUrl}/sms/${encodeURIComponent(a.serviceName)}/virtualNumbers/${encodeURIComponent(ovhNumber(a.number))}/jobs`;
  const body = JSON.stringify({ message: o.message, receivers: [ovhNumber(o.to)], noStopClause: true, priority: 'high', charset: 'UTF-8' });
  const timestamp = Math.floor(o.now());
  await callProvider({
    provider: 'ovh',
    url,
    headers: {
      'content-type': 'application/json',
      'x-ovh-application': a.applicationKey,
      'x-ovh-consumer': a.consumerKey,
      'x-ovh-timestamp': String(timestamp),
      'x-ovh-signature': ovhSignature(a.applicationSecret, a.consumerKey, 'POST', url, body, timestamp),
    },
    body,
    retries: o.retries,
  });
}
