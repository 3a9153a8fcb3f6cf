/**
 * The channel contract: everything the service needs to know about a channel, in one object per channel,
 * listed once in src/channels/registry.ts. Every channel is a `BaseChannelPlugin` (id, label, capabilities,
 * its variables, its routes, its startup log line); a messaging channel (a provider's webhook and sending
 * API: SMS, WhatsApp, Telegram, phone calls) is a `MessagingChannelPlugin`, which adds what the shared
 * messaging pipeline needs. The one mounting loop (src/channels/mountChannels.ts), the capability table
 * (capabilities.ts), territory routing and the startup log read them from there.
 * "How to add a channel": docs/channels.md.
 */
import type { Server } from 'restify';
import type { Logger } from 'pino';
import { CHANNEL_ENV, type ChannelEnvId, type Config } from '../config';
import type { Strings } from '../i18n/strings';
import type { ChannelCapabilities } from './capabilities';
import type { ChannelSender, MessagingChannel, MessagingDeps } from './webhook/messaging';
import type { ChannelRouting, Route } from './webhook/routing';
import type { OutboxStore } from './outbox/store';

/** A provider's credential sets: the service-wide one and the territories' own (TWILIO_AUTH_TOKEN_<NAME>…). */
export interface Accounts {
  default?: unknown;
  named: Record<string, unknown>;
}

export interface MountDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  config: Config;
  logger: Logger;
  /** The body must arrive within this (408 otherwise): WEBHOOK_BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
  /** The citizen-facing strings (a channel that speaks them itself: phone calls). */
  strings: Strings;
}

/** The configuration of any channel. */
export interface ChannelEnv {
  /** Every environment variable of the channel (declared and read by config.ts, the only reader of the environment). */
  names: string[];
  /**
   * Is the channel on with this configuration? Off, it is not mounted (its routes answer 404) and the startup
   * log says `said.off`. A messaging channel leaves it out: it is on when it has credentials (`section`).
   */
  on?(config: Config): boolean;
}

/** A messaging channel's configuration: on when the service or a territory has its credentials. */
export interface ChannelPluginEnv extends ChannelEnv {
  /** The variable that authenticates its webhooks: without it the channel is off. */
  secret: string;
  /** Every variable of the channel. */
  names: string[];
  section(config: Config): Accounts;
}

/** A plugin's `env` from its entry in config.ts's CHANNEL_ENV (one declaration of its variables). */
export function channelEnvOf(id: ChannelEnvId, section: (config: Config) => Accounts): ChannelPluginEnv {
  return { secret: CHANNEL_ENV[id].secret, names: Object.keys(CHANNEL_ENV[id].vars), section };
}

/** What a sender may use besides its configuration: the providers' outboxes (src/channels/outbox/), the clock. */
export interface SenderServices {
  outbox: OutboxStore;
  now: () => number;
  logger: Logger;
}

/** Every channel, whatever its protocol: what config, the capability table, the console and the startup log read. */
export interface BaseChannelPlugin<Deps = unknown> {
  /** The activity's channelId, the key of everything stored for the channel ('directline', 'sms'…). */
  id: string;
  /** How the channel is named to mediators and in logs. */
  label: string;
  /** What the channel can show: the renderer reads it, dialogs never branch on the channel. */
  capabilities: ChannelCapabilities;
  /** Its configuration (the variables config.ts reads for it) and whether it is on. */
  env: ChannelEnv;
  /** Its routes; authenticated before anything is parsed. */
  mount(server: Server, deps: Deps): void;
  /** What the startup log says: the routes when on, why they answer 404 when off. */
  said: { on: string; off: string };
}

/**
 * A channel that is a protocol of its own (the web chat's Direct Line, the HTTP API): mounted by the same
 * loop with the services the composition root (app.ts) gives it under its id (`OwnChannelDeps`, registry.ts).
 */
export interface ProtocolChannelPlugin<Id extends string, Deps> extends BaseChannelPlugin<Deps> {
  id: Id;
}

/** A messaging channel: a provider's webhook and sending API, on the shared pipeline (webhook/messaging.ts). */
export interface MessagingChannelPlugin extends BaseChannelPlugin<MountDeps> {
  /** The activity's channelId, the key of everything stored for the channel ('sms', 'whatsapp'…). */
  id: 'sms' | 'sms-ovh' | 'sms-brevo' | 'whatsapp' | 'telegram' | 'voice';
  /** How the channel is named to mediators and in logs. */
  label: string;
  /** What the channel can show: the renderer reads it, dialogs never branch on the channel. */
  capabilities: ChannelCapabilities;
  /**
   * Its configuration: the environment variables config.ts reads for it (declared in config.ts's
   * CHANNEL_ENV, since config.ts is the only reader of the environment: `channelEnvOf` makes this from
   * it) and its section of the parsed config. Without credentials the channel is off (404).
   */
  env: ChannelPluginEnv;
  /** The field of a territory file (`channels.<id>.<field>`) that claims our addresses on this channel. */
  territoryField: 'numbers' | 'senders' | 'phoneNumberIds' | 'paths';
  /** The territory of one of our addresses (the number written to, the phone-number id, the bot path). */
  territoryOf(routing: ChannelRouting, botAddress: string): Route;
  /** How replies go out: inline in the webhook's answer (Twilio), or through the API; "SUITE" and held items. */
  delivery: Pick<MessagingDeps, 'inline' | 'maxPerReply' | 'heldOnNextMessage'>;
  /** The provider's API, for replies and proactive messages. */
  sender(config: Config, routing: ChannelRouting, strings: Strings, services: SenderServices): ChannelSender;
  /**
   * The channel is another way into this channel's conversations (phone calls into the caller's SMS one):
   * its turns use that channel's id (state, dedup, limits, STOP), and proactive messages go through that channel.
   */
  sharesConversationsWith?: 'sms';
}

/** A messaging channel (webhook and sending API) rather than a protocol of its own. */
export function isMessagingPlugin(plugin: BaseChannelPlugin<never>): plugin is MessagingChannelPlugin {
  return 'sender' in plugin && 'territoryField' in plugin;
}

/** Is the channel on: its own rule, or (a messaging channel) it has the service's or a territory's credentials. */
export function channelIsOn(plugin: BaseChannelPlugin<never>, config: Config): boolean {
  if (plugin.env.on) return plugin.env.on(config);
  if (!isMessagingPlugin(plugin)) return true;
  const accounts = plugin.env.section(config);
  return Boolean(accounts.default) || Object.keys(accounts.named).length > 0;
}
