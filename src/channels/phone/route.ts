/**
 * POST /api/voice/twilio — Twilio Programmable Voice: a citizen calls the territory's number and is walked
 * through by voice with the same guides. Signed like SMS (X-Twilio-Signature over PUBLIC_BASE_URL + path and
 * query + the sorted fields, checked before any field is used); the answer is TwiML: <Say> for each message,
 * a <Gather input="speech dtmf"> for the answer (what was said, or the keys typed, goes through the same
 * understanding as a text: `*` = "répète", `0` = "conseiller"). The conversation is the caller's SMS one
 * (same number, same state, same limits, same STOP). Links go by SMS to the caller's own number.
 * A caller who asks for a person while someone is on duty, in a territory with a mediator line (`voice.mediatorLine`),
 * is put through to it (<Dial>); its `action`, signed the same way, offers the callback when the line does not answer.
 * https://www.twilio.com/docs/voice/twiml · https://www.twilio.com/docs/usage/webhooks/voice-webhooks
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { refuse, unavailable } from '../webhook/answers';
import { sendTwilioMessage } from '../sms/twilio';
import { authenticTwilioForm } from '../sms/twilioWebhook';
import type { InboundEvent, MessagingChannel } from '../webhook/messaging';
import type { ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, TwilioCredentials } from '../../config';
import type { Strings } from '../../i18n/strings';
import { hashId } from '../../logger';
import { dialTwiml, gatherTwiml, LANG_OF, type PhoneItem } from './speech';

export const CALL_MAX_BODY_BYTES = 64 * 1024;
const PATH = '/api/voice/twilio';
/** Silences in a row before goodbye. */
const MAX_SILENCES = 2;
/** Turns in one call (a loop guard: about an hour of conversation). */
const MAX_TURNS = 300;

const Fields = z.object({
  CallSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'a Twilio call id'),
  From: z.string().max(64),
  To: z.string().regex(/^\+?[0-9A-Za-z]{3,20}$/, 'a phone number'),
  SpeechResult: z.string().max(2000).optional(),
  Digits: z.string().regex(/^[0-9*#]{0,32}$/, 'keys').optional(),
});
const Query = z.object({ turn: z.coerce.number().int().min(0).max(MAX_TURNS).default(0), silence: z.coerce.number().int().min(0).max(10).default(0) });

export interface PhoneRouteDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  accounts: ChannelAccounts<TwilioCredentials>;
  publicBaseUrl: string;
  strings: Strings;
  defaultLocale: 'fr' | 'en';
  logger: Logger;
  bodyTimeoutMs?: number;
}

