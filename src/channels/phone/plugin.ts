/**
 * Phone calls through Twilio Programmable Voice: the channel contract (src/channels/plugin.ts). A call is
 * the caller's SMS conversation spoken (`sharesConversationsWith: 'sms'`): same state, limits and STOP, and
 * what a mediator writes later reaches the caller by SMS. On when TWILIO_VOICE=true, with the SMS credentials.
 */
import type { MessagingChannelPlugin } from '../plugin';
import { Undeliverable } from '../webhook/messaging';
import { mountPhone } from './route';
import { phoneItems, SAY_MAX_CHARS } from './speech';

export const phonePlugin: MessagingChannelPlugin = {
  id: 'voice',
  label: 'Téléphone',
  // Up to 9 choices said with their keys; short texts; one spoken message at most SAY_MAX_CHARS.
  capabilities: { maxButtons: 9, maxMessageChars: SAY_MAX_CHARS, preferShort: true, silentAfterStop: true, sms: false, push: true },
  env: { secret: 'TWILIO_AUTH_TOKEN', names: ['TWILIO_VOICE', 'TWILIO_AUTH_TOKEN', 'TWILIO_ACCOUNT_SID'], section: (config) => config.voice },
  territoryField: 'numbers',
  territoryOf: (routing, to) => routing.smsNumber(to),
  delivery: { inline: true, heldOnNextMessage: 'drop' },
  sharesConversationsWith: 'sms',
  sender: (_config, _routing, strings) => ({
    prepare: (messages, _botAddress, locale) => phoneItems(messages, locale, strings).map((i) => JSON.stringify(i)),
    // A call cannot be reached later: messages for the caller go by SMS (their conversation's channel).
    send: async () => {
      throw new Undeliverable('sms', 'refused-by-provider');
    },
  }),
  mount: (server, d) =>
    mountPhone(server, {
      channel: d.channel,
      routing: d.routing,
      accounts: d.config.voice,
      publicBaseUrl: d.config.publicBaseUrl,
      strings: d.strings,
      defaultLocale: d.config.defaultLocale,
      logger: d.logger,
      bodyTimeoutMs: d.bodyTimeoutMs,
    }),
  said: { on: 'Phone calls (Twilio Voice) webhook: POST /api/voice/twilio', off: 'Phone calls disabled (TWILIO_VOICE is not true, or no TWILIO_AUTH_TOKEN): /api/voice/twilio answers 404' },
};
