/**
 * Which territory a messaging address belongs to: the Twilio number written to, the WhatsApp
 * phone-number id, the Telegram bot path. An address no territory claims goes to the default
 * territory, with the service-wide credentials.
 */
import type { TerritoryRegistry } from '../../territories/registry';

export interface Route {
  territory: string;
  /** Name of the territory's own credential set (TWILIO_AUTH_TOKEN_<NAME>…), if it has one. */
  credentials?: string;
}

interface ChannelClaims {
  sms?: { numbers?: string[]; credentials?: string };
  whatsapp?: { phoneNumberIds?: string[]; credentials?: string };
  telegram?: { paths?: string[]; credentials?: string };
}

export class ChannelRouting {
  private readonly sms = new Map<string, Route>();
  private readonly whatsapp = new Map<string, Route>();
  private readonly telegram = new Map<string, Route>();

  constructor(
    registry: TerritoryRegistry,
    private readonly defaultTerritory: string,
  ) {
    for (const t of registry.list()) {
      const claims = (t as { channels?: ChannelClaims }).channels ?? {};
      for (const n of claims.sms?.numbers ?? []) this.sms.set(n, { territory: t.id, credentials: claims.sms?.credentials });
      for (const n of claims.whatsapp?.phoneNumberIds ?? []) this.whatsapp.set(n, { territory: t.id, credentials: claims.whatsapp?.credentials });
      for (const n of claims.telegram?.paths ?? []) this.telegram.set(n, { territory: t.id, credentials: claims.telegram?.credentials });
    }
  }

  private fallback(): Route {
    return { territory: this.defaultTerritory };
  }

  smsNumber(to: string): Route {
    return this.sms.get(to) ?? this.fallback();
  }

  whatsappPhoneNumberId(id: string): Route {
    return this.whatsapp.get(id) ?? this.fallback();
  }

  telegramPath(path: string): Route {
    return this.telegram.get(path) ?? this.fallback();
  }

  /** Every credential set some territory names, per channel (to warn about missing ones at startup). */
  credentialNames(channel: 'sms' | 'whatsapp' | 'telegram'): string[] {
    const map = channel === 'sms' ? this.sms : channel === 'whatsapp' ? this.whatsapp : this.telegram;
    return [...new Set([...map.values()].map((r) => r.credentials).filter((c): c is string => Boolean(c)))];
  }
}

/** The credentials of a route: the territory's own set, else the service-wide one. */
export function credentialsOf<C>(accounts: { default?: C; named: Record<string, C> }, route: Route): C | undefined {
  return route.credentials ? accounts.named[route.credentials] : accounts.default;
}
