/** SMS through OVHcloud (a virtual number): the channel contract (src/channels/plugin.ts). docs/sms-operators.md. */
import { channelEnvOf, type MessagingChannelPlugin } from '../plugin';
import { mountOvhSms } from './route';
import { OvhSender } from './sender';

export const ovhSmsPlugin: MessagingChannelPlugin = {
  id: 'sms-ovh',
  label: 'SMS',
  capabilities: { maxButtons: 0, maxMessageChars: 306, preferShort: true, silentAfterStop: true, sms: true, push: true },
  env: channelEnvOf('ovh', (config) => config.ovhSms),
  territoryField: 'numbers',
  territoryOf: (routing, number) => routing.ovhNumber(number),
  // OVH's callback answer carries no reply: every reply goes through the API, "SUITE" as with Twilio.
  delivery: { inline: false, maxPerReply: 3, heldOnNextMessage: 'drop' },
  sender: (config, routing, _strings, services) => new OvhSender(config.ovhSms, routing, (from) => routing.ovhSettings(from, config.sms), services, config.ovhSms.outbox),
  mount: (server, d) =>
    mountOvhSms(server, { channel: d.channel, routing: d.routing, accounts: d.config.ovhSms, trustProxyHops: d.config.trustProxyHops, logger: d.logger, bodyTimeoutMs: d.bodyTimeoutMs }),
  said: { on: 'SMS (OVHcloud) callback: GET/POST /api/sms/ovh/<OVH_CALLBACK_SECRET>', off: 'OVHcloud SMS disabled (no complete OVH_ set): /api/sms/ovh/* answers 404' },
};
