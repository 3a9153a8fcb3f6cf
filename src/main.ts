/**
 * `pasapas serve`: load the configuration (exit non-zero listing every error), build the app,
 * listen, and shut down gracefully on SIGTERM / SIGINT (App.close(): stop accepting, close web chat
 * sockets with 1001, end mediator event streams, finish turns in flight within SHUTDOWN_GRACE_MS;
 * exit 0; see docs/reliability.md). A promise rejected with nobody to handle it is logged and the
 * server keeps serving: one request's failure never ends the process.
 */
import type { Logger } from 'pino';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { buildApp, type App } from './app';

export interface Started {
  app: App;
  /** PUBLIC_BASE_URL: where the demo, the chat and the console are to be opened. */
  url: string;
}

/**
 * Node ends the process on an unhandled rejection (since Node 15): a bug in one request's code path
 * (a forgotten `.catch`) would take down every citizen's and mediator's connection with it. Log it
 * with its stack and keep serving. Installed once per process; returns the listener (tests remove it).
 */
export function keepServingOnUnhandledRejection(logger: Logger): (reason: unknown) => void {
  const listener = (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection (a bug: it should have been caught); the server keeps serving');
  };
  process.on('unhandledRejection', listener);
  return listener;
}

export async function start(env?: Record<string, string | undefined>): Promise<Started | { errors: string[] }> {
  const result = loadConfig(env);
  if (!result.ok) return { errors: result.errors };
  const { config } = result;
  const logger = createLogger(config.logLevel);
  keepServingOnUnhandledRejection(logger);
  const app = await buildApp(config, logger);
  await new Promise<void>((resolve) => app.server.listen(config.port, config.host, () => resolve()));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, redis: Boolean(config.redis), guides: app.catalog.ids().length }, 'pasapas listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    const graceMs = config.reliability.shutdownGraceMs;
    logger.info({ signal, graceMs }, 'shutting down: no new connections, finishing the turns in flight');
    // Never hang: a shutdown still running after the grace period and 5 s more exits non-zero.
    setTimeout(() => {
      logger.error({ ms: Date.now() - t0 }, 'shutdown took too long: exiting');
      process.exit(1);
    }, graceMs + 5000).unref();
    app.close().then(
      () => {
        logger.info({ ms: Date.now() - t0 }, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  return { app, url: publicUrl(config.publicBaseUrl, port) };
}

/**
 * The URL to print at startup: PUBLIC_BASE_URL (the address the widget, its allowed origins and the
 * links are made for), with the port actually listened on when it names port 0.
 */
export function publicUrl(publicBaseUrl: string, port: number): string {
  const u = new URL(publicBaseUrl);
  if (u.port === '0') u.port = String(port);
  return u.href.replace(/\/+$/, '');
}
