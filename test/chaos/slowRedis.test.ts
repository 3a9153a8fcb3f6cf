/**
 * Issue #9, fault 3: Redis stalls (the server is frozen with SIGSTOP: connections stay open, nothing
 * is answered — like a long blocking script). Webhooks must answer 503 + Retry-After within 1 s
 * (WEBHOOK_DEADLINE_MS, 800 ms by default), and once Redis is back the message is processed exactly
 * once: the stalled turn is not abandoned (its dedup key lands when Redis wakes up), it finishes in
 * the background and its replies go through the provider's API; the provider's retries with the same
 * id are duplicates (no second turn, no second reply), whether they arrive during the stall or after.
 */
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import twilio from 'twilio';
import { FakeProvider } from '../helpers/fakeProvider';
import { PUBLIC, TG_BOT, TG_SECRET, TWILIO_SID, TWILIO_TOKEN, postSms, postTelegram, smsFields, tgText } from '../helpers/channels';
import { BotProcess, RedisServer, cleanupAll, measure, waitFor } from './support';

let provider: FakeProvider | undefined;
afterAll(async () => {
  await provider?.stop();
  await cleanupAll();
});

/** The message id's dedup key: `dedup:<channel>:{<bucket of the citizen>}:<hash of the id>` (src/channels/webhook/contacts.ts). */
async function dedupKeys(admin: Redis, prefix: string, channel: string, messageId: string): Promise<string[]> {
  return admin.keys(`${prefix}dedup:${channel}:*:${createHash('sha256').update(messageId).digest('base64url').slice(0, 22)}`);
}

test('Redis stalled: webhooks answer 503 within 1 s; after recovery each message ran once, with one reply', async () => {
  provider = await new FakeProvider().start();
  const redis = new RedisServer('slow');
  await redis.start();
  const prefix = `chaos:${randomBytes(4).toString('hex')}:`;
  const bot = new BotProcess({
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: prefix,
    PUBLIC_BASE_URL: PUBLIC,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_API_BASE_URL: provider.baseUrl,
    TELEGRAM_SECRET_TOKEN: TG_SECRET,
    TELEGRAM_BOT_TOKEN: TG_BOT,
    TELEGRAM_API_BASE_URL: provider.baseUrl,
  });
  await bot.start();
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  try {
    const from = `+3360${randomBytes(4).readUInt32BE() % 10_000_000}`.padEnd(12, '0');
    const hello = await postSms(bot.base, smsFields(from, 'Bonjour'));
    expect(hello.status).toBe(200);
    expect(hello.messages.join('\n')).toMatch(/1/);
    const chat = 700_000 + (randomBytes(2).readUInt16BE() % 1000);
    expect((await postTelegram(bot.base, tgText(chat, 'Bonjour'))).status).toBe(200);
    provider.clear();

    // Redis freezes. The citizen picks "1" on SMS and on Telegram; the providers retry once during the stall.
    redis.pause();
    const pick = smsFields(from, '1');
    const update = tgText(chat, '1');
    const stalled: Array<{ what: string; status: number; ms: number; retryAfter: string | null }> = [];
    const timed = async (what: string, call: () => Promise<{ status: number }>, retryAfter: () => string | null) => {
      const t0 = performance.now();
      const r = await call();
      stalled.push({ what, status: r.status, ms: performance.now() - t0, retryAfter: retryAfter() });
    };
    // Retry-After is read from a raw request (postSms does not return headers).
    const smsWithHeaders = async (fields: Record<string, string>) => {
      const sig = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC}/api/sms/twilio`, fields);
      const res = await fetch(`${bot.base}/api/sms/twilio`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
        body: new URLSearchParams(fields).toString(),
      });
      await res.text();
      return res;
    };
    let last: Response | undefined;
    await timed('SMS', async () => (last = await smsWithHeaders(pick)), () => last!.headers.get('retry-after'));
    await timed('SMS retry during the stall', async () => (last = await smsWithHeaders(pick)), () => last!.headers.get('retry-after'));
    let tg: { status: number } | undefined;
    await timed('Telegram', async () => (tg = await postTelegram(bot.base, update)), () => '1');
    expect(tg!.status).toBe(503);
    await sleep(500); // stalled about 3 s in all
    expect(bot.alive).toBe(true);
    for (const s of stalled) {
      expect(s).toMatchObject({ status: 503, retryAfter: '1' });
      expect(s.ms).toBeLessThan(1000);
    }
    measure('time to 503 under a stalled Redis (max of 3 webhooks)', Math.max(...stalled.map((s) => s.ms)));
    expect(provider.calls).toHaveLength(0);

    // Redis is back: the stalled turns finish in the background; their replies go through the APIs, once.
    const resumedAt = performance.now();
    redis.resume();
    // The reply is several SMS sent one after the other: wait until none has come for 1 s.
    let seen = { count: 0, since: Date.now() };
    const smsSent = await waitFor('the SMS reply through the Messages API', async () => {
      const calls = provider!.callsTo('/Messages.json').filter((c) => c.form?.To === from);
      if (calls.length !== seen.count) seen = { count: calls.length, since: Date.now() };
      return calls.length > 0 && Date.now() - seen.since >= 1_000 ? calls : undefined;
    });
    expect(smsSent.map((c) => c.form?.Body).join('\n')).toMatch(/impôts|impots/i);
    await waitFor('the Telegram reply', async () => (provider!.callsTo('/sendMessage').length > 0 ? true : undefined));
    measure('Redis resumed → late SMS reply sent', performance.now() - resumedAt);
    expect(await dedupKeys(admin, prefix, 'sms', pick.MessageSid)).toHaveLength(1);

    // The providers retry after the 503s: duplicates, acknowledged with no second turn.
    const retry = await postSms(bot.base, pick);
    expect(retry.status).toBe(200);
    expect(retry.messages).toEqual([]);
    expect((await postTelegram(bot.base, update)).status).toBe(200);
    await sleep(300);
    expect(provider.callsTo('/Messages.json').filter((c) => c.form?.To === from)).toHaveLength(smsSent.length);
    const tgCalls = provider.callsTo('/sendMessage').filter((c) => String((c.json as { chat_id?: unknown })?.chat_id) === String(chat));
    expect(tgCalls.length).toBeGreaterThan(0);
    const tgCount = tgCalls.length;

    // Exactly one turn ran for "1": the next "1" is the first step of the guide, not a step further.
    const next = await postSms(bot.base, smsFields(from, '1'));
    expect(next.status).toBe(200);
    expect(next.messages.join('\n')).toMatch(/Étape 1|Etape 1|Pour commencer/);
    await postTelegram(bot.base, tgText(chat, '1'));
    await waitFor('the next Telegram reply', async () => {
      const calls = provider!.callsTo('/sendMessage').filter((c) => String((c.json as { chat_id?: unknown })?.chat_id) === String(chat));
      return calls.length > tgCount ? calls.slice(tgCount) : undefined;
    }).then((calls) => expect(calls.map((c) => String((c.json as { text?: unknown }).text)).join('\n')).toMatch(/Étape 1|Etape 1|Pour commencer/));
    expect(bot.alive).toBe(true);
  } finally {
    admin.disconnect();
  }
}, 60_000);
