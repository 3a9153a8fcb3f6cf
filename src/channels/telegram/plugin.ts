/** Telegram Bot API: the channel contract (src/channels/plugin.ts). */
import { channelEnvOf, type MessagingChannelPlugin } from '../plugin';
import { mountTelegram, TelegramSender } from './telegram';

export const telegramPlugin: MessagingChannelPlugin = {
  id: 'telegram',
  label: 'Telegram',
  capabilities: { maxButtons: 8, maxMessageChars: 4096, preferShort: false, silentAfterStop: false, sms: false, push: true },
  env: channelEnvOf('telegram', (config) => config.telegram),
  territoryField: 'paths',
  territoryOf: (routing, path) => routing.telegramPath(path),
  delivery: { inline: false, heldOnNextMessage: 'drop' },
  sender: (config, routing) => new TelegramSender(config.telegram, routing),
  mount: (server, d) => mountTelegram(server, { channel: d.channel, routing: d.routing, accounts: d.config.telegram, logger: d.logger, bodyTimeoutMs: d.bodyTimeoutMs }),
  said: { on: 'Telegram webhook: POST /api/telegram/:path', off: 'Telegram disabled (no TELEGRAM_SECRET_TOKEN): /api/telegram/:path answers 404' },
};
