/**
 * Chaos tests drive REAL processes: `node dist/src/cli.js serve` children and dedicated
 * redis-server processes (AOF on, on a free loopback port, in a temporary directory). Nothing is
 * mocked. Everything started here is registered and torn down by `cleanupAll()` (children killed,
 * Redis servers stopped, temporary directories deleted), even when a test fails. A missing
 * redis-server binary is an error, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../../src/paths';

export const CLI = join(ROOT, 'dist', 'src', 'cli.js');

const cleanups: Array<() => Promise<void> | void> = [];

/** Run every registered cleanup, last registered first; never throws. */
export async function cleanupAll(): Promise<void> {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await c();
    } catch {
      /* keep cleaning */
    }
  }
}

export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pasapas-chaos-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One raw PING: true once the server answers +PONG (data loaded, not -LOADING). */
export function ping(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm run test:chaos does it)`);
}

export function requireRedisServer(): void {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`redis-server is not on the PATH (${r.error?.message ?? r.stderr}): chaos tests need it and never skip (apt-get install redis-server)`);
  }
}

/** A dedicated redis-server with AOF (appendfsync always) on a free loopback port. */
export class RedisServer {
  proc?: ChildProcess;
  readonly dir: string;
  port = 0;

  constructor(
    name = 'redis',
    /** More redis-server arguments (e.g. `--replicaof 127.0.0.1 PORT`). */
    private readonly extraArgs: string[] = [],
  ) {
    requireRedisServer();
    this.dir = tempDir(name);
    cleanups.push(() => this.crash());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, 'redis.log'), 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Start (or restart on the same port and directory: the AOF is replayed); resolves once it answers PING. */
  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const args = [
      '--port', String(this.port), '--bind', '127.0.0.1', '--daemonize', 'no',
      '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir, '--save', '',
      '--maxmemory-policy', 'noeviction', '--logfile', join(this.dir, 'redis.log'),
      ...this.extraArgs,
    ];
    const proc = spawn('redis-server', args, { stdio: 'ignore' });
    this.proc = proc;
    let failure: Error | undefined;
    proc.once('error', (err) => {
      failure = new Error(`cannot start redis-server (${err.message}): chaos tests never skip`);
    });
    proc.once('exit', (code, signal) => {
      failure ??= new Error(`redis-server exited at startup (code ${code}, signal ${signal})\n${this.log()}`);
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (failure) throw failure;
      if (await ping(this.port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port}\n${this.log()}`);
      await sleep(25);
    }
  }

  private alive(): boolean {
    const p = this.proc;
    return Boolean(p && p.pid !== undefined && p.exitCode === null && p.signalCode === null);
  }

  /** A clean stop, like `redis-cli shutdown` (SIGTERM: the AOF is flushed, then exit). */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** A crash: SIGKILL. */
  async crash(): Promise<void> {
    if (this.proc?.signalCode === 'SIGSTOP') this.proc.kill('SIGCONT');
    await this.signal('SIGKILL');
  }

  /** Freeze the server (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void {
    this.proc!.kill('SIGSTOP');
  }

  resume(): void {
    this.proc!.kill('SIGCONT');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.alive()) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGCONT');
    proc.kill(sig);
    await exited;
  }
}

/** A Redis Sentinel (redis-server --sentinel) watching one primary under `name`, alone (quorum 1), quick to act. */
export class SentinelServer {
  proc?: ChildProcess;
  readonly dir: string;
  port = 0;

  constructor(
    readonly name: string,
    private readonly primaryPort: number,
  ) {
    requireRedisServer();
    this.dir = tempDir('sentinel');
    cleanups.push(() => {
      this.proc?.kill('SIGKILL');
    });
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const conf = join(this.dir, 'sentinel.conf');
    writeFileSync(
      conf,
      [
        `port ${this.port}`,
        'bind 127.0.0.1',
        `dir ${this.dir}`,
        `logfile ${join(this.dir, 'sentinel.log')}`,
        `sentinel monitor ${this.name} 127.0.0.1 ${this.primaryPort} 1`,
        `sentinel down-after-milliseconds ${this.name} 1000`,
        `sentinel failover-timeout ${this.name} 5000`,
        '',
      ].join('\n'),
    );
    this.proc = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    await waitFor('the sentinel', async () => ((await ping(this.port)) ? true : undefined));
  }

