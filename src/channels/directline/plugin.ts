/**
 * The web chat (Direct Line 3.0, what the widget and Microsoft's Web Chat speak) in the channel registry
 * (src/channels/registry.ts): its REST routes, its WebSocket stream and its proactive delivery, mounted by
 * the same loop as every channel. Its services (conversations, tokens, activity log) are built by the
 * composition root, which hands them over under the id 'directline' (`OwnChannelDeps`).
 */
import type { LeanAdapter } from '../leanAdapter';
import type { ProtocolChannelPlugin } from '../plugin';
import type { ActivityLog } from './activityLog';
import { DirectLineDelivery } from './delivery';
import { mountDirectLine, type DirectLineRouteDeps } from './routes';
import type { DirectLineStreams } from './stream';

export interface WebChatDeps {
  /** The REST routes' services and limits. */
  routes: DirectLineRouteDeps;
  /** The WebSocket stream of each conversation's activities (attached to the HTTP server's upgrades). */
  streams: DirectLineStreams;
  /** Proactive messages (a mediator's reply) go into the conversation's activity log. */
  adapter: LeanAdapter;
  activityLog: ActivityLog;
  now: () => number;
}

/**
 * The id is DIRECTLINE_CHANNEL (service.ts), written out: the capability table imports the registry, which imports
 * this module, which service.ts (reading the table) may be loading — nothing of it may be read here at load time.
 */
export const webChatPlugin: ProtocolChannelPlugin<'directline', WebChatDeps> = {
  id: 'directline',
  // The console names it from its own strings ("site web" / "website"): this is the French one.
  label: 'site web',
  capabilities: { maxButtons: 10, maxMessageChars: 4000, preferShort: false, silentAfterStop: false, sms: false, push: false, textFormat: 'markdown', typing: true },
  env: {
    names: ['DIRECTLINE_TOKEN_SECRET', 'DIRECTLINE_TOKEN_TTL_SECONDS', 'DIRECTLINE_REFRESH_GRACE_SECONDS', 'UPLOAD_MAX_BYTES', 'WEBCHAT_TOKENS_PER_IP_PER_MINUTE', 'WEBCHAT_MESSAGES_PER_MINUTE', 'WEBCHAT_TYPING_DELAY_MS', 'WEBCHAT_SOCKETS_PER_CONVERSATION', 'WEBCHAT_SOCKETS_PER_IP', 'WEBCHAT_UPLOADS_PER_CONVERSATION_PER_DAY', 'WEBCHAT_UPLOAD_MB_PER_CONVERSATION_PER_DAY', 'WEBCHAT_UPLOADS_PER_IP_PER_DAY', 'WEBCHAT_UPLOAD_MB_PER_IP_PER_DAY', 'WEBCHAT_UPLOAD_MB_PER_TERRITORY_PER_DAY'],
    // Always on: the widget of every territory speaks it.
    on: () => true,
  },
  mount(server, d) {
    mountDirectLine(server, d.routes);
    d.streams.attach(server.server);
    d.adapter.registerDelivery('directline', new DirectLineDelivery(d.activityLog, d.now));
  },
  said: {
    on: 'web chat (Direct Line 3.0): /v3/directline/tokens/generate, /v3/directline/conversations…, stream over WebSocket',
    off: 'web chat disabled',
  },
};
