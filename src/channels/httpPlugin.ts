/**
 * The HTTP API (httpChannel.ts) in the channel registry. The id is HTTP_CHANNEL, written out: the capability table
 * imports the registry, which imports this module, while httpChannel.ts (reading the table) may be loading.
 */
import type { LeanAdapter } from './leanAdapter';
import type { ProtocolChannelPlugin } from './plugin';
import { mountHttpChannel } from './httpChannel';

export interface HttpChannelDeps {
  adapter: LeanAdapter;
  /** HTTP_CHANNEL_TOKEN: the Bearer token every call must carry (none: open, in development only). */
  token: string | undefined;
}

/** The HTTP channel in the registry: on with a token, or without one outside production. */
export const httpPlugin: ProtocolChannelPlugin<'http', HttpChannelDeps> = {
  id: 'http',
  label: 'API',
  capabilities: { maxButtons: 10, maxMessageChars: 4000, preferShort: false, silentAfterStop: false, sms: false, push: false },
  env: { names: ['HTTP_CHANNEL_TOKEN'], on: (config) => Boolean(config.httpChannelToken) || !config.production },
  mount: (server, d) => mountHttpChannel(server, d.adapter, d.token),
  said: {
    on: 'HTTP channel: POST /api/chat/conversations, POST /api/chat/conversations/:id/messages',
    off: 'HTTP channel disabled (production without HTTP_CHANNEL_TOKEN)',
  },
};
