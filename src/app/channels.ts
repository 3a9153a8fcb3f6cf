/**
 * The server and the channels, for the composition root (src/app.ts): the HTTP server, the web chat's Direct
 * Line service, tokens and sockets, and every channel of src/channels/registry.ts mounted by the one loop.
 */
import type { Server } from 'restify';
import { pingRedis } from '../storage/redis';
import { createServer } from '../server';
import type { PasapasBot } from '../bot/pasapasBot';
import type { LeanAdapter } from '../channels/leanAdapter';
import { TokenService } from '../channels/directline/tokens';
import { DirectLineService } from '../channels/directline/service';
import { DirectLineStreams } from '../channels/directline/stream';
import { UploadQuotas } from '../channels/directline/uploadQuota';
import type { MessagingChannels } from '../channels/messagingChannels';
import { mountChannels } from '../channels/mountChannels';
import { CitizenTypingRelay } from '../handoff/typing';
import { citizenKeyFor } from '../conversation/identity';
import { conversationStateKey, eraseCitizen, userStateKey } from '../privacy/erase';
import type { Services } from './services';

export interface ChannelSide {
  server: Server;
  streams: DirectLineStreams;
  messaging: MessagingChannels;
}

export function buildChannels(services: Services, { bot, adapter }: { bot: PasapasBot; adapter: LeanAdapter }): ChannelSide {
  const { config, logger, options, now, strings, territories, retention, stores, metrics, eraser, smsBudget } = services;
  const { redis, state: store, activityLog, files, queue, contacts, memoryWatch } = stores;
  const server = createServer({
    config,
    logger: logger.child({ module: 'server' }),
    bot,
    ready: async () => {
      if (redis) await pingRedis(redis);
      return { warnings: memoryWatch ? await memoryWatch.warnings().catch(() => []) : [] };
    },
  });
  const tokens = new TokenService(config.directLine.tokenSecret, config.directLine.tokenTtlSeconds, options.now);
  if (config.directLine.tokenSecretIsEphemeral) {
    logger.warn('DIRECTLINE_TOKEN_SECRET not set: web chat tokens are valid on this instance only, until it restarts');
  }
  const citizenTyping = new CitizenTypingRelay({ queue, store: stores.typing, now });
  const directLine = new DirectLineService({
    log: activityLog,
    files,
    tokens,
    adapter,
    territories,
    publicBaseUrl: config.publicBaseUrl,
    logger: logger.child({ module: 'directline' }),
    now: options.now,
    retention: retention.seconds,
    typingDelayMs: config.webChatTypingDelayMs,
    // "Terminer et effacer": what "effacer mes données" erases, and the bot's state of that conversation.
    // The citizen typing in the widget: "La personne écrit…" in the console of the mediator who has their handoff.
    onTyping: async ({ territory, userId }) => citizenTyping.typed(territory, citizenKeyFor('directline', userId)),
    eraseCitizen: async ({ conversationId, userId }) => {
      await eraseCitizen(eraser, { channelId: 'directline', userId, conversationId, citizenKey: citizenKeyFor('directline', userId) });
      await store.delete([conversationStateKey('directline', conversationId), userStateKey('directline', userId)]);
    },
  });
  const streams = new DirectLineStreams(activityLog, tokens, logger.child({ module: 'directline-stream' }), {
    ...config.webChatSockets,
    trustProxy: config.trustProxyHops,
  });
  // Every channel of src/channels/registry.ts, by the one loop; the web chat and the HTTP API get their services here.
  const messaging = mountChannels({
    config,
    server,
    adapter,
    contacts,
    strings,
    territories,
    logger,
    now,
    retention: retention.seconds,
    outbox: stores.outbox,
    smsBudget,
    own: {
      directline: {
        routes: {
          service: directLine,
          tokens,
          territories,
          uploadMaxBytes: config.directLine.uploadMaxBytes,
          refreshGraceSeconds: config.directLine.refreshGraceSeconds,
          logger: logger.child({ module: 'directline' }),
          limiter: stores.limiter,
          limits: config.webChatLimits,
          trustProxy: config.trustProxyHops,
          now,
          quotas: new UploadQuotas(stores.uploadQuotas, config.webChatUploads),
          storageFull: memoryWatch?.full.bind(memoryWatch),
          uploadEvents: metrics,
        },
        streams,
        adapter,
        activityLog,
        now,
      },
      http: { adapter, token: config.httpChannelToken },
    },
  });
  return { server, streams, messaging };
}
