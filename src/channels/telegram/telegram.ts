/**
 * Telegram Bot API: POST /api/telegram/:path. Telegram sends the secret given to setWebhook in
 * X-Telegram-Bot-Api-Secret-Token; it is compared in constant time before the body is read.
 * Choices are inline keyboards (one big button per row); a tap arrives as a callback query, which
 * is answered (so the button stops spinning) and read as the citizen's answer.
 * https://core.telegram.org/bots/api#setwebhook
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { readWebhookBody } from '../webhook/rawBody';
import { refuse, unavailable } from '../webhook/answers';
import type { ChannelSender, MessagingChannel, Target } from '../webhook/messaging';
import { Undeliverable } from '../webhook/messaging';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, TelegramCredentials } from '../../config';
import { callProvider } from '../webhook/provider';
import { telegramPhotos } from './media';
import { safeEqual } from '../../security';
import { telegramVoice } from '../voice/providers';
import type { RenderedMessage } from '../render';
import type { Locale } from '../../i18n/locale';

export const TELEGRAM_MAX_BODY_BYTES = 256 * 1024;
const PATH = /^[a-z0-9-]{2,64}$/;

const Chat = z.object({ id: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]), type: z.string() });
const Message = z.object({
  message_id: z.number().int(),
  chat: Chat,
  text: z.string().max(10_000).optional(),
  caption: z.string().max(10_000).optional(),
  photo: z.unknown().optional(),
  voice: z.unknown().optional(),
  audio: z.unknown().optional(),
  video: z.unknown().optional(),
  document: z.unknown().optional(),
  sticker: z.unknown().optional(),
});
/** A voice note (or an audio file): https://core.telegram.org/bots/api#voice */
const Voice = z.object({
  file_id: z.string().min(1).max(256),
  duration: z.number().int().nonnegative().optional(),
  mime_type: z.string().max(200).optional(),
  file_size: z.number().int().nonnegative().optional(),
});
const Update = z.object({
  update_id: z.number().int().nonnegative(),
  message: Message.optional(),
  callback_query: z
    .object({
      id: z.string().min(1).max(128),
      data: z.string().max(64).optional(),
      message: z.object({ chat: Chat }).optional(),
    })
    .optional(),
});

/** Telegram's own commands, in the words the bot understands. */
const SLASH: Record<string, string> = { '/start': 'bonjour', '/aide': 'aide', '/help': 'aide', '/menu': 'menu', '/stop': 'stop', '/conseiller': 'conseiller' };

export function slashToWords(text: string): string {
  const m = /^(\/[a-z]+)(@\w+)?(\s|$)/i.exec(text.trim());
  if (!m) return text;
  return SLASH[m[1].toLowerCase()] ?? text;
}

export interface TelegramRouteDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  accounts: ChannelAccounts<TelegramCredentials>;
  logger: Logger;
  /** The body must arrive within this (408 otherwise): WEBHOOK_BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
}


export function mountTelegram(server: Server, deps: TelegramRouteDeps): void {
  server.post('/api/telegram/:path', async (req: Request, res: Response): Promise<void> => {
    const path = String(req.params.path ?? '');
    if (!PATH.test(path)) {
      req.resume();
      return refuse(res, 404, 'unknown bot path');
    }
    const route = deps.routing.telegramPath(path);
    const account = credentialsOf(deps.accounts, route);
    const given = req.header('x-telegram-bot-api-secret-token') ?? '';
    if (!account || !safeEqual(given, account.secretToken)) {
      req.resume();
      return refuse(res, 403, 'secret token does not match');
    }
    const raw = await readWebhookBody(req, res, TELEGRAM_MAX_BODY_BYTES, deps.bodyTimeoutMs);
    if (!raw) return;
    let update: z.infer<typeof Update>;
    try {
      const parsed = Update.safeParse(JSON.parse(raw.toString('utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refuse(res, 400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
      }
      update = parsed.data;
    } catch {
      return refuse(res, 400, 'body is not JSON');
    }
    let chat: z.infer<typeof Chat> | undefined;
    let text = '';
    let hasMedia = false;
    let voice: ReturnType<typeof telegramVoice> | undefined;
    let photos: Array<{ id: string; contentType: string }> = [];
    if (update.message) {
      chat = update.message.chat;
      text = update.message.text ?? update.message.caption ?? '';
      const m = update.message;
      hasMedia = Boolean(m.photo ?? m.voice ?? m.audio ?? m.video ?? m.document ?? m.sticker);
      const note = Voice.safeParse(m.voice ?? m.audio);
      if (note.success && account.botToken && !text) voice = telegramVoice(deps.accounts.apiBaseUrl, account.botToken, note.data);
      photos = telegramPhotos(m.photo);
    } else if (update.callback_query) {
      chat = update.callback_query.message?.chat;
      text = update.callback_query.data ?? '';
      // Stop the button's spinner whatever happens next.
      void answerCallback(deps.accounts.apiBaseUrl, account.botToken, update.callback_query.id).catch((err: unknown) =>
        deps.logger.warn({ err }, 'answerCallbackQuery failed'),
      );
    }
    // Groups, channels, edits, polls…: not for us; acknowledged so Telegram does not retry.
    if (!chat || chat.type !== 'private') {
      res.send(200, {});
      return;
    }
    try {
      const result = await deps.channel.receive({
        messageId: `${path}:${update.update_id}`,
        address: String(chat.id),
        botAddress: path,
        text: slashToWords(text),
        hasMedia: hasMedia && !text,
        voice,
        photos,
      });
      if (result.kind === 'in-progress') return unavailable(res);
      res.send(200, {});
    } catch (err) {
      deps.logger.error({ err }, 'Telegram turn failed');
      unavailable(res);
    }
  });
}

async function answerCallback(apiBaseUrl: string, botToken: string | undefined, id: string): Promise<void> {
  if (!botToken) return;
  await callProvider({
    provider: 'telegram',
    url: `${apiBaseUrl}/bot${botToken}/answerCallbackQuery`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ callback_query_id: id }),
    retries: 0,
  });
}

/** callback_data is at most 64 bytes: the label when it fits (like a typed answer), else its number. */
export function callbackData(key: string, label: string): string {
  return Buffer.byteLength(label, 'utf8') <= 64 ? label : key;
}

export class TelegramSender implements ChannelSender {
  constructor(
    private readonly accounts: ChannelAccounts<TelegramCredentials>,
    private readonly routing: ChannelRouting,
  ) {}

  prepare(messages: RenderedMessage[], _botAddress: string, _locale: Locale): string[] {
    return messages
      .filter((m) => m.text.trim() || m.buttons?.length)
      .map((m) => {
        const payload: Record<string, unknown> = { text: m.text || '…', link_preview_options: { is_disabled: true } };
        if (m.buttons?.length) {
          payload.reply_markup = { inline_keyboard: m.buttons.map((b) => [{ text: b.label, callback_data: callbackData(b.key, b.label) }]) };
        }
        return JSON.stringify(payload);
      });
  }

  async send(target: Target, items: string[]): Promise<void> {
    const account = credentialsOf(this.accounts, this.routing.telegramPath(target.botAddress));
    if (!account?.botToken) throw new Undeliverable('telegram', 'refused-by-provider');
    for (const item of items) {
      await callProvider({
        provider: 'telegram',
        url: `${this.accounts.apiBaseUrl}/bot${account.botToken}/sendMessage`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: target.address, ...(JSON.parse(item) as object) }),
      });
    }
  }
}
