/**
 * POST /api/sms/twilio — Twilio's webhook for incoming SMS. The signature is checked against the
 * configured public URL before any field is used (400 without it, 403 when wrong); retries of the
 * same MessageSid, on any instance, run one turn; the answer is TwiML.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { refuse, unavailable } from '../webhook/answers';
import { twiml } from './twilio';
import { authenticTwilioForm } from './twilioWebhook';
import { twilioAudio, twilioPhotos, twilioVoice } from './media';
import type { MessagingChannel } from '../webhook/messaging';
import type { ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, TwilioCredentials } from '../../config';

export const SMS_MAX_BODY_BYTES = 64 * 1024;

export const Fields = z.object({
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'a Twilio message id'),
  From: z.string().regex(/^\+?[0-9A-Za-z]{3,20}$/, 'a phone number'),
  To: z.string().regex(/^\+?[0-9A-Za-z]{3,20}$/, 'a phone number'),
  Body: z.string().max(5000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

type SmsFields = z.infer<typeof Fields>;
const SID = /^[A-Za-z0-9]{10,64}$/;
const PHONE = /^\+?[0-9A-Za-z]{3,20}$/;

/**
 * The fields of a well-formed webhook, read as `Fields` reads them (the last of a repeated field, NumMedia as a
 * number), without building its object and running the schema (~2 % of an SMS turn); undefined when anything is
 * off, and `Fields` then says what (the same 400 reasons).
 */
export function wellFormed(params: Array<[string, string]>): SmsFields | undefined {
  let sid: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  let body: string | undefined;
  let media: string | undefined;
  for (const [k, v] of params) {
    if (k === 'MessageSid') sid = v;
    else if (k === 'From') from = v;
    else if (k === 'To') to = v;
    else if (k === 'Body') body = v;
    else if (k === 'NumMedia') media = v;
  }
  if (sid === undefined || from === undefined || to === undefined || !SID.test(sid) || !PHONE.test(from) || !PHONE.test(to)) return undefined;
  if (body !== undefined && body.length > 5000) return undefined;
  const n = media === undefined ? 0 : Number(media);
  if (!Number.isInteger(n) || n < 0 || n > 10) return undefined;
  return { MessageSid: sid, From: from, To: to, Body: body ?? '', NumMedia: n };
}

export interface SmsRouteDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  accounts: ChannelAccounts<TwilioCredentials>;
  publicBaseUrl: string;
  logger: Logger;
  /** The body must arrive within this (408 otherwise): WEBHOOK_BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
}


export function mountSms(server: Server, deps: SmsRouteDeps): void {
  server.post('/api/sms/twilio', async (req: Request, res: Response): Promise<void> => {
    const form = await authenticTwilioForm(req, res, deps, SMS_MAX_BODY_BYTES);
    if (!form) return;
    const { params } = form;
    // Authenticated: from here on the fields may be used. Unknown extra fields are ignored.
    let f = wellFormed(params);
    if (!f) {
      const fields = Fields.safeParse(Object.fromEntries(params));
      if (!fields.success) {
        const issue = fields.error.issues[0];
        return refuse(res, 400, `${issue.path.join('.')}: ${issue.message}`);
      }
      f = fields.data;
    }
    try {
      // An audio medium is a voice note (MMS): heard like a WhatsApp one.
      const audio = twilioAudio(params, f.NumMedia);
      const voice = audio ? twilioVoice(deps.accounts, deps.routing, f.To, audio) : undefined;
      const result = await deps.channel.receive({ messageId: f.MessageSid, address: f.From, botAddress: f.To, text: f.Body, hasMedia: f.NumMedia > 0, voice, photos: twilioPhotos(params, f.NumMedia) });
      if (result.kind === 'in-progress') return unavailable(res);
      res.sendRaw(200, twiml(result.kind === 'duplicate' ? [] : result.items), { 'Content-Type': 'text/xml; charset=utf-8' });
    } catch (err) {
      deps.logger.error({ err }, 'SMS turn failed');
      unavailable(res);
    }
  });
}
