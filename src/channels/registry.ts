/**
 * Every messaging channel, listed once. The wiring, the capability table, the check of the territory
 * files' channel fields and the startup log read this list; a new channel is one plugin file here
 * (docs/channels.md, "How to add a channel"). Direct Line (the web chat) is its own protocol
 * (src/channels/directline/) and HTTP a small JSON API: they are not plugins.
 */
import type { ChannelPlugin } from './plugin';
import { smsPlugin } from './sms/plugin';
import { ovhSmsPlugin } from './ovh/plugin';
import { brevoSmsPlugin } from './brevo/plugin';
import { whatsappPlugin } from './whatsapp/plugin';
import { telegramPlugin } from './telegram/plugin';
import { phonePlugin } from './phone/plugin';

export const CHANNEL_PLUGINS: readonly ChannelPlugin[] = [smsPlugin, ovhSmsPlugin, brevoSmsPlugin, whatsappPlugin, telegramPlugin, phonePlugin];

export type PluginChannelId = ChannelPlugin['id'];

export function pluginOf(channelId: string | undefined): ChannelPlugin | undefined {
  return CHANNEL_PLUGINS.find((p) => p.id === channelId);
}
