/**
 * The channel contract: everything the service needs to know about a messaging channel, in one object
 * per channel, listed once in src/channels/registry.ts. The wiring (src/channels/messagingChannels.ts),
 * the capability table (capabilities.ts), territory routing and the startup log read it from there.
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

export interface ChannelPluginEnv {
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

export interface ChannelPlugin {
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
  /** Its webhook route(s), authenticated before anything is parsed. */
  mount(server: Server, deps: MountDeps): void;
  /**
   * The channel is another way into this channel's conversations (phone calls into the caller's SMS one):
   * its turns use that channel's id (state, dedup, limits, STOP), and proactive messages go through that channel.
   */
  sharesConversationsWith?: 'sms';
  /** What the startup log says: the route when on, why it answers 404 when off. */
  said: { on: string; off: string };
}
