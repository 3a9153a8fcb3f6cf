/**
 * The web chat path under load: N concurrent conversations through our Direct Line API (HTTP POST
 * of the citizen's message, then the bot's reply to THAT message — matched by its replyToId —
 * received on the conversation's WebSocket), with Redis state, the server in a child process. Also
 * the server's memory per open WebSocket with 1,000 sockets, and the widget's gzip size.
 *
 * The load generator shares the machine with the server and Redis, so it is kept cheap (node:http
 * with a keep-alive agent and the `ws` client, no fetch) and its CPU use is reported.
 */
import http from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ServerProcess, serveAsChild, type Running } from './child';
import { cpuSecondsOf, percentile, type LoadResult } from './load';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { buildApp } from '../src/app';

export const DIRECTLINE_SCENARIO = 'Pas à pas web chat (Direct Line POST + WebSocket, Redis)';

async function startDl(redisUrl: string, prefix: string, port: number): Promise<Running> {
  const r = loadConfig({
    LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, DIRECTLINE_TOKEN_SECRET: 'bench-secret-of-at-least-32-characters', WARMUP_RECOGNIZERS: 'true',
    // The load comes from one address at a rate no person reaches: the abuse limits would cut it.
    WEBCHAT_TOKENS_PER_IP_PER_MINUTE: '0', WEBCHAT_MESSAGES_PER_MINUTE: '0',
    // 1,000 sockets from one address for the memory figure.
    WEBCHAT_SOCKETS_PER_IP: '0',
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

function request(agent: http.Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: h }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Conversation {
  token: string;
  id: string;
  ws: WebSocket;
  /** replyToIds of bot messages received and not yet waited for (a reply may beat the POST's response). */
  replied: Set<string>;
  waiting?: { id: string; resolve: () => void };
}

async function open(agent: http.Agent, port: number): Promise<Conversation> {
  const base = `http://127.0.0.1:${port}`;
  const gen = await request(agent, port, 'POST', '/v3/directline/tokens/generate', { 'content-type': 'application/json', origin: base }, JSON.stringify({ territory: 'demo' }));
  if (gen.status !== 200) throw new Error(`tokens/generate: HTTP ${gen.status}`);
  const { token, conversationId } = JSON.parse(gen.body) as { token: string; conversationId: string };
  const conv = await request(agent, port, 'POST', '/v3/directline/conversations', { authorization: `Bearer ${token}` });
  if (conv.status !== 201) throw new Error(`conversations: HTTP ${conv.status}`);
  const ws = new WebSocket((JSON.parse(conv.body) as { streamUrl: string }).streamUrl, { perMessageDeflate: false });
  const c: Conversation = { token, id: conversationId, ws, replied: new Set() };
  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const acts = (JSON.parse(data.toString('utf8')) as { activities: Array<{ type: string; replyToId?: string; from?: { role?: string } }> }).activities;
    for (const a of acts) {
      if (a.type !== 'message' || a.from?.role !== 'bot' || !a.replyToId) continue;
      if (c.waiting?.id === a.replyToId) {
        const w = c.waiting;
        c.waiting = undefined;
        w.resolve();
      } else c.replied.add(a.replyToId);
    }
  });
  await new Promise<void>((r, j) => {
    ws.once('open', () => r());
    ws.once('error', j);
  });
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a web chat server in its own process (resolves once it listens). */
export async function startDirectLineServer(redisUrl: string, prefix: string, execArgv: string[] = []): Promise<ServerProcess> {
  return ServerProcess.start(join(__dirname, 'directline.js'), [redisUrl, prefix, String(await freePort())], execArgv);
}

export interface DirectLineLoadOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  redisPid?: number;
  onMeasureStart?: () => void;
  onMeasureEnd?: () => Promise<void> | void;
}

/** N citizens, each one conversation, one turn after the other: POST, then wait for the reply on the socket. */
export async function directLineLoad(server: ServerProcess, opts: DirectLineLoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const convs: Conversation[] = [];
  for (let i = 0; i < opts.connections; i += 10) {
    convs.push(...(await Promise.all(Array.from({ length: Math.min(10, opts.connections - i) }, () => open(agent, server.port)))));
  }
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  const samples: number[] = [];
  let errors = 0;
  const errorExamples: string[] = [];
  const fail = (m: string) => {
    errors++;
    if (errorExamples.length < 5) errorExamples.push(m);
  };
  const texts = ['1', '1', '1', '1', 'menu', 'impots'];
  const citizen = async (c: Conversation, k: number) => {
    let i = k;
    while (phase !== 'stop') {
      if (server.crashed) return;
      const text = texts[i++ % texts.length];
      const t0 = process.hrtime.bigint();
      try {
        const res = await request(agent, server.port, 'POST', `/v3/directline/conversations/${c.id}/activities`, {
          'content-type': 'application/json', authorization: `Bearer ${c.token}`,
        }, JSON.stringify({ type: 'message', text }));
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
        const id = (JSON.parse(res.body) as { id: string }).id;
        if (c.replied.delete(id)) {
          // the reply came first
        } else {
          let timer: NodeJS.Timeout | undefined;
          const ok = await new Promise<boolean>((resolve) => {
            c.waiting = { id, resolve: () => resolve(true) };
            timer = setTimeout(() => resolve(false), 5000);
          });
          clearTimeout(timer);
          if (!ok) {
            c.waiting = undefined;
            throw new Error(`no reply to "${text}" within 5 s`);
          }
        }
        if (phase === 'measure') samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (err) {
        fail((err as Error).message);
        await sleep(20);
      }
    }
  };
  const running = convs.map((c, k) => citizen(c, k));
  await sleep(opts.warmupSeconds * 1000);
  opts.onMeasureStart?.();
  phase = 'measure';
  const t0 = process.hrtime.bigint();
  const cpu0 = { self: process.cpuUsage(), server: cpuSecondsOf(server.pid), redis: cpuSecondsOf(opts.redisPid) };
  await sleep(opts.seconds * 1000);
  const turns = samples.length;
  phase = 'stop';
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const self = process.cpuUsage(cpu0.self);
  const server1 = cpuSecondsOf(server.pid);
  const pct = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((100 * (b - a)) / elapsed));
  const cpuPercent = {
    server: pct(cpu0.server, server1),
    loadGenerator: Math.round((self.user + self.system) / 1e4 / elapsed),
    redis: pct(cpu0.redis, cpuSecondsOf(opts.redisPid)),
  };
  await opts.onMeasureEnd?.();
  await Promise.all(running);
  for (const c of convs) c.ws.close();
  agent.destroy();
  if (server.crashed) throw new Error(`web chat server: ${server.crashed}`);
  const measured = samples.slice(0, turns);
  const sorted = Float64Array.from(measured).sort();
  return {
    scenario: DIRECTLINE_SCENARIO,
    connections: opts.connections,
    seconds: elapsed,
    turns,
    conversations: convs.length,
    turnsPerSecond: turns / elapsed,
    latencyMs: {
      mean: measured.reduce((a, b) => a + b, 0) / Math.max(1, turns),
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
    },
    errors,
    errorExamples,
    cpuPercent,
    serverCpuUsPerTurn: cpu0.server === null || server1 === null || turns === 0 ? null : Math.round(((server1 - cpu0.server) * 1e6) / turns),
  };
}

/** Server RSS growth per open WebSocket, with `sockets` conversations open at once. */
export async function directLineMemory(server: ServerProcess, sockets: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  await sleep(500);
  const before = rssKiB(server.pid!);
  const open_: Conversation[] = [];
  for (let i = 0; i < sockets; i += 50) open_.push(...(await Promise.all(Array.from({ length: Math.min(50, sockets - i) }, () => open(agent, server.port)))));
  await sleep(500);
  const after = rssKiB(server.pid!);
  for (const s of open_) s.ws.close();
  agent.destroy();
  return (after - before) / sockets;
}

export async function widgetSize() {
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
