/**
 * `npm run bench:load`: the real server (`pasapas serve`, its own process, on Redis) under a steady
 * mixed load — by default 50 requests/s for 2 minutes across the HTTP JSON channel, signed SMS,
 * WhatsApp and Telegram webhooks, 10 % of the webhooks delivered twice (providers retry) — with a
 * fake provider on loopback receiving what the bot sends. Reports failures (any non-2xx or network
 * error), double replies (a duplicated webhook that produced a second answer), latency p50/p99/max.
 * Targets: < 0.1 % failures, 0 double replies. Writes bench/results/load.json.
 *
 *   node dist/bench/mixedLoad.js [--rate 50] [--seconds 120] [--dup 0.1]
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as netServer, type AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { ROOT } from '../src/paths';

const PUBLIC = 'https://pasapas.example.org';
const TWILIO_TOKEN = `tw-${randomBytes(12).toString('hex')}`;
const WA_SECRET = `wa-${randomBytes(12).toString('hex')}`;
const TG_SECRET = `tg${randomBytes(12).toString('hex')}`;
const OUR_NUMBER = '+33757000000';
const WA_PHONE_ID = '109876543210';
const out = (s = '') => process.stdout.write(`${s}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** What the bot sent through the providers' APIs, by recipient. */
class FakeProvider {
  readonly sentTo = new Map<string, number>();
  server!: Server;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let to = '';
        try {
          const j = JSON.parse(body) as { to?: string; chat_id?: string };
          to = String(j.to ?? j.chat_id ?? '');
        } catch {
          to = new URLSearchParams(body).get('To') ?? '';
        }
        if (!req.url?.includes('answerCallbackQuery')) this.sentTo.set(to, (this.sentTo.get(to) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true,"result":true,"messages":[{"id":"wamid.x"}]}');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

function twilioSignature(url: string, params: Record<string, string>): string {
  let data = url;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  return createHmac('sha1', TWILIO_TOKEN).update(Buffer.from(data, 'utf8')).digest('base64');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string; ms: number }> {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', () => resolve({ status: 0, body: '', ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    req.setTimeout(10_000, () => req.destroy());
    req.end(body);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rate: { type: 'string', default: '50' }, seconds: { type: 'string', default: '120' }, dup: { type: 'string', default: '0.1' } } });
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const dupShare = Number(values.dup);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const provider = new FakeProvider();
  await provider.start();
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'cli.js'), 'serve'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      PUBLIC_BASE_URL: PUBLIC,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      DIRECTLINE_TOKEN_SECRET: randomBytes(32).toString('hex'),
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_API_BASE_URL: provider.url,
      WHATSAPP_APP_SECRET: WA_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify-token-for-the-load-bench',
      WHATSAPP_ACCESS_TOKEN: 'access-token-for-the-load-bench',
      WHATSAPP_API_BASE_URL: provider.url,
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef',
      TELEGRAM_SECRET_TOKEN: TG_SECRET,
      TELEGRAM_API_BASE_URL: provider.url,
    },
  });
  const redis = new Redis(redisUrl);
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      if (i > 300) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    out(`bench:load — ${rate} requests/s for ${seconds} s, ${Math.round(dupShare * 100)} % of webhooks delivered twice (real server, Redis)`);

    const latencies: number[] = [];
    const failures: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    let sent = 0;
    let duplicatesSent = 0;
    const smsAnswers = new Map<string, number>();
    const onceChats = new Set<string>();
    const dupChats = new Set<string>();
    const script = ['Bonjour', '1', '1', 'menu'];
    const httpStep = new Map<string, number>();
    const smsStep = new Map<string, number>();
    let chatSeq = 0;

    // Like the providers: a 503 with Retry-After (the same message still running elsewhere, Redis slow) is sent
    // again after the delay; only the last answer counts. How many were asked to come back is reported.
    let retried = 0;
    const deliver = async (path: string, headers: Record<string, string>, body: string) => {
      let r = await post(port, path, headers, body);
      for (let attempt = 0; attempt < 3 && r.status === 503; attempt++) {
        retried += 1;
        await new Promise((res) => setTimeout(res, 1000));
        const again = await post(port, path, headers, body);
        r = { ...again, ms: r.ms };
      }
      return r;
    };

    const record = (kind: string, r: { status: number; ms: number }) => {
      latencies.push(r.ms);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      if (r.status < 200 || r.status >= 300) failures[`${kind} ${r.status}`] = (failures[`${kind} ${r.status}`] ?? 0) + 1;
    };

    const one = async (n: number): Promise<void> => {
      const pick = n % 10;
      const dup = Math.random() < dupShare;
      if (pick < 3) {
        const conv = `load-${n % 100}`;
        const step = httpStep.get(conv) ?? 0;
        httpStep.set(conv, step + 1);
        record('http', await post(port, `/api/chat/conversations/${conv}/messages`, { 'content-type': 'application/json' }, JSON.stringify({ text: script[step % script.length] })));
      } else if (pick < 6) {
        const from = `+336${String(10_000_000 + (n % 200)).slice(-8)}`;
        const step = smsStep.get(from) ?? 0;
        smsStep.set(from, step + 1);
        const fields = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: `AC${'0'.repeat(32)}`, From: from, To: OUR_NUMBER, Body: script[step % script.length], NumMedia: '0' };
        const body = new URLSearchParams(fields).toString();
        const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(`${PUBLIC}/api/sms/twilio`, fields) };
        const deliveries = dup ? 2 : 1;
        if (dup) duplicatesSent += 1;
        const results = await Promise.all(Array.from({ length: deliveries }, () => deliver('/api/sms/twilio', headers, body)));
        for (const r of results) {
          record('sms', r);
          if (/<Message>/.test(r.body)) smsAnswers.set(fields.MessageSid, (smsAnswers.get(fields.MessageSid) ?? 0) + 1);
        }
      } else if (pick < 8) {
        chatSeq += 1;
        const waId = `3370${String(chatSeq).padStart(8, '0')}`;
        const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: WA_PHONE_ID }, messages: [{ from: waId, id: `wamid.${randomBytes(8).toString('hex')}`, timestamp: '1', type: 'text', text: { body: 'Bonjour' } }] } }] }] });
        const headers = { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', WA_SECRET).update(raw).digest('hex')}` };
        (dup ? dupChats : onceChats).add(waId);
        if (dup) duplicatesSent += 1;
        for (const r of await Promise.all(Array.from({ length: dup ? 2 : 1 }, () => deliver('/api/whatsapp', headers, raw)))) record('whatsapp', r);
      } else {
        chatSeq += 1;
        const chatId = 5_000_000 + chatSeq;
        const raw = JSON.stringify({ update_id: chatId, message: { message_id: 1, chat: { id: chatId, type: 'private' }, text: '/start' } });
        const headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET };
        (dup ? dupChats : onceChats).add(String(chatId));
        if (dup) duplicatesSent += 1;
        for (const r of await Promise.all(Array.from({ length: dup ? 2 : 1 }, () => deliver('/api/telegram/pasapas', headers, raw)))) record('telegram', r);
      }
    };

    const inFlight: Promise<void>[] = [];
    const started = Date.now();
    const total = Math.round(rate * seconds);
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      sent += 1;
      inFlight.push(one(n));
    }
    await Promise.all(inFlight);
    await new Promise((r) => setTimeout(r, 1000)); // late API sends

    // A one-shot chat's "Bonjour" gets the same number of messages everywhere; a duplicate must not add any.
    const counts = [...onceChats].map((c) => provider.sentTo.get(c) ?? 0).sort((a, b) => a - b);
    const expected = counts[Math.floor(counts.length / 2)] ?? 0;
    const doubleChats = [...dupChats].filter((c) => (provider.sentTo.get(c) ?? 0) > expected).length;
    const doubleSms = [...smsAnswers.values()].filter((v) => v > 1).length;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 10) / 10;
    const requests = latencies.length;
    const failed = Object.values(failures).reduce((a, b) => a + b, 0);
    const result = {
      rate,
      seconds,
      scheduled: sent,
      requests,
      byKind,
      duplicatesSent,
      /** Webhooks answered 503 + Retry-After and sent again (mostly the second copy of a duplicate, still running). */
      retriedAfter503: retried,
      failed,
      failureRate: requests ? failed / requests : 0,
      failures,
      doubleReplies: doubleChats + doubleSms,
      latencyMs: { p50: q(0.5), p99: q(0.99), max: q(1) },
      wallSeconds: Math.round((Date.now() - started) / 100) / 10,
      targets: { failureRateBelow: 0.001, doubleReplies: 0 },
    };
    out(JSON.stringify(result, null, 2));
    const pass = result.failureRate < 0.001 && result.doubleReplies === 0;
    out(pass ? 'PASS: < 0.1 % failures, 0 double replies' : 'MISS: see failures / doubleReplies above');
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'load.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
  } finally {
    child.kill('SIGTERM');
    provider.server.close();
    agent.destroy();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench:load failed: ${err.message}\n`);
  process.exit(1);
});
