/**
 * Issue #9, fault 2: Redis restarts (a clean shutdown, like `redis-cli shutdown`, AOF with
 * appendfsync always) while citizens are talking on the HTTP channel and by SMS. While Redis is away
 * every request gets 503 + Retry-After (never a 500, never a crash); the server reconnects by
 * itself; and everything that got a 200 is in Redis afterwards: a citizen told "vous êtes n°N dans
 * la file" is still in the queue, and an SMS that got its reply has its MessageSid remembered, so the
 * provider's retry runs no second turn.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import twilio from 'twilio';
import { FakeProvider } from '../helpers/fakeProvider';
import { PUBLIC, TWILIO_SID, TWILIO_TOKEN, postSms, smsFields } from '../helpers/channels';
import { BotProcess, MediatorClient, RedisServer, addMediator, cleanupAll, measure, ping, say, waitFor } from './support';

let provider: FakeProvider | undefined;
afterAll(async () => {
  await provider?.stop();
  await cleanupAll();
});

interface Seen {
  kind: 'http' | 'sms';
  status: number;
  retryAfter: string | null;
  at: number;
  ms: number;
}

test('Redis restart under load: 503 while away, reconnects alone, nothing acknowledged is lost', async () => {
  provider = await new FakeProvider().start();
  const redis = new RedisServer('restart');
  await redis.start();
  const env = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `chaos:${randomBytes(4).toString('hex')}:`,
    PUBLIC_BASE_URL: PUBLIC,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_API_BASE_URL: provider.baseUrl,
  };
  const password = `pw-${randomBytes(8).toString('hex')}`;
  addMediator(env, 'demo', 'carla', password);
  const bot = new BotProcess(env);
  await bot.start();
  const carla = new MediatorClient(() => bot.base, 'demo', 'carla', password);
  await carla.login();
  await carla.call('POST', '/presence', { onDuty: true });

  const run = randomBytes(3).toString('hex');
  const seen: Seen[] = [];
  const queued: string[] = []; // conversations whose citizen got "n°N dans la file" with a 200
  const smsAcked: Array<Record<string, string>> = []; // SMS answered 200 with a reply
  let stop = false;

  // HTTP citizens: bonjour → conseiller → oui, again and again with new conversations; a 503 is retried.
  const httpWorker = async (w: number) => {
    for (let n = 0; !stop; n += 1) {
      const conv = `rr-${run}-${w}-${n}`;
      for (const text of ['bonjour', 'conseiller', 'oui']) {
        for (;;) {
          const t = await say(bot.base, conv, text);
          seen.push({ kind: 'http', status: t.status, retryAfter: t.retryAfter, at: Date.now() - t.ms, ms: t.ms });
          if (t.status === 503) {
            await sleep(100);
            if (stop) return;
            continue;
          }
          if (t.status === 200 && /n°\d+ dans la file/.test(t.text)) queued.push(conv);
          break;
        }
        if (text === 'conseiller' && queued.at(-1) === conv) break; // no consent asked
      }
    }
  };
  // SMS citizens: a new MessageSid per message; a 503 would be retried later by Twilio (checked below).
  const smsWorker = async (w: number) => {
    const texts = ['Bonjour', 'menu', '2', 'retour', 'menu', '1'];
    let from = '';
    for (let n = 0; !stop; n += 1) {
      // A new number every 6 messages: stay under the 10 messages a minute per number.
      if (n % texts.length === 0) from = `+336${String(w).padStart(2, '0')}${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, '0')}`;
      const fields = smsFields(from, texts[n % texts.length]);
      const t0 = Date.now();
      const res = await fetch(`${bot.base}/api/sms/twilio`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/sms/twilio`, fields),
        },
        body: new URLSearchParams(fields).toString(),
      });
      const body = await res.text();
      seen.push({ kind: 'sms', status: res.status, retryAfter: res.headers.get('retry-after'), at: t0, ms: Date.now() - t0 });
      if (res.status === 200 && body.includes('<Message>')) smsAcked.push(fields);
      await sleep(res.status === 503 ? 100 : 20);
    }
  };

  const workers = [0, 1, 2].map(httpWorker).concat([0, 1].map(smsWorker));
  await sleep(1500);

  // Redis goes away (clean shutdown: the AOF is flushed), stays away 3 s, comes back on the same files.
  await redis.stop();
  const downAt = Date.now();
  await sleep(3000);
  expect(bot.alive).toBe(true);
  await redis.start();
  const upAt = Date.now();
  expect(await ping(redis.port)).toBe(true);
  // Time for the server to serve a full turn again, on its own.
  const probe = `rr-${run}-probe`;
  await waitFor('a 200 after the restart', async () => ((await say(bot.base, probe, 'bonjour')).status === 200 ? true : undefined), 15_000, 25);
  const recoveredMs = Date.now() - upAt;
  measure('Redis back → first 200 turn', recoveredMs);
  await sleep(1500);
  stop = true;
  await Promise.all(workers);
  expect(bot.alive).toBe(true);

  // Only 200 or 503 + Retry-After, never anything else; the outage was really seen.
  const statuses = new Map<number, number>();
  for (const s of seen) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  expect([...statuses.keys()].sort()).toEqual([200, 503]);
  for (const s of seen.filter((x) => x.status === 503)) expect(s.retryAfter).toBe('1');
  // A 503 comes quickly: webhooks within WEBHOOK_DEADLINE_MS (800 ms); the HTTP channel when ioredis gives up on
  // its commands (within about 1.5 s; a turn that fails half-way also tries its recovery writes, hence up to twice).
  const slowest = (kind: Seen['kind']) => Math.max(0, ...seen.filter((x) => x.status === 503 && x.kind === kind).map((x) => x.ms));
  measure('slowest webhook 503 while Redis was away', slowest('sms'));
  measure('slowest HTTP channel 503 while Redis was away', slowest('http'));
  expect(seen.filter((x) => x.status === 503 && x.kind === 'http').length).toBeGreaterThan(0);
  expect(seen.filter((x) => x.status === 503 && x.kind === 'sms').length).toBeGreaterThan(0);
  expect(slowest('sms')).toBeLessThan(1000);
  expect(slowest('http')).toBeLessThan(4000);
  const during = seen.filter((s) => s.at >= downAt && s.at < upAt);
  expect(during.length).toBeGreaterThan(0);
  measure(`requests: ${seen.length} (${statuses.get(200)} × 200, ${statuses.get(503)} × 503), queued citizens`, queued.length, '');
  const last503 = Math.max(...seen.filter((s) => s.status === 503).map((s) => s.at));
  measure('last 503 after Redis was back', Math.max(0, last503 - upAt));
  expect(queued.length).toBeGreaterThan(3);
  expect(smsAcked.length).toBeGreaterThan(3);

  // Every citizen told "n°N dans la file" is still in the queue: their next message is forwarded.
  const waiting = await carla.queue();
  expect(waiting.waiting.length).toBeGreaterThanOrEqual(queued.length);
  for (const conv of queued) {
    const t = await say(bot.base, conv, 'je suis toujours là');
    expect({ conv, status: t.status, text: t.text }).toMatchObject({ status: 200, text: expect.stringMatching(/Vous êtes n°\d+/) });
  }
  // Every SMS answered 200 is remembered: a retry of it runs no second turn. One answered just as Redis went
  // away may still be "pending" (its done mark is retried in the background): 503, then a duplicate.
  for (const fields of smsAcked) {
    let again = await postSms(bot.base, fields);
    for (let i = 0; i < 20 && again.status === 503; i++) {
      await sleep(500);
      again = await postSms(bot.base, fields);
    }
    expect({ sid: fields.MessageSid, status: again.status, messages: again.messages }).toEqual({ sid: fields.MessageSid, status: 200, messages: [] });
  }
  expect((await bot.kill('SIGTERM'))?.code).toBe(0);
}, 90_000);
