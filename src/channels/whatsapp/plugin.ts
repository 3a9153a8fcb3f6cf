/** WhatsApp Cloud API: the channel contract (src/channels/plugin.ts). */
import { channelEnvOf, type MessagingChannelPlugin } from '../plugin';
import { mountWhatsApp, WhatsAppSender } from './whatsapp';

export const whatsappPlugin: MessagingChannelPlugin = {
  id: 'whatsapp',
  label: 'WhatsApp',
  capabilities: { maxButtons: 10, maxMessageChars: 1024, preferShort: false, silentAfterStop: true, sms: false, push: true },
  env: channelEnvOf('whatsapp', (config) => config.whatsapp),
  territoryField: 'phoneNumberIds',
  territoryOf: (routing, id) => routing.whatsappPhoneNumberId(id),
  delivery: { inline: false, heldOnNextMessage: 'flush' },
  sender: (config, routing, strings) => new WhatsAppSender(config.whatsapp, routing, strings),
  mount: (server, d) => mountWhatsApp(server, { channel: d.channel, routing: d.routing, accounts: d.config.whatsapp, logger: d.logger, bodyTimeoutMs: d.bodyTimeoutMs }),
  said: { on: 'WhatsApp webhook: GET/POST /api/whatsapp', off: 'WhatsApp disabled (no WHATSAPP_APP_SECRET): /api/whatsapp answers 404' },
};
