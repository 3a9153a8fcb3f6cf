/**
 * WhatsApp Cloud API: GET /api/whatsapp answers Meta's subscription handshake; POST /api/whatsapp
 * receives messages, authenticated by X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the
 * app secret, compared in constant time) before the body is parsed; then each phone-number id of the
 * batch must route to a territory whose app secret is one that signed it (else 403, nothing used). Choices are reply buttons (at
 * most 3, titles ≤ 20 characters) or a list (at most 10 rows); more becomes numbered text. Free-form
 * messages may only be sent within 24 hours of the citizen's last message: later, a configured
 * template tells them to come back and the messages wait; without a template they are refused.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks
 */
import { createHmac } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { readWebhookBody } from '../webhook/rawBody';
import { refuse, unavailable } from '../webhook/answers';
import type { ChannelSender, MessagingChannel, Target } from '../webhook/messaging';
import { Undeliverable } from '../webhook/messaging';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, WhatsAppCredentials } from '../../config';
import { callProvider } from '../webhook/provider';
import { isPhotoType } from '../../conversation/photos';
import { MEDIA_ID } from './media';
import { safeEqual } from '../../security';
import { whatsappVoice } from '../voice/providers';
import type { RenderedMessage } from '../render';
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';

export const WHATSAPP_MAX_BODY_BYTES = 512 * 1024;
/** Meta's customer-service window, minus a margin for clocks and queues. */
export const WINDOW_MS = 24 * 3600_000 - 5 * 60_000;

export function whatsappSignature(appSecret: string, raw: Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

const InboundMessage = z.object({
  from: z.string().regex(/^\d{5,20}$/),
  id: z.string().min(1).max(256),
  type: z.string(),
  text: z.object({ body: z.string().max(10_000) }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().max(256), title: z.string().max(256) }).optional(),
      list_reply: z.object({ id: z.string().max(256), title: z.string().max(256) }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().max(256).optional(), text: z.string().max(256) }).optional(),
  audio: z.unknown().optional(),
  image: z.object({ id: z.string().regex(MEDIA_ID), mime_type: z.string().max(100).optional(), caption: z.string().max(10_000).optional() }).optional(),
});
/** A voice note (`voice: true`) or an audio file; a malformed one is answered like any media. */
const Audio = z.object({ id: z.string().min(1).max(256), mime_type: z.string().max(200).optional(), voice: z.boolean().optional() });
const Payload = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        changes: z.array(
          z.object({
            field: z.string(),
            value: z.object({
              metadata: z.object({ phone_number_id: z.string().regex(/^\d{1,30}$/) }).optional(),
              messages: z.array(z.unknown()).optional(),
            }),
          }),
        ),
      }),
    )
    .max(100),
});

