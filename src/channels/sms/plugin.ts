/** SMS through Twilio: the channel contract (src/channels/plugin.ts). */
import { channelEnvOf, type MessagingChannelPlugin } from '../plugin';
import { mountSms } from './route';
import { TwilioSender } from './sender';

export const smsPlugin: MessagingChannelPlugin = {
  id: 'sms',
  label: 'SMS',
  capabilities: { maxButtons: 0, maxMessageChars: 306, preferShort: true, silentAfterStop: true, sms: true, push: true },
  env: channelEnvOf('sms', (config) => config.sms),
  territoryField: 'numbers',
  territoryOf: (routing, to) => routing.smsNumber(to),
  delivery: { inline: true, maxPerReply: 3, heldOnNextMessage: 'drop' },
  sender: (config, routing) => new TwilioSender(config.sms, routing, (from) => routing.smsSettings(from, config.sms)),
  mount: (server, d) =>
    mountSms(server, { channel: d.channel, routing: d.routing, accounts: d.config.sms, publicBaseUrl: d.config.publicBaseUrl, logger: d.logger, bodyTimeoutMs: d.bodyTimeoutMs }),
  said: { on: 'SMS (Twilio) webhook: POST /api/sms/twilio', off: 'SMS disabled (no TWILIO_AUTH_TOKEN): /api/sms/twilio answers 404' },
};
