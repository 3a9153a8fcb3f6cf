/**
 * Which territory a messaging address belongs to: the Twilio number written to, the WhatsApp
 * phone-number id, the Telegram bot path. An address no territory claims goes to the default
 * territory, with the service-wide credentials.
 */
import type { TerritoryRegistry } from '../../territories/registry';
import type { Territory } from '../../territories/schema';
import type { MessagingChannelId } from './messaging';

export interface Route {
  territory: string;
  /** No territory claims this address: the default territory, and the citizen may be asked where they live. */
  fallback?: boolean;
  /** Name of the territory's own credential set (TWILIO_AUTH_TOKEN_<NAME>…), if it has one. */
  credentials?: string;
}

export class ChannelRouting {
  constructor(private readonly registry: TerritoryRegistry) {}

  private route(t: Territory | undefined, channel: MessagingChannelId): Route {
    const found = t ?? this.registry.defaultTerritory;
    return { territory: found.id, credentials: t ? t.channels[channel]?.credentials : undefined, fallback: !t };
  }

  smsNumber(to: string): Route {
    return this.route(this.registry.byPhoneNumber(to), 'sms');
  }

  /** Segment budget and transliteration for SMS sent from one of our numbers. */
  smsSettings(from: string, defaults: SmsDefaults): SmsDefaults {
    return settingsOf(this.registry.byPhoneNumber(from)?.channels.sms, defaults);
  }

  /** An OVHcloud virtual number (the account's OVH_SMS_NUMBER). */
  ovhNumber(number: string): Route {
    return this.route(this.registry.byOvhNumber(number), 'sms-ovh');
  }

  /** Segment budget and transliteration for SMS sent from one of our OVHcloud numbers. */
  ovhSettings(from: string, defaults: SmsDefaults): SmsDefaults {
    return settingsOf(this.registry.byOvhNumber(from)?.channels['sms-ovh'], defaults);
  }

  /** A Brevo SMS sender (the account's BREVO_SMS_SENDER). */
  brevoSender(sender: string): Route {
    return this.route(this.registry.byBrevoSender(sender), 'sms-brevo');
  }

  /** Segment budget and transliteration for SMS sent from one of our Brevo senders. */
  brevoSettings(from: string, defaults: SmsDefaults): SmsDefaults {
    return settingsOf(this.registry.byBrevoSender(from)?.channels['sms-brevo'], defaults);
  }

  whatsappPhoneNumberId(id: string): Route {
    return this.route(this.registry.byWhatsappPhoneNumberId(id), 'whatsapp');
  }

  telegramPath(path: string): Route {
    return this.route(this.registry.byTelegramPath(path), 'telegram');
  }

  /** Every credential set some territory names, per channel (to warn about missing ones at startup). */
  credentialNames(channel: MessagingChannelId): string[] {
    return [...new Set(this.registry.list().map((t) => t.channels[channel]?.credentials).filter((c): c is string => Boolean(c)))];
  }
}

type SmsDefaults = { maxSegments: number; transliterate: boolean };

/** A territory's own segment budget and transliteration on an SMS channel, else the service's. */
function settingsOf(sms: Partial<SmsDefaults> | undefined, defaults: SmsDefaults): SmsDefaults {
  return { maxSegments: sms?.maxSegments ?? defaults.maxSegments, transliterate: sms?.transliterate ?? defaults.transliterate };
}

/** The credentials of a route: the territory's own set, else the service-wide one. */
export function credentialsOf<C>(accounts: { default?: C; named: Record<string, C> }, route: Route): C | undefined {
  return route.credentials ? accounts.named[route.credentials] : accounts.default;
}
