/**
 * Brevo's side of transactional SMS: the API call that sends one SMS, and the reading of the webhook event
 * Brevo posts when a citizen replies.
 *
 * Sending (https://developers.brevo.com/docs/transactional-sms-endpoints and
 * https://developers.brevo.com/reference/send-async-transactional-sms): POST {base}/transactionalSMS/send with
 * the `api-key` header and {sender, recipient, content, type: "transactional", unicodeEnabled, tag}; the answer
 * is {"messageId": …}. The older POST /transactionalSMS/sms (answer {reference, messageId, smsCount,
 * usedCredits, remainingCredits}) is deprecated in its favour:
 * https://developers.brevo.com/changelog/deprecated-endpoint-post-v3transactionalsmssms
 * `sender` is at most 11 letters and digits, or at most 15 digits; `recipient` the number with its country code.
 * No "[STOP CODE]" in the content: Brevo would turn the SMS into a marketing one (time-restricted).
 *
 * Replies (https://developers.brevo.com/docs/transactional-webhooks, "Transactional SMS events": Sent, Accepted,
 * Delivered, Replied…; a webhook of type "transactional", channel "sms": https://developers.brevo.com/reference/create-webhook):
 * a JSON POST whose documented SMS attributes are `id` (the webhook's id), `to` (the citizen's number, digits
 * with the country code), `messageId` (of our SMS the citizen answered), `msg_status`, `date`, `type`, `tag`,
 * and, for a reply, its text in `reply` (the same field as in the replied events of
 * GET /transactionalSMS/statistics/events, API reference "Get all your SMS activity"). The exact example of a
 * Replied payload was not found in the documentation: docs/sms-operators.md, "Not done yet".
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { callProvider } from '../webhook/provider';
import { countSms } from '../../text/sms';
import type { BrevoCredentials } from '../../config';

/** +33612345678 → 33612345678: Brevo's form of a number (a sender of up to 15 digits, a recipient). */
export function brevoNumber(e164: string): string {
  return e164.replace(/^\+/, '');
}

export interface BrevoSendOptions {
  apiBaseUrl: string;
  account: BrevoCredentials;
  to: string;
  message: string;
  retries?: number;
}

/** One transactional SMS from the account's sender; UCS-2 only when the text needs it (GSM-7 is cheaper). */
export async function sendBrevoSms(o: BrevoSendOptions): Promise<void> {
  const body = JSON.stringify({
    sender: brevoNumber(o.account.sender),
    recipient: brevoNumber(o.to),
    content: o.message,
    type: 'transactional',
    unicodeEnabled: countSms(o.message).encoding !== 'GSM-7',
    tag: 'pasapas',
  });
  await callProvider({
    provider: 'brevo',
    url: `${o.apiBaseUrl}/transactionalSMS/send`,
    headers: { accept: 'application/json', 'content-type': 'application/json', 'api-key': o.account.apiKey },
    body,
    retries: o.retries,
  });
}

const Status = z.object({ msg_status: z.string().max(40).optional(), event: z.string().max(40).optional() });

const Reply = z.object({
  to: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\+?\d{6,15}$/, 'the phone number that replied, with its country code')),
  messageId: z.union([z.number().int(), z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/)], { error: 'the id of the SMS answered' }),
  reply: z.string({ error: 'the text of the reply is missing' }).max(5000),
  date: z.string().max(64).optional(),
});

export type BrevoEvent = { kind: 'reply'; id: string; from: string; text: string } | { kind: 'other' };

/**
 * One event of the webhook: a reply (with an id that is the same each time Brevo retries it, and differs
 * between two replies to the same SMS: Brevo's `messageId` is the id of the SMS answered), or another
 * event (sent, delivered…: acknowledged, nothing to do, whatever its fields). A malformed reply is an error.
 */
export function readBrevoEvent(raw: unknown): { ok: true; event: BrevoEvent } | { ok: false; error: string } {
  const status = Status.safeParse(raw);
  if (!status.success || typeof raw !== 'object' || raw === null) return { ok: false, error: '(body): an event object' };
  const name = (status.data.msg_status ?? status.data.event ?? '').toLowerCase();
  if (name !== 'replied' && name !== 'reply') return { ok: true, event: { kind: 'other' } };
  const parsed = Reply.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue.path.join('.')}: ${issue.message}` };
  }
  const e = parsed.data;
  const from = `+${brevoNumber(e.to)}`;
  const digest = createHash('sha256').update(`${from}\u0000${e.date ?? ''}\u0000${e.reply}`).digest('hex').slice(0, 24);
  return { ok: true, event: { kind: 'reply', id: `${e.messageId}.${digest}`, from, text: e.reply } };
}