export interface WhatsAppRouteDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  accounts: ChannelAccounts<WhatsAppCredentials> & { verifyToken?: string };
  logger: Logger;
  /** The body must arrive within this (408 otherwise): WEBHOOK_BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
}


function textOf(m: z.infer<typeof InboundMessage>): { text: string; hasMedia: boolean; photos?: Array<{ id: string; contentType: string }> } {
  if (m.type === 'text') return { text: m.text?.body ?? '', hasMedia: false };
  if (m.type === 'image' && m.image && isPhotoType(m.image.mime_type)) {
    return { text: m.image.caption ?? '', hasMedia: true, photos: [{ id: m.image.id, contentType: m.image.mime_type!.split(';')[0].trim().toLowerCase() }] };
  }
  if (m.type === 'interactive') return { text: m.interactive?.button_reply?.id ?? m.interactive?.list_reply?.id ?? '', hasMedia: false };
  if (m.type === 'button') return { text: m.button?.text ?? '', hasMedia: false };
  return { text: '', hasMedia: true };
}

export function mountWhatsApp(server: Server, deps: WhatsAppRouteDeps): void {
  server.get('/api/whatsapp', (req: Request, res: Response, next: (err?: unknown) => void) => {
    const q = new URL(req.url ?? '', 'http://x').searchParams;
    const token = q.get('hub.verify_token') ?? '';
    if (q.get('hub.mode') === 'subscribe' && deps.accounts.verifyToken && safeEqual(token, deps.accounts.verifyToken)) {
      res.sendRaw(200, (q.get('hub.challenge') ?? '').slice(0, 256), { 'Content-Type': 'text/plain; charset=utf-8' });
    } else refuse(res, 403, 'verify token does not match');
    return next(false);
  });

  server.post('/api/whatsapp', async (req: Request, res: Response): Promise<void> => {
    const signature = req.header('x-hub-signature-256');
    if (!signature) {
      req.resume();
      return refuse(res, 400, 'X-Hub-Signature-256 header missing');
    }
    const raw = await readWebhookBody(req, res, WHATSAPP_MAX_BODY_BYTES, deps.bodyTimeoutMs);
    if (!raw) return;
    // 1. Authenticated: the raw bytes against every configured app secret (the service's and the territories'),
    // each compared in constant time and none skipped, remembering which ones matched.
    const accounts = [deps.accounts.default, ...Object.values(deps.accounts.named)].filter((c): c is WhatsAppCredentials => Boolean(c));
    const signedBy = new Set<WhatsAppCredentials>();
    for (const c of accounts) if (safeEqual(whatsappSignature(c.appSecret, raw), signature)) signedBy.add(c);
    if (signedBy.size === 0) return refuse(res, 403, 'signature does not match');

    // 2. Parsed, only once the bytes are known to come from one of our Meta apps.
    let payload: z.infer<typeof Payload>;
    try {
      const parsed = Payload.safeParse(JSON.parse(raw.toString('utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(res, 400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
      }
      payload = parsed.data;
    } catch {
      return refuse(res, 400, 'body is not JSON');
    }
    // 3. Authorised: every number of the batch must belong to the app that signed it. The phone-number id routes
    // to a territory, and only that territory's app secret (or the service-wide one for a number no territory
    // claims) may speak for it: territory A's app cannot deliver messages "to" territory B's number.
    for (const entry of payload.entry) {
      for (const change of entry.changes) {
        const phoneNumberId = change.value.metadata?.phone_number_id;
        if (!phoneNumberId) continue;
        const account = credentialsOf(deps.accounts, deps.routing.whatsappPhoneNumberId(phoneNumberId));
        if (!account || !signedBy.has(account)) {
          deps.logger.warn({ phoneNumberId }, "WhatsApp webhook refused: signed by another app than the number's territory");
          return refuse(res, 403, 'signature does not match the app of this phone number');
        }
      }
    }
    let inProgress = false;
    try {
      for (const entry of payload.entry) {
        for (const change of entry.changes) {
          const phoneNumberId = change.value.metadata?.phone_number_id;
          if (change.field !== 'messages' || !phoneNumberId) continue;
          // Delivery statuses come here too; only messages start turns. A malformed one is skipped, not fatal.
          for (const candidate of change.value.messages ?? []) {
            const m = InboundMessage.safeParse(candidate);
            if (!m.success) continue;
            const { text, hasMedia, photos } = textOf(m.data);
            // A voice note (or an audio file): fetched with the number's access token, then transcribed.
            const audio = m.data.type === 'audio' ? Audio.safeParse(m.data.audio).data : undefined;
            const token = audio ? credentialsOf(deps.accounts, deps.routing.whatsappPhoneNumberId(phoneNumberId))?.accessToken : undefined;
            const voice = audio && token ? whatsappVoice(deps.accounts.apiBaseUrl, token, audio.id, audio.mime_type) : undefined;
            const result = await deps.channel.receive({ messageId: m.data.id, address: m.data.from, botAddress: phoneNumberId, text, hasMedia, voice, photos });
            if (result.kind === 'in-progress') inProgress = true;
          }
        }
      }
      // A message of the batch may still be running elsewhere: have the whole batch sent again (the others are duplicates then).
      if (inProgress) return unavailable(res);
      res.send(200, {});
    } catch (err) {
      deps.logger.error({ err }, 'WhatsApp turn failed');
      unavailable(res);
    }
  });
}

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export class WhatsAppSender implements ChannelSender {
  constructor(
    private readonly accounts: ChannelAccounts<WhatsAppCredentials> & { template?: { name: string; language: string } },
    private readonly routing: ChannelRouting,
    private readonly strings: Strings,
  ) {}

  prepare(messages: RenderedMessage[], _botAddress: string, locale: Locale): string[] {
    const out: string[] = [];
    for (const m of messages) {
      const buttons = m.buttons ?? [];
      const body = m.text.trim() || '…';
      if (buttons.length === 0) {
        out.push(JSON.stringify({ type: 'text', text: { body: cut(body, 4096), preview_url: false } }));
      } else if (buttons.length <= 3 && buttons.every((b) => b.label.length <= 20)) {
        out.push(JSON.stringify({
          type: 'interactive',
          interactive: {
            type: 'button',
            body: { text: cut(body, 1024) },
            action: { buttons: buttons.map((b) => ({ type: 'reply', reply: { id: cut(b.label, 256), title: b.label } })) },
          },
        }));
      } else {
        // A list: titles are 24 characters at most, the full label goes in the description.
        out.push(JSON.stringify({
          type: 'interactive',
          interactive: {
            type: 'list',
            body: { text: cut(body, 4096) },
            action: {
              button: cut(this.strings.t(locale, 'channel.listButton'), 20),
              sections: [{ rows: buttons.slice(0, 10).map((b) => ({ id: cut(b.label, 200), title: cut(`${b.key}. ${b.label}`, 24), ...(b.label.length + b.key.length + 2 > 24 ? { description: cut(b.label, 72) } : {}) })) }],
            },
          },
        }));
      }
    }
    return out;
  }

  private account(botAddress: string): WhatsAppCredentials {
    const account = credentialsOf(this.accounts, this.routing.whatsappPhoneNumberId(botAddress));
    if (!account?.accessToken) throw new Undeliverable('whatsapp', 'refused-by-provider');
    return account;
  }

  private async post(target: Target, message: object): Promise<void> {
    await callProvider({
      provider: 'whatsapp',
      url: `${this.accounts.apiBaseUrl}/${encodeURIComponent(target.botAddress)}/messages`,
      headers: { authorization: `Bearer ${this.account(target.botAddress).accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: target.address, ...message }),
    });
  }

  async send(target: Target, items: string[]): Promise<void> {
    for (const item of items) await this.post(target, JSON.parse(item) as object);
  }

  windowState(lastInboundAt: number, now: number): 'open' | 'template' | 'closed' {
    if (now - lastInboundAt < WINDOW_MS) return 'open';
    return this.accounts.template ? 'template' : 'closed';
  }

  async outsideWindow(target: Target, lastInboundAt: number, now: number): Promise<'send' | 'held' | 'refused'> {
    if (now - lastInboundAt < WINDOW_MS) return 'send';
    const template = this.accounts.template;
    if (!template) return 'refused';
    await this.post(target, { type: 'template', template: { name: template.name, language: { code: template.language } } });
    return 'held';
  }
}
