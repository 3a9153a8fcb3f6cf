/**
 * SMS (Twilio), WhatsApp and Telegram, wired: one MessagingChannel each on the lean adapter, its
 * webhook route, and its proactive delivery. A channel without its secret is not mounted (404) and
 * the startup log says so.
 */
import type { RetentionOf } from '../territories/retention';
import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { LeanAdapter } from './leanAdapter';
import { capabilitiesOf } from './capabilities';
import type { ContactStore } from './webhook/contacts';
import { MessagingChannel, type MessagingDeps, type Reachability } from './webhook/messaging';
import type { ConversationReference } from 'botbuilder';
import { ChannelRouting } from './webhook/routing';
import { mountSms } from './sms/route';
import { TwilioSender } from './sms/sender';
import { mountTelegram, TelegramSender } from './telegram/telegram';
import { mountWhatsApp, WhatsAppSender } from './whatsapp/whatsapp';
import type { Strings } from '../i18n/strings';
import type { TerritoryRegistry } from '../territories/registry';

/** Per citizen address: what they may send us, and what we may send them (SMS costs money). */
export const MESSAGING_LIMITS = { perMinute: 10, perDay: 100, outPerDay: 100 };

export interface MessagingWiring {
  config: Config;
  server: Server;
  adapter: LeanAdapter;
  contacts: ContactStore;
  strings: Strings;
  territories: TerritoryRegistry;
  logger: Logger;
  now: () => number;
  /** How long a territory keeps data. */
  retention?: RetentionOf;
}

export interface MessagingChannels {
  routing: ChannelRouting;
  sms?: MessagingChannel;
  whatsapp?: MessagingChannel;
  telegram?: MessagingChannel;
}

/** Can a mediator's message reach the citizen of this conversation reference now? */
export async function reachabilityOf(channels: MessagingChannels, reference: Partial<ConversationReference>): Promise<Reachability> {
  const channel = channels[reference.channelId as 'sms' | 'whatsapp' | 'telegram'];
  return channel && ['sms', 'whatsapp', 'telegram'].includes(reference.channelId ?? '') ? channel.reachability(reference) : { ok: true, later: false };
}

export function mountMessagingChannels(w: MessagingWiring): MessagingChannels {
  const { config, logger } = w;
  const routing = new ChannelRouting(w.territories);
  const common = (channel: MessagingDeps['channel']) => ({
    channel,
    caps: capabilitiesOf(channel),
    adapter: w.adapter,
    contacts: w.contacts,
    strings: w.strings,
    logger: logger.child({ module: channel }),
    now: w.now,
    defaultLocale: config.defaultLocale,
    limits: MESSAGING_LIMITS,
    retention: w.retention,
    deadlineMs: config.reliability.webhookDeadlineMs,
  });
  const out: MessagingChannels = { routing };
  const bodyTimeoutMs = config.reliability.webhookBodyMs;
  const enabled = (accounts: { default?: unknown; named: Record<string, unknown> }) => Boolean(accounts.default) || Object.keys(accounts.named).length > 0;
  for (const warning of config.warnings) logger.warn(warning);

  for (const channel of ['sms', 'whatsapp', 'telegram'] as const) {
    const accounts = config[channel];
    const missing = routing.credentialNames(channel).filter((name) => !(name in accounts.named));
    if (missing.length && enabled(accounts)) logger.warn(`${channel}: territories name credential sets that are not configured (${missing.join(', ')}); their webhooks are refused`);
  }

  /** A channel with credentials: mounted, able to send proactive messages, listed; else said to be off. */
  const wire = (channel: 'sms' | 'whatsapp' | 'telegram', on: boolean, make: () => MessagingChannel, mount: (c: MessagingChannel) => void, said: { on: string; off: string }) => {
    if (!on) return logger.info(said.off);
    const c = make();
    mount(c);
    w.adapter.registerDelivery(channel, c);
    out[channel] = c;
    logger.info(said.on);
  };
  wire(
    'sms',
    enabled(config.sms),
    () =>
      new MessagingChannel({
        ...common('sms'),
        sender: new TwilioSender(config.sms, routing, (from) => routing.smsSettings(from, config.sms)),
        territoryOf: (to) => routing.smsNumber(to),
        inline: true,
        maxPerReply: 3,
        heldOnNextMessage: 'drop',
      }),
    (channel) => mountSms(w.server, { channel, routing, accounts: config.sms, publicBaseUrl: config.publicBaseUrl, logger: logger.child({ module: 'sms' }), bodyTimeoutMs }),
    { on: 'SMS (Twilio) webhook: POST /api/sms/twilio', off: 'SMS disabled (no TWILIO_AUTH_TOKEN): /api/sms/twilio answers 404' },
  );
  wire(
    'whatsapp',
    enabled(config.whatsapp),
    () =>
      new MessagingChannel({
        ...common('whatsapp'),
        sender: new WhatsAppSender(config.whatsapp, routing, w.strings),
        territoryOf: (id) => routing.whatsappPhoneNumberId(id),
        inline: false,
        heldOnNextMessage: 'flush',
      }),
    (channel) => mountWhatsApp(w.server, { channel, routing, accounts: config.whatsapp, logger: logger.child({ module: 'whatsapp' }), bodyTimeoutMs }),
    { on: 'WhatsApp webhook: GET/POST /api/whatsapp', off: 'WhatsApp disabled (no WHATSAPP_APP_SECRET): /api/whatsapp answers 404' },
  );
  wire(
    'telegram',
    enabled(config.telegram),
    () =>
      new MessagingChannel({
        ...common('telegram'),
        sender: new TelegramSender(config.telegram, routing),
        territoryOf: (path) => routing.telegramPath(path),
        inline: false,
        heldOnNextMessage: 'drop',
      }),
    (channel) => mountTelegram(w.server, { channel, routing, accounts: config.telegram, logger: logger.child({ module: 'telegram' }), bodyTimeoutMs }),
    { on: 'Telegram webhook: POST /api/telegram/:path', off: 'Telegram disabled (no TELEGRAM_SECRET_TOKEN): /api/telegram/:path answers 404' },
  );
  return out;
}
