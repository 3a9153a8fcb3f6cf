/**
 * Handoff queue figures on real Redis: enqueue and claim throughput, claim latency (p50/p99), and
 * the relay latency of a citizen's message from instance A (web chat) to a mediator reading the
 * territory's event stream on instance B. Target: claim p99 ≤ 5 ms, relay p99 ≤ 50 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { buildApp, type App } from '../src/app';
import { RedisHandoffQueue } from '../src/handoff/redisQueue';
import { keyspace } from '../src/storage/keyspace';
import type { NewHandoff } from '../src/handoff/queue';

export interface HandoffBench {
  enqueuePerSecond: number;
  claimPerSecond: number;
  claimP50: number;
  claimP99: number;
  relayP50: number;
  relayP99: number;
  relayN: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [c, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = c;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

export async function benchHandoff(redisUrl: string, opts: { handoffs?: number; relay?: number } = {}): Promise<HandoffBench> {
  const n = opts.handoffs ?? 2000;
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(redisUrl);
  const queue = new RedisHandoffQueue(redis, prefix, 3600, createLogger('silent'));
  const base: Omit<NewHandoff, 'citizenKey'> = {
    territory: 'bench',
    reference: { channelId: 'directline', conversation: { id: 'x', isGroup: false, conversationType: 'personal', name: '' } },
    channel: 'directline',
    locale: 'fr',
    reason: 'stuck',
    guideId: 'impots-declaration',
    stepId: 'lien-activation',
    stepNumber: 5,
    stepTotal: 9,
    transcript: [{ from: 'citizen', text: 'je ne recois pas le mail', at: Date.now() }],
  };
  try {
    const ids: string[] = [];
    let t0 = performance.now();
    await pool([...Array(n).keys()], 50, async (i) => {
      const { record } = await queue.request({ ...base, citizenKey: `c${i}` });
      ids.push(record.id);
    });
    const enqueueSeconds = (performance.now() - t0) / 1000;

    // Throughput: half of them claimed by 50 concurrent workers.
    const half = Math.floor(ids.length / 2);
    t0 = performance.now();
    await pool(ids.slice(0, half), 50, async (id) => {
      await queue.claim('bench', id, 'm', 60_000);
    });
    const claimSeconds = (performance.now() - t0) / 1000;
    // Latency as mediators see it: 4 mediators claiming at once.
    const latencies: number[] = [];
    await pool(ids.slice(half), 4, async (id) => {
      const s = performance.now();
      await queue.claim('bench', id, 'm', 60_000);
      latencies.push(performance.now() - s);
    });
    latencies.sort((a, b) => a - b);

    const relay = await benchRelay(redisUrl, opts.relay ?? 200);
    return {
      enqueuePerSecond: n / enqueueSeconds,
      claimPerSecond: half / claimSeconds,
      claimP50: percentile(latencies, 50),
      claimP99: percentile(latencies, 99),
      relayP50: percentile(relay, 50),
      relayP99: percentile(relay, 99),
      relayN: relay.length,
    };
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
}

/** A citizen on instance A talks to a mediator who reads the event stream through instance B. */
async function benchRelay(redisUrl: string, messages: number): Promise<number[]> {
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const env = {
    REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', PORT: '0', WARMUP_RECOGNIZERS: 'true',
    DIRECTLINE_TOKEN_SECRET: randomBytes(24).toString('hex'),
    // 200 messages in a minute from one conversation: above the web chat's abuse limit on purpose.
    WEBCHAT_MESSAGES_PER_MINUTE: '0',
  };
  const make = async (): Promise<{ app: App; base: string }> => {
    const r = loadConfig(env);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const app = await buildApp(r.config, createLogger('silent'));
    await new Promise<void>((res) => app.server.listen(0, '127.0.0.1', () => res()));
    const port = (app.server.address() as { port: number }).port;
    return { app, base: `http://127.0.0.1:${port}` };
  };
  const a = await make();
  const b = await make();
  const reader = new Redis(redisUrl);
  const admin = new Redis(redisUrl);
  const eventsKey = keyspace(prefix).handoffEvents('demo');
  try {
    await b.app.queue.setPresence('demo', 'lea', true, 3_600_000);
    // The citizen opens the web chat on A (origin = our own pages) and asks for a human.
    const gen = (await (await fetch(`${a.base}/v3/directline/tokens/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(a.app.config.publicBaseUrl).origin }, body: JSON.stringify({ territory: 'demo' }),
    })).json()) as { token: string; conversationId: string };
    await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}` } });
    const say = (text: string) =>
      fetch(`${a.base}/v3/directline/conversations/${gen.conversationId}/activities`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${gen.token}` },
        body: JSON.stringify({ type: 'message', text }),
      });
    await say('conseiller');
    await say('oui');
    const [handoff] = await b.app.queue.waiting('demo');
    if (!handoff) throw new Error('relay bench: no handoff was queued');
    await b.app.queue.claim('demo', handoff.id, 'lea', 600_000);
    let last = ((await admin.xrevrange(eventsKey, '+', '-', 'COUNT', 1))[0]?.[0]) ?? '0';
    const latencies: number[] = [];
    for (let i = 0; i < messages; i += 1) {
      const text = `message ${i} ${randomUUID().slice(0, 6)}`;
      const start = performance.now();
      const posted = say(text);
      // The mediator's side on B: a blocking read of the territory's stream.
      for (;;) {
        const res = (await reader.xread('COUNT', 10, 'BLOCK', 2000, 'STREAMS', eventsKey, last)) as Array<[string, Array<[string, string[]]>]> | null;
        if (!res) throw new Error('relay bench: no event within 2 s');
        const entries = res[0][1];
        last = entries[entries.length - 1][0];
        if (entries.some(([, f]) => f.includes('handoff.message'))) break;
      }
      latencies.push(performance.now() - start);
      await posted;
    }
    return latencies.sort((x, y) => x - y);
  } finally {
    reader.disconnect();
    await a.app.close();
    await b.app.close();
    await deletePrefix(admin, prefix);
    admin.disconnect();
  }
}
