/**
 * restify server: health, readiness, and the Bot Framework endpoint when an Azure Bot Service app is
 * configured. The channels (web chat, HTTP API, messaging) are mounted on it by src/channels/mountChannels.ts.
 */
import type { Server as HttpServer } from 'node:http';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ActivityHandler,
} from 'botbuilder';
import type { Config } from './config';

export interface ServerDeps {
  config: Config;
  logger: Logger;
  bot: ActivityHandler;
  /** Readiness probe of the dependencies (Redis ping); throws when not ready. Warnings leave it ready (200) and are listed. */
  ready: () => Promise<void | { warnings?: string[] }>;
}

export function createServer(deps: ServerDeps): Server {
  const { config, logger } = deps;
  // restify's own logger would dump whole requests (headers included): give it a silent one.
  const server = restify.createServer({ name: 'pasapas', handleUncaughtExceptions: false, log: logger.child({ module: 'restify' }, { level: 'silent' }) as never });
  limitSlowClients(server.server, config.reliability.http);
  server.pre((req: Request, res: Response, next: (err?: unknown) => void) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    // Production runs behind TLS (PUBLIC_BASE_URL https): browsers must never come back over plain HTTP.
    if (config.production) res.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.header('Cache-Control', 'no-store');
    const charset = jsonCharsetOf(req.headers['content-type']);
    // JSON travels in UTF-8 (RFC 8259): a body said to be in another charset would be read with its accents broken.
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      req.resume();
      res.send(415, { error: { code: 'UnsupportedMediaType', message: `JSON must be sent in UTF-8 (got charset=${charset.slice(0, 40)})` } });
      return next(false);
    }
    return next();
  });
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
    if ((err.statusCode ?? 500) >= 500) logger.error({ err, route: req.getRoute()?.path }, 'request failed');
    return cb();
  });

  server.get('/healthz', (_req: Request, res: Response, next: (err?: unknown) => void) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  server.get('/readyz', async (_req: Request, res: Response): Promise<void> => {
    try {
      const r = await deps.ready();
      const warnings = r?.warnings ?? [];
      res.send(200, warnings.length > 0 ? { status: 'ready', warnings } : { status: 'ready' });
    } catch (err) {
      res.send(503, { status: 'not ready', reason: (err as Error).message });
    }
  });

  if (config.botFramework) mountBotFramework(server, deps);
  else logger.info('Bot Framework endpoint /api/messages disabled (no MICROSOFT_APP_ID)');
  return server;
}

/** The charset a JSON body says it is in (lower case), or undefined: not JSON, or no charset given. */
export function jsonCharsetOf(contentType: string | undefined): string | undefined {
  if (!contentType || !JSON_TYPE.test(contentType)) return undefined;
  return CHARSET.exec(contentType)?.[1].toLowerCase();
}
const JSON_TYPE = /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * A client that sends its headers or its body a byte at a time must not hold a connection for minutes: Node
 * answers 408 and closes the connection when the headers are not complete after `headersMs`, or the whole
 * request after `requestMs` (responses may take longer: event streams and WebSockets are not affected once
 * their request is in). Node checks every `connectionsCheckingInterval` (30 s by default, which would let a
 * 20 s limit run to 50 s): check often enough that the limits hold within a tenth of the headers limit.
 */
export function limitSlowClients(http: HttpServer, limits: { headersMs: number; requestMs: number }): void {
  http.headersTimeout = limits.headersMs;
  http.requestTimeout = limits.requestMs;
  // Read when the server starts listening (setupConnectionsTracking), so setting it here takes effect.
  (http as typeof http & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(50, Math.min(2000, Math.floor(limits.headersMs / 10)));
}

function mountBotFramework(server: Server, deps: ServerDeps): void {
  const bf = deps.config.botFramework!;
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bf.appId,
    MicrosoftAppPassword: bf.appPassword,
    MicrosoftAppType: bf.appType,
    MicrosoftAppTenantId: bf.tenantId,
  });
  const cloud = new CloudAdapter(auth);
  cloud.onTurnError = async (context, err) => {
    deps.logger.error({ err, channel: context.activity.channelId }, 'bot framework turn failed');
  };
  const json = restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true });
  const requireAuthHeader = (req: Request, res: Response, next: (err?: unknown) => void) => {
    // Anonymous calls are refused before the body is read; CloudAdapter then validates the JWT.
    if (!/^Bearer\s+\S+/i.test(req.header('authorization') ?? '')) {
      res.send(401, { code: 'Unauthorized', message: 'Bot Framework token required' });
      return next(false);
    }
    return next();
  };
  server.post('/api/messages', requireAuthHeader, json, async (req: Request, res: Response): Promise<void> => {
    await cloud.process(req, res, (context) => deps.bot.run(context));
  });
}
