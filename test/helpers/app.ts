/** Build the real app for a test: embedded (memory) or real Redis with a random prefix. */
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import type { RedisClient } from '../../src/storage/redis';
import { loadConfig, type Config } from '../../src/config';
import { buildApp, type App, type AppOptions } from '../../src/app';
import { createLogger } from '../../src/logger';
import { capabilitiesOf } from '../../src/channels/capabilities';
import { render } from '../../src/channels/render';
import { recognizeCommand } from '../../src/conversation/commands';
import { clusterTestNodes, connectCluster, connectRedis, deletePrefix, randomPrefix, REDIS_TEST_URL } from './redis';

export const FIXTURE_DIALOGS = join(__dirname, '..', 'fixtures', 'dialogs');
export const TEST_CONTACT_HASH_SECRET = 'contact-hash-secret-for-tests-0123456789';

export interface TestApp {
  app: App;
  clock: { now: number; advance(ms: number): void };
  prefix?: string;
  admin?: RedisClient;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  // One contact-hash key for every instance a test starts (two instances sharing Redis must agree on ids).
  const r = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WARMUP_RECOGNIZERS: 'false', PORT: '0', CONTACT_HASH_SECRET: TEST_CONTACT_HASH_SECRET, ...env });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

export async function startTestApp(
  /** redis: true = one server (REDIS_TEST_URL); 'cluster' = the test Redis Cluster (`npm run test:cluster`). */
  opts: { redis?: boolean | 'cluster'; prefix?: string; onDuty?: boolean; env?: Record<string, string> } & Omit<AppOptions, 'now'> = {},
): Promise<TestApp> {
  const clock = {
    now: Date.UTC(2026, 10, 27, 9, 0, 0),
    advance(ms: number) {
      this.now += ms;
    },
  };
  let prefix: string | undefined;
  let admin: RedisClient | undefined;
  const env: Record<string, string> = { ...(opts.env ?? {}) };
  if (opts.redis) {
    admin = opts.redis === 'cluster' ? await connectCluster() : await connectRedis();
    prefix = opts.prefix ?? randomPrefix();
    if (opts.redis === 'cluster') env.REDIS_CLUSTER_NODES = clusterTestNodes();
    else env.REDIS_URL = REDIS_TEST_URL;
    env.REDIS_KEY_PREFIX = prefix;
  }
  const app = await buildApp(testConfig(env), createLogger('silent'), {
    dialogsDir: opts.dialogsDir,
    menu: opts.menu,
    notifier: opts.notifier ?? false,
    territoriesDir: opts.territoriesDir,
    publicDir: opts.publicDir,
    places: opts.places,
    contactIds: opts.contactIds,
    now: () => clock.now,
  });
  if (opts.onDuty) await app.queue.setPresence('demo', 'mediatrice-test', true, 365 * 86_400_000, clock.now);
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

/** Messages sent to citizens outside their turns (mediator replies, queue news), by conversation. */
const inboxes = new WeakMap<App, Map<string, Partial<Activity>[]>>();

function inboxOf(app: App): Map<string, Partial<Activity>[]> {
  let inbox = inboxes.get(app);
  if (!inbox) {
    const created = new Map<string, Partial<Activity>[]>();
    inbox = created;
    inboxes.set(app, created);
    for (const channel of ['terminal', 'http', 'sms']) {
      app.adapter.registerDelivery(channel, {
        deliver: async (ref, activities) => {
          const id = ref.conversation?.id ?? '';
          created.set(id, [...(created.get(id) ?? []), ...activities]);
        },
      });
    }
  }
  return inbox;
}

/** A citizen talking to the bot on a channel; returns what they would read (rendered text). */
export class Citizen {
  constructor(
    private readonly app: App,
    readonly conversationId: string,
    readonly channelId = 'terminal',
    readonly userId = conversationId,
  ) {
    inboxOf(app);
  }

  /** What arrived outside of the citizen's turns since the last call (rendered), after one notifier round. */
  async proactive(): Promise<string> {
    await this.app.notifier.tick();
    const inbox = inboxOf(this.app);
    const activities = inbox.get(this.conversationId) ?? [];
    inbox.set(this.conversationId, []);
    return render(activities, capabilitiesOf(this.channelId))
      .map((m) => m.text)
      .join('\n\n');
  }

  /** The citizen's active handoff, as a mediator would act on it. */
  async handoff() {
    const territory = 'demo';
    const waiting = await this.app.queue.waiting(territory);
    const all = [...waiting];
    for (const id of this.claimed) {
      const r = await this.app.queue.get(territory, id);
      if (r) all.push(r);
    }
    return all.find((r) => r.reference.conversation?.id === this.conversationId);
  }

  private readonly claimed: string[] = [];
  private lease: string | undefined;

  async mediator(action: { claim?: boolean; say?: string; close?: 'fait-pour' | 'fait-avec' | 'autonome' | 'non-resolu'; release?: boolean; offDuty?: boolean }): Promise<string> {
    const q = this.app.queue;
    // The mediator goes off duty (after a close): nobody is there for the next request.
    if (action.offDuty) {
      await q.setPresence('demo', 'mediatrice-test', false, 60_000, this.app.now());
      return this.proactive();
    }
    const record = await this.handoff();
    if (!record) throw new Error('the citizen has no handoff');
    if (action.claim) {
      const c = await q.claim('demo', record.id, 'mediatrice-test', 90_000, this.app.now());
      this.claimed.push(record.id);
      this.lease = c.leaseToken;
    }
    if (action.say) await q.addMessage('demo', record.id, { at: this.app.now(), from: 'mediator', text: action.say, mediatorId: 'mediatrice-test' });
    if (action.release) await q.release('demo', record.id, this.lease!, this.app.now());
    if (action.close) await q.close('demo', record.id, this.lease!, action.close, '', this.app.now());
    return this.proactive();
  }

  /**
   * STOP on a channel that keeps a record of it (SMS, WhatsApp, Telegram: src/channels/webhook/contacts.ts), played
   * here as the channel would: the webhook tests (test/channels) run the real record.
   */
  private stopped = false;

  /** What the channel knows of the citizen on every turn (e.g. `citizenPhone`: the number an SMS comes from). */
  known: Record<string, unknown> = {};

  async say(text: string): Promise<string> {
    const command = recognizeCommand(String(text));
    const keepsStop = capabilitiesOf(this.channelId).push;
    const optedOut = keepsStop && this.stopped;
    if (keepsStop && (command === 'stop' || command === 'start')) this.stopped = command === 'stop';
    const activities = await this.app.adapter.process({
      channelId: this.channelId,
      conversationId: this.conversationId,
      userId: this.userId,
      text: String(text),
      ...(optedOut || Object.keys(this.known).length ? { channelData: { ...this.known, ...(optedOut ? { optedOut: true } : {}) } } : {}),
    });
    return render(activities, capabilitiesOf(this.channelId))
      .map((m) => m.text)
      .join('\n\n');
  }
}
