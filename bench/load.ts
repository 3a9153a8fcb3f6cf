/**
 * The load generator (runs in the parent process): N virtual citizens, each one a loop over fresh
 * conversations, over keep-alive HTTP. Latency is measured per request (send → last byte) with
 * process.hrtime.bigint(); turns/s counts the 2xx responses received during the measured window.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface Reply {
  text: string;
  buttons: number;
}

/** Send one message of the current conversation; resolves with the bot's replies. */
export type Say = (text: string) => Promise<Reply[]>;

export interface Scenario {
  name: string;
  /** Encode one turn as an HTTP POST. */
  request(conversationId: string, text: string): { path: string; body: string; headers?: Record<string, string> };
  /** Decode a 2xx response body into replies. */
  replies(body: unknown): Reply[];
  /** Play one conversation from its first message to its end; throw WrongReply on a bad answer. */
  converse(say: Say): Promise<void>;
}

export class WrongReply extends Error {
  constructor(sent: string, expected: string, replies: Reply[]) {
    super(`after "${sent}" expected ${expected}, got ${JSON.stringify(replies.map((r) => r.text)).slice(0, 300)}`);
  }
}

export interface LoadOptions {
  port: number;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** Called when the measured window starts and ends (CPU profile of the server). */
  onMeasureStart?: () => void;
  onMeasureEnd?: () => Promise<void> | void;
  /** Polled between turns: a reason to abort (the server died). */
  aborted?: () => string | null;
  /** Processes whose CPU use is reported (the server, Redis). */
  serverPid?: number;
  redisPid?: number;
}

export interface LoadResult {
  scenario: string;
  connections: number;
  seconds: number;
  turns: number;
  conversations: number;
  turnsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  errorExamples: string[];
  /** CPU used during the measured window, % of one core (null where /proc is not readable). */
  cpuPercent: { server: number | null; loadGenerator: number; redis: number | null };
  /** Server CPU time per turn: steadier than turns/s when other work shares the machine. */
  serverCpuUsPerTurn: number | null;
}

/** user+system CPU seconds of a process so far, from /proc (Linux); null elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return null;
  }
}

function post(agent: http.Agent, port: number, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON answers are parsed; others (TwiML) are handed to the scenario as text. */
function parseBody(body: string): unknown {
  return body.startsWith('<') ? body : JSON.parse(body);
}

export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Play one conversation outside of any measurement, returning a transcript; throws on a bad answer. */
export async function smokeTest(port: number, scenario: Scenario): Promise<string> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const id = `smoke-${randomBytes(6).toString('hex')}`;
  const lines: string[] = [];
  try {
    await scenario.converse(async (text) => {
      const { path, body, headers } = scenario.request(id, text);
      const res = await post(agent, port, path, body, headers);
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} after "${text}": ${res.body.slice(0, 300)}`);
      const replies = scenario.replies(parseBody(res.body));
      lines.push(`> ${text}`, ...replies.map((r) => `< ${r.text.split('\n')[0]}${r.buttons ? ` [${r.buttons} buttons]` : ''}`));
      return replies;
    });
  } finally {
    agent.destroy();
  }
  return lines.join('\n');
}

export async function runLoad(scenario: Scenario, opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const run = randomBytes(4).toString('hex');
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  const samples: number[] = [];
  let errors = 0;
  let conversations = 0;
  const errorExamples: string[] = [];
  const fail = (message: string) => {
    errors++;
    if (errorExamples.length < 5) errorExamples.push(message);
  };

  const citizen = async (index: number) => {
    let n = 0;
    while (phase !== 'stop') {
      const id = `b${run}-${index}-${n++}`;
      const say: Say = async (text) => {
        const reason = opts.aborted?.();
        if (reason) throw new Error(reason);
        const { path, body, headers } = scenario.request(id, text);
        const t0 = process.hrtime.bigint();
        const res = await post(agent, opts.port, path, body, headers);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
        if (phase === 'measure') samples.push(ms);
        return scenario.replies(parseBody(res.body));
      };
      try {
        await scenario.converse(say);
        if (phase === 'measure') conversations++;
      } catch (err) {
        if (opts.aborted?.()) return; // the server died: runLoad reports it
        fail((err as Error).message);
        if (!(err instanceof WrongReply)) await sleep(20); // transport error: don't spin
      }
    }
  };

  const citizens = Array.from({ length: opts.connections }, (_, i) => citizen(i));
  await sleep(opts.warmupSeconds * 1000);
  opts.onMeasureStart?.();
  samples.length = 0;
  phase = 'measure';
  const t0 = process.hrtime.bigint();
  const cpu0 = { self: process.cpuUsage(), server: cpuSecondsOf(opts.serverPid), redis: cpuSecondsOf(opts.redisPid) };
  await sleep(opts.seconds * 1000);
  phase = 'stop';
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const self = process.cpuUsage(cpu0.self);
  const pct = (before: number | null, after: number | null) =>
    before === null || after === null ? null : Math.round((100 * (after - before)) / elapsed);
  const serverCpu1 = cpuSecondsOf(opts.serverPid);
  const cpuPercent = {
    server: pct(cpu0.server, serverCpu1),
    loadGenerator: Math.round((self.user + self.system) / 1e4 / elapsed),
    redis: pct(cpu0.redis, cpuSecondsOf(opts.redisPid)),
  };
  await opts.onMeasureEnd?.();
  await Promise.all(citizens);
  agent.destroy();
  const reason = opts.aborted?.();
  if (reason) throw new Error(`${scenario.name}: ${reason}`);

  const sorted = Float64Array.from(samples).sort();
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  return {
    scenario: scenario.name,
    connections: opts.connections,
    seconds: elapsed,
    turns: samples.length,
    conversations,
    turnsPerSecond: samples.length / elapsed,
    latencyMs: {
      mean,
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN,
    },
    errors,
    errorExamples,
    cpuPercent,
    serverCpuUsPerTurn:
      cpu0.server === null || serverCpu1 === null || samples.length === 0
        ? null
        : Math.round(((serverCpu1 - cpu0.server) * 1e6) / samples.length),
  };
}
