/**
 * The web chat path under load: 50 concurrent conversations through our Direct Line API (HTTP POST
 * of the citizen's message, the bot's reply received on the WebSocket), with Redis state, in a
 * child process; then the server's memory per open WebSocket with 1,000 sockets; then the widget's
 * gzip size.
 */
import { createServer as createNetServer } from 'node:net';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ServerProcess, serveAsChild, type Running } from './child';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { buildApp } from '../src/app';

export interface DirectLineBench {
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  wsMemoryKiB: number;
  sockets: number;
  widget: { files: Array<{ name: string; bytes: number; gzip: number }>; totalGzip: number };
}

async function startDl(redisUrl: string, prefix: string, port: number): Promise<Running> {
  const r = loadConfig({
    LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, DIRECTLINE_TOKEN_SECRET: 'bench-secret-of-at-least-32-characters', WARMUP_RECOGNIZERS: 'true',
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const app = await buildApp(r.config, createLogger('silent'), { demoMediator: false });
  await new Promise<void>((res) => app.server.listen(port, '127.0.0.1', () => res()));
  return { port, close: () => app.close() };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

interface Conversation {
  token: string;
  id: string;
  ws: WebSocket;
  waiter?: () => void;
}

async function open(base: string): Promise<Conversation> {
  const gen = (await (await fetch(`${base}/v3/directline/tokens/generate`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ territory: 'demo' }),
  })).json()) as { token: string; conversationId: string };
  const conv = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}` } })).json()) as { streamUrl: string };
  const ws = new WebSocket(conv.streamUrl);
  const c: Conversation = { token: gen.token, id: gen.conversationId, ws };
  ws.on('message', (data) => {
    const s = String(data);
    if (!s) return;
    const acts = (JSON.parse(s) as { activities: Array<{ type: string; from?: { role?: string } }> }).activities;
    if (acts.some((a) => a.type === 'message' && a.from?.role === 'bot')) c.waiter?.();
  });
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  return c;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

export async function benchDirectLine(redisUrl: string, prefix: string, opts: { seconds: number; connections: number; sockets: number }): Promise<DirectLineBench> {
  const port = await freePort();
  const server = await ServerProcess.start(join(__dirname, 'directline.js'), [redisUrl, prefix, String(port)]);
  const base = `http://127.0.0.1:${port}`;
  const latencies: number[] = [];
  let errors = 0;
  try {
    const convs = await Promise.all(Array.from({ length: opts.connections }, () => open(base)));
    const texts = ['1', '1', '1', '1', 'menu', 'impots'];
    const until = Date.now() + opts.seconds * 1000;
    const warmupUntil = Date.now() + 2000;
    await Promise.all(
      convs.map(async (c, k) => {
        let i = k;
        while (Date.now() < until) {
          const text = texts[i++ % texts.length];
          const start = performance.now();
          const replied = new Promise<void>((r) => {
            c.waiter = r;
          });
          const res = await fetch(`${base}/v3/directline/conversations/${c.id}/activities`, {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
            body: JSON.stringify({ type: 'message', text }),
          });
          if (res.status !== 200) {
            errors += 1;
            continue;
          }
          await Promise.race([replied, new Promise((r) => setTimeout(r, 5000))]);
          if (Date.now() > warmupUntil) latencies.push(performance.now() - start);
        }
      }),
    );
    for (const c of convs) c.ws.close();
    const measuredSeconds = opts.seconds - 2;

    // Memory per open WebSocket on the server.
    await new Promise((r) => setTimeout(r, 500));
    const before = rssKiB(server.pid!);
    const sockets: Conversation[] = [];
    for (let i = 0; i < opts.sockets; i += 50) sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, opts.sockets - i) }, () => open(base)))));
    await new Promise((r) => setTimeout(r, 500));
    const after = rssKiB(server.pid!);
    for (const s of sockets) s.ws.close();

    latencies.sort((a, b) => a - b);
    return {
      turnsPerSecond: latencies.length / measuredSeconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors,
      wsMemoryKiB: (after - before) / opts.sockets,
      sockets: opts.sockets,
      widget: await widgetSize(),
    };
  } finally {
    await server.stop();
  }
}

async function widgetSize() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWidget } = require('../src/widget/build') as typeof import('../src/widget/build');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { measureWidget } = require('../src/widget/size') as typeof import('../src/widget/size');
  const dir = mkdtempSync(join(tmpdir(), 'pasapas-widget-'));
  try {
    await buildWidget(dir);
    const m = measureWidget(dir);
    return { files: m.files, totalGzip: m.totalGzip };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [redisUrl, prefix, port] = process.argv.slice(2);
  serveAsChild(() => startDl(redisUrl, prefix, Number(port)));
}
