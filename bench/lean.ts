/**
 * Pas à pas under test: the real composition root (buildApp) with Redis state under a throw-away
 * key prefix, listening on a free port; the load goes through the lean HTTP channel or the SMS webhook.
 * Run as a forked child by bench/index.ts: argv = [redisUrl, keyPrefix].
 */
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { buildApp } from '../src/app';
import { serveAsChild, type Running } from './child';
import { BENCH_SMS } from './scenarios';

export async function startPasapas(redisUrl: string, keyPrefix: string): Promise<Running> {
  const result = loadConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    WARMUP_RECOGNIZERS: 'true',
    // The SMS webhook, loaded by the SMS scenario (bench/scenarios.ts): replies go inline (TwiML), no API call.
    TWILIO_AUTH_TOKEN: BENCH_SMS.authToken,
    TWILIO_ACCOUNT_SID: BENCH_SMS.accountSid,
    PUBLIC_BASE_URL: BENCH_SMS.publicBaseUrl,
    // The webhook answers 503 after WEBHOOK_DEADLINE_MS (800 ms) so that Twilio retries; on a loaded shared
    // machine most turns of a 50-connection load pass that, and the bench would measure only 503s.
    WEBHOOK_DEADLINE_MS: '60000',
  });
  if (!result.ok) throw new Error(`bad bench configuration:\n${result.errors.join('\n')}`);
  const app = await buildApp(result.config, createLogger(result.config.logLevel));
  await new Promise<void>((resolve) => app.server.listen(0, result.config.host, () => resolve()));
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, close: () => app.close() };
}

if (require.main === module) {
  const [redisUrl, keyPrefix] = process.argv.slice(2);
  serveAsChild(() => startPasapas(redisUrl, keyPrefix));
}
