/**
 * The one mounting loop: every channel of the registry (src/channels/registry.ts), in its order, is mounted
 * when it is on and logged with its plugin's `said` — the web chat and the HTTP API with the services app.ts
 * gives them under their id, the messaging channels on the shared pipeline (messagingChannels.ts).
 */
import type { Server } from 'restify';
import { channelIsOn } from './plugin';
import { CHANNEL_PLUGINS, isOwnChannelPlugin, type OwnChannelDeps, type OwnChannelPlugin } from './registry';
import { messagingMounter, type MessagingChannels, type MessagingWiring } from './messagingChannels';

export interface ChannelWiring extends MessagingWiring {
  /** The services of the channels that are protocols of their own, by id. */
  own: OwnChannelDeps;
}

export function mountChannels(w: ChannelWiring): MessagingChannels {
  const messaging = messagingMounter(w);
  for (const plugin of CHANNEL_PLUGINS) {
    if (!channelIsOn(plugin, w.config)) {
      w.logger.info(plugin.said.off);
      continue;
    }
    if (isOwnChannelPlugin(plugin)) mountOwn(plugin, w.server, w.own);
    else messaging.mount(plugin);
    w.logger.info(plugin.said.on);
  }
  return messaging.channels;
}

function mountOwn(plugin: OwnChannelPlugin, server: Server, own: OwnChannelDeps): void {
  // Each plugin takes what app.ts gave under its id (OwnChannelDeps is derived from the plugins' own `mount`);
  // TypeScript cannot correlate the union's id with its deps, hence the one widening here.
  (plugin.mount as (server: Server, deps: unknown) => void)(server, own[plugin.id]);
}
