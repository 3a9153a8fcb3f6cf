/** Build the real app for a test: embedded (memory) or real Redis with a random prefix. */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config';
import { buildApp, type App, type AppOptions } from '../../src/app';
import { createLogger } from '../../src/logger';
import { capabilitiesOf } from '../../src/channels/capabilities';
import { render } from '../../src/channels/render';
import { connectRedis, deletePrefix, randomPrefix, REDIS_TEST_URL } from './redis';

export const FIXTURE_DIALOGS = join(__dirname, '..', 'fixtures', 'dialogs');

export interface TestApp {
  app: App;
  clock: { now: number; advance(ms: number): void };
  prefix?: string;
  admin?: Redis;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  const r = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WARMUP_RECOGNIZERS: 'false', PORT: '0', ...env });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

export async function startTestApp(
  opts: { redis?: boolean; prefix?: string; env?: Record<string, string> } & Omit<AppOptions, 'now'> = {},
): Promise<TestApp> {
  const clock = {
    now: Date.UTC(2026, 10, 27, 9, 0, 0),
    advance(ms: number) {
      this.now += ms;
    },
  };
  let prefix: string | undefined;
  let admin: Redis | undefined;
  const env: Record<string, string> = { ...(opts.env ?? {}) };
  if (opts.redis) {
    admin = await connectRedis();
    prefix = opts.prefix ?? randomPrefix();
    env.REDIS_URL = REDIS_TEST_URL;
    env.REDIS_KEY_PREFIX = prefix;
  }
  const app = await buildApp(testConfig(env), createLogger('silent'), {
    dialogsDir: opts.dialogsDir,
    menu: opts.menu,
    now: () => clock.now,
  });
  return {
    app,
    clock,
    prefix,
    admin,
    async close() {
      await app.close();
      if (admin && prefix) {
        await deletePrefix(admin, prefix);
        admin.disconnect();
      }
    },
  };
}

/** A citizen talking to the bot on a channel; returns what they would read (rendered text). */
export class Citizen {
  constructor(
    private readonly app: App,
    readonly conversationId: string,
    readonly channelId = 'terminal',
    readonly userId = conversationId,
  ) {}

  async say(text: string): Promise<string> {
    const activities = await this.app.adapter.process({
      channelId: this.channelId,
      conversationId: this.conversationId,
      userId: this.userId,
      text,
    });
    return render(activities, capabilitiesOf(this.channelId))
      .map((m) => m.text)
      .join('\n\n');
  }
}