/** What the caller's keys or words mean as a message. */
export function callText(f: { SpeechResult?: string; Digits?: string }, turn: number, silence: number): string {
  const digits = (f.Digits ?? '').replace(/#/g, '');
  if (digits === '*' || (digits === '' && silence > 0 && !f.SpeechResult)) return 'répète';
  if (digits === '0') return 'conseiller';
  if (digits) return digits.replace(/\*/g, '');
  if (f.SpeechResult?.trim()) return f.SpeechResult.trim();
  return turn === 0 ? 'bonjour' : 'répète';
}

const xmlHeaders = { 'Content-Type': 'text/xml; charset=utf-8' };

/** The Dial's `action`: Twilio's request when the call to the mediator line ends (https://www.twilio.com/docs/voice/twiml/dial#action). */
const DIAL_PATH = '/api/voice/twilio/dial';
const DialFields = Fields.extend({ DialCallStatus: z.enum(['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled']) });

type Authentic = NonNullable<Awaited<ReturnType<typeof authenticTwilioForm>>>;
type Parsed<T> = { f: T; turn: number; silence: number; to: string; account: Authentic['account'] };

/** Authenticated (signature before any field is used), then parsed; undefined once refused. Unknown extra fields are ignored. */
async function parsed<T extends z.ZodType>(req: Request, res: Response, deps: PhoneRouteDeps, schema: T): Promise<Parsed<z.infer<T>> | undefined> {
  const form = await authenticTwilioForm(req, res, deps, CALL_MAX_BODY_BYTES);
  if (!form) return undefined;
  const fields = schema.safeParse(Object.fromEntries(form.params));
  const query = Query.safeParse(Object.fromEntries(new URL(req.url ?? '', 'http://x').searchParams));
  if (!fields.success || !query.success) {
    const issue = (fields.success ? query.error! : fields.error!).issues[0];
    refuse(res, 400, `${issue.path.join('.')}: ${issue.message}`);
    return undefined;
  }
  return { f: fields.data, turn: query.data.turn, silence: query.data.silence, to: form.to, account: form.account };
}

export function mountPhone(server: Server, deps: PhoneRouteDeps): void {
  const locale = deps.defaultLocale;
  const t = (key: Parameters<Strings['t']>[1]) => ({ say: deps.strings.t(locale, key), lang: LANG_OF[locale] });
  const goodbye = (res: Response, key: Parameters<Strings['t']>[1]) => void res.sendRaw(200, gatherTwiml([t(key)], '', { lang: LANG_OF[locale], after: [], hangup: true }), xmlHeaders);

  /** One turn of the caller's conversation, then what they hear: the answer in a Gather, or the Dial the bot asked for. */
  async function turnOf(res: Response, p: Parsed<z.infer<typeof Fields>>, messageId: string, text: string, known: InboundEvent['known']): Promise<void> {
    const { f, turn, silence, to, account } = p;
    const result = await deps.channel.receive({ messageId, address: f.From, botAddress: to, text, known });
    if (result.kind === 'in-progress') return unavailable(res);
    const items = result.kind === 'duplicate' ? [] : result.items.map((i) => JSON.parse(i) as PhoneItem);
    const says = items.filter((i): i is Extract<PhoneItem, { say: string }> => 'say' in i);
    const sms = items.filter((i): i is Extract<PhoneItem, { sms: string }> => 'sms' in i);
    // The links: by SMS, to the caller's own number only, from the number they called (already counted in the day's cap).
    if (sms.length > 0 && account.accountSid) {
      for (const s of sms) {
        await sendTwilioMessage(deps.accounts.apiBaseUrl, { accountSid: account.accountSid, authToken: account.authToken }, to, f.From, s.sms).then(
          () => deps.channel.countSent(to, [s.sms]),
          (err: unknown) => deps.logger.error({ err, user: hashId(f.From) }, 'link SMS not sent'),
        );
      }
    }
    // The request is queued and someone is on duty: through to the territory's mediator line, from our number.
    if (result.kind === 'done' && result.dial) return void res.sendRaw(200, dialTwiml(says, { number: result.dial, callerId: to, action: `${DIAL_PATH}?turn=${turn + 1}` }), xmlHeaders);
    const lang = says[says.length - 1]?.lang ?? LANG_OF[locale];
    // Nothing to say: over the limits (goodbye), or silent after STOP (the caller may say START).
    const spoken = says.length > 0 || result.kind === 'duplicate' ? says : [t(result.kind === 'limited' ? 'call.bye' : 'call.nothing')];
    const next = `${PATH}?turn=${turn + 1}`;
    const twiml = gatherTwiml(spoken, next, { lang, after: [t('call.silence')], redirect: `${next}&silence=${silence + 1}`, hangup: result.kind === 'limited' });
    res.sendRaw(200, twiml, xmlHeaders);
  }

  server.post(PATH, async (req: Request, res: Response): Promise<void> => {
    const p = await parsed(req, res, deps, Fields);
    if (!p) return;
    const { f, turn, silence } = p;
    // A hidden number would share one conversation between every hidden caller: not served.
    if (!/^\+\d{6,15}$/.test(f.From)) return goodbye(res, 'call.hiddenNumber');
    if (silence > MAX_SILENCES || turn >= MAX_TURNS) return goodbye(res, 'call.bye');
    try {
      await turnOf(res, p, `${f.CallSid}:${turn}:${silence}`, callText(f, turn, silence), { callerPhone: f.From });
    } catch (err) {
      deps.logger.error({ err }, 'call turn failed');
      unavailable(res);
    }
  });

  // The call to the mediator line ended. Answered: the conversation took place, goodbye (the mediator takes the request
  // in the console and closes it with its outcome). Busy, no answer, failed: the callback, the caller's number known.
  server.post(DIAL_PATH, async (req: Request, res: Response): Promise<void> => {
    const p = await parsed(req, res, deps, DialFields);
    if (!p) return;
    const { f, turn } = p;
    if (!/^\+\d{6,15}$/.test(f.From) || turn >= MAX_TURNS) return goodbye(res, 'call.bye');
    if (f.DialCallStatus === 'completed' || f.DialCallStatus === 'answered') return goodbye(res, 'call.dialOver');
    try {
      await turnOf(res, p, `${f.CallSid}:dial:${turn}`, 'conseiller', { callerPhone: f.From, lineUnanswered: true });
    } catch (err) {
      deps.logger.error({ err }, 'call turn after the mediator line failed');
      unavailable(res);
    }
  });
}
