/**
 * The messaging channels of the registry (SMS, WhatsApp, Telegram, phone calls: src/channels/registry.ts),
 * wired by the mounting loop (mountChannels.ts): one MessagingChannel each on the lean adapter, its webhook
 * route, and its proactive delivery. A channel without its secret is not mounted (404).
 */
import type { RetentionOf } from '../territories/retention';
import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { LeanAdapter } from './leanAdapter';
import type { ContactStore } from './webhook/contacts';
import { MessagingChannel, type Reachability } from './webhook/messaging';
import type { ConversationReference } from 'botbuilder';
import { ChannelRouting } from './webhook/routing';
import { HttpTranscriber } from './voice/transcriber';
import { messagingPluginOf, type PluginChannelId } from './registry';
import type { MessagingChannelPlugin } from './plugin';
import type { Strings } from '../i18n/strings';
import type { TerritoryRegistry } from '../territories/registry';
import type { OutboxStore } from './outbox/store';
import type { SmsBudget } from '../territories/smsBudget';

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
  /** The SMS providers' outboxes (OVHcloud…). */
  outbox: OutboxStore;
  /** The territories' monthly SMS budget: every SMS sent is counted there. */
  smsBudget?: SmsBudget;
}

export type MessagingChannels = { routing: ChannelRouting; close(): Promise<void> } & Partial<Record<PluginChannelId, MessagingChannel>>;

/** Can a mediator's message reach the citizen of this conversation reference now? */
export async function reachabilityOf(channels: MessagingChannels, reference: Partial<ConversationReference>): Promise<Reachability> {
  const plugin = messagingPluginOf(reference.channelId);
  const channel = plugin ? channels[plugin.id] : undefined;
  return channel ? channel.reachability(reference) : { ok: true, later: false };
}

/** The messaging side of the mounting loop (mountChannels.ts): the shared routing and speech-to-text, and one channel at a time. */
export interface MessagingMounter {
  channels: MessagingChannels;
  /** Wires a messaging channel that is on: its sender, its MessagingChannel, its route, its proactive delivery. */
  mount(plugin: MessagingChannelPlugin): void;
}

export function messagingMounter(w: MessagingWiring): MessagingMounter {
  const { config, logger } = w;
  const routing = new ChannelRouting(w.territories);
  const closers: Array<() => Promise<void>> = [];
  const out: MessagingChannels = {
    routing,
    async close() {
      await Promise.all(closers.map((c) => c().catch(() => undefined)));
    },
  };
  const bodyTimeoutMs = config.reliability.webhookBodyMs;
  for (const warning of config.warnings) logger.warn(warning);
  // Voice notes on WhatsApp and Telegram (docs/voice.md): one speech-to-text client for every channel.
  const transcriber = config.stt ? new HttpTranscriber(config.stt) : undefined;
  logger.info(transcriber ? `voice notes: transcribed by ${new URL(config.stt!.baseUrl).host} (${config.stt!.model})` : 'voice notes: off (set STT_API_BASE_URL, STT_API_KEY, STT_MODEL)');

  const mount = (plugin: MessagingChannelPlugin): void => {
    const accounts = plugin.env.section(config);
    const missing = routing.credentialNames(plugin.sharesConversationsWith ?? (plugin.id as Exclude<PluginChannelId, 'voice'>)).filter((name) => !(name in accounts.named));
    if (missing.length) logger.warn(`${plugin.id}: territories name credential sets that are not configured (${missing.join(', ')}); their webhooks are refused`);
    const channelLogger = logger.child({ module: plugin.id });
    const sender = plugin.sender(config, routing, w.strings, { outbox: w.outbox, now: w.now, logger: channelLogger });
    const close = sender.close?.bind(sender);
    if (close) closers.push(close);
    const channel = new MessagingChannel({
      channel: plugin.sharesConversationsWith ?? (plugin.id as Exclude<PluginChannelId, 'voice'>),
      caps: plugin.capabilities,
      adapter: w.adapter,
      contacts: w.contacts,
      strings: w.strings,
      logger: channelLogger,
      now: w.now,
      defaultLocale: config.defaultLocale,
      limits: MESSAGING_LIMITS,
      retention: w.retention,
      deadlineMs: config.reliability.webhookDeadlineMs,
      transcriber,
      sender,
      territoryOf: (botAddress) => plugin.territoryOf(routing, botAddress),
      ...plugin.delivery,
      ...((plugin.capabilities.sms || plugin.sharesConversationsWith === 'sms') && w.smsBudget ? { counted: smsCounter(w.smsBudget, (botAddress) => plugin.territoryOf(routing, botAddress).territory) } : {}),
    });
    plugin.mount(w.server, { channel, routing, config, logger: channelLogger, bodyTimeoutMs, strings: w.strings });
    if (!plugin.sharesConversationsWith) w.adapter.registerDelivery(plugin.id, channel);
    out[plugin.id] = channel;
  };
  return { channels: out, mount };
}

/** Counts the SMS a channel sends in its territory's monthly budget (docs/sms-operators.md). */
function smsCounter(budget: SmsBudget, territoryOf: (botAddress: string) => string): (botAddress: string, items: string[], sign?: 1 | -1) => Promise<void> {
  return (botAddress, items, sign) => budget.sent(territoryOf(botAddress), items, sign);
}
