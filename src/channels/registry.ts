/**
 * Every channel we serve, listed once: the web chat (Direct Line), the HTTP API and the messaging channels.
 * The mounting loop (mountChannels.ts), the capability table, the check of the territory files' channel fields
 * and the startup log read this list; a new channel is one plugin file and one line here (docs/channels.md,
 * "How to add a channel").
 */
import { isMessagingPlugin, type BaseChannelPlugin, type MessagingChannelPlugin } from './plugin';
import { webChatPlugin } from './directline/plugin';
import { httpPlugin } from './httpPlugin';
import { smsPlugin } from './sms/plugin';
import { ovhSmsPlugin } from './ovh/plugin';
import { brevoSmsPlugin } from './brevo/plugin';
import { whatsappPlugin } from './whatsapp/plugin';
import { telegramPlugin } from './telegram/plugin';
import { phonePlugin } from './phone/plugin';

/** The channels that are protocols of their own; their services come from app.ts under their id. */
export type OwnChannelPlugin = typeof webChatPlugin | typeof httpPlugin;

export const CHANNEL_PLUGINS: readonly (OwnChannelPlugin | MessagingChannelPlugin)[] = [
  webChatPlugin,
  httpPlugin,
  smsPlugin,
  ovhSmsPlugin,
  brevoSmsPlugin,
  whatsappPlugin,
  telegramPlugin,
  phonePlugin,
];

/** The messaging channels (a provider's webhook and sending API), in the order above. */
export const MESSAGING_PLUGINS: readonly MessagingChannelPlugin[] = CHANNEL_PLUGINS.filter(isMessagingPlugin);

export type ChannelId = (typeof CHANNEL_PLUGINS)[number]['id'];
export type PluginChannelId = MessagingChannelPlugin['id'];

/** What app.ts gives each channel that is a protocol of its own, by its id. */
export type OwnChannelDeps = { [P in OwnChannelPlugin as P['id']]: Parameters<P['mount']>[1] };

export function pluginOf(channelId: string | undefined): BaseChannelPlugin<never> | undefined {
  return CHANNEL_PLUGINS.find((p) => p.id === channelId);
}

export function messagingPluginOf(channelId: string | undefined): MessagingChannelPlugin | undefined {
  return MESSAGING_PLUGINS.find((p) => p.id === channelId);
}

export function isOwnChannelPlugin(plugin: OwnChannelPlugin | MessagingChannelPlugin): plugin is OwnChannelPlugin {
  return !isMessagingPlugin(plugin);
}