  /** One command to the sentinel (redis-cli), its output trimmed. */
  command(...args: string[]): string {
    const r = spawnSync('redis-cli', ['-p', String(this.port), ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  }

  /** The port of the primary the sentinel reports now. */
  primary(): number {
    return Number(this.command('sentinel', 'get-master-addr-by-name', this.name).split('\n')[1]);
  }
}

/** The real server, `node dist/src/cli.js serve`, as a child process. */
export class BotProcess {
  proc?: ChildProcess;
  port = 0;
  output = '';
  exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(private readonly env: Record<string, string>) {
    requireBuild();
    cleanups.push(async () => {
      await this.kill('SIGKILL');
    });
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const proc = spawn(process.execPath, [CLI, 'serve'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    proc.stdout!.setEncoding('utf8').on('data', (c: string) => (this.output = (this.output + c).slice(-20_000)));
    proc.stderr!.setEncoding('utf8').on('data', (c: string) => (this.output = (this.output + c).slice(-20_000)));
    this.exit = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    // Generous: a shared CI machine under load has taken more than 20 s to start the server.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`pasapas serve exited at startup:\n${this.output}`);
      try {
        const res = await fetch(`${this.base}/healthz`);
        if (res.ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`pasapas serve did not answer on ${this.base}:\n${this.output}`);
      await sleep(50);
    }
  }

  get alive(): boolean {
    const p = this.proc;
    return Boolean(p && p.exitCode === null && p.signalCode === null);
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    if (!this.proc || !this.alive) return this.exit;
    this.proc.kill(signal);
    return this.exit;
  }
}

export interface Turn {
  status: number;
  retryAfter: string | null;
  text: string;
  ms: number;
}

/** One turn on the HTTP JSON channel. */
export async function say(base: string, conversation: string, text: string): Promise<Turn> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/chat/conversations/${conversation}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = (await res.json().catch(() => ({}))) as { replies?: Array<{ text: string }> };
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    text: (body.replies ?? []).map((r) => r.text).join('\n'),
    ms: performance.now() - t0,
  };
}

/** `pasapas mediator add` against the given Redis; the password goes on stdin. */
export function addMediator(env: Record<string, string>, territory: string, username: string, password: string): void {
  requireBuild();
  const r = spawnSync(process.execPath, [CLI, 'mediator', 'add', '--territory', territory, '--name', `Médiatrice ${username}`, '--username', username], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    input: `${password}\n`,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`mediator add failed (${r.status}): ${r.stderr}${r.stdout}`);
}

export class MediatorClient {
  token = '';
  constructor(
    private readonly base: () => string,
    readonly territory: string,
    readonly username: string,
    private readonly password: string,
  ) {}

  async login(): Promise<void> {
    const res = await fetch(`${this.base()}/api/mediator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ territory: this.territory, username: this.username, password: this.password }),
    });
    if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
    this.token = ((await res.json()) as { token: string }).token;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base()}/api/mediator${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async queue(): Promise<{ waiting: Array<{ id: string; position: number }>; mine: Array<{ id: string; mediatorId: string }> }> {
    const r = await this.call<{ waiting: Array<{ id: string; position: number }>; mine: Array<{ id: string; mediatorId: string }> }>('GET', '/queue');
    if (r.status !== 200) throw new Error(`queue: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

/** Poll until `check` returns a value (not undefined), or throw after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await sleep(everyMs);
  }
}

/** Figures measured by the chaos tests, printed at the end of the run (and kept for the report). */
export function measure(name: string, value: number, unit = 'ms'): void {
  process.stdout.write(`[chaos] ${name}: ${Math.round(value)} ${unit}\n`);
}
