/** Transactional SMS through Brevo: the channel contract (src/channels/plugin.ts). docs/sms-operators.md, "Brevo". */
import { channelEnvOf, type MessagingChannelPlugin } from '../plugin';
import { mountBrevoSms } from './route';
import { BrevoSender } from './sender';

export const brevoSmsPlugin: MessagingChannelPlugin = {
  id: 'sms-brevo',
  label: 'SMS',
  capabilities: { maxButtons: 0, maxMessageChars: 306, preferShort: true, silentAfterStop: true, sms: true, push: true },
  env: channelEnvOf('brevo', (config) => config.brevoSms),
  territoryField: 'senders',
  territoryOf: (routing, sender) => routing.brevoSender(sender),
  // Brevo's webhook answer carries no reply: every reply goes through the API, "SUITE" as with Twilio.
  delivery: { inline: false, maxPerReply: 3, heldOnNextMessage: 'drop' },
  sender: (config, routing, _strings, services) =>
    new BrevoSender(config.brevoSms, routing, (from) => routing.brevoSettings(from, config.sms), services, config.brevoSms.outbox),
  mount: (server, d) =>
    mountBrevoSms(server, { channel: d.channel, routing: d.routing, accounts: d.config.brevoSms, trustProxyHops: d.config.trustProxyHops, logger: d.logger, bodyTimeoutMs: d.bodyTimeoutMs }),
  said: { on: 'SMS (Brevo) webhook: POST /api/sms/brevo/<BREVO_WEBHOOK_SECRET>', off: 'Brevo SMS disabled (no complete BREVO_ set): /api/sms/brevo/* answers 404' },
};
