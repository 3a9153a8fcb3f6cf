/**
 * A real 3-master Redis Cluster on loopback ports for `npm run test:cluster`: three
 * `redis-server --cluster-enabled yes` (AOF on, in a temporary folder), joined by
 * `redis-cli --cluster create … --cluster-replicas 0`, ready once every node says cluster_state:ok.
 * Fails (never skips) when redis-server or redis-cli is missing. stop() always kills the servers
 * and removes the folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningCluster {
  /** `127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3` */
  nodes: string;
  dir: string;
  stop(): Promise<void>;
  /** Synchronous last resort (process exit): SIGKILL the servers, remove the folder. */
  killNow(): void;
}

const HOST = '127.0.0.1';

function need(binary: string): void {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `${binary} is missing (${r.error?.message ?? r.stderr}): the cluster tests need a real Redis ` +
        '(Debian: apt-get install -y redis-server); they fail, never skip.',
    );
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, HOST, () => s.close(() => resolve(true)));
  });
}

/** Ports P whose cluster bus port P + 10000 is free too. */
async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let tries = 0; out.length < n && tries < 200; tries += 1) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    if (out.includes(port) || out.includes(port + 10000) || out.includes(port - 10000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10000))) out.push(port);
  }
  if (out.length < n) throw new Error('no free loopback ports for the test cluster');
  return out;
}

function cli(port: number, ...args: string[]): string {
  const r = spawnSync('redis-cli', ['-h', HOST, '-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout : '';
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`test cluster: ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startRedisCluster(): Promise<RunningCluster> {
  need('redis-server');
  need('redis-cli');
  const dir = mkdtempSync(join(tmpdir(), 'pasapas-cluster-'));
  const servers: ChildProcess[] = [];
  const logs = new Map<number, string>();
  const stop = async () => {
    await Promise.all(
      servers.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const kill = setTimeout(() => p.kill('SIGKILL'), 5000);
            p.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            p.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const killNow = () => {
    for (const p of servers) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports = await freePorts(3);
    for (const port of ports) {
      const data = join(dir, String(port));
      mkdirSync(data);
      const p = spawn(
        'redis-server',
        [
          '--port', String(port),
          '--bind', HOST,
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(data, 'nodes.conf'),
          '--cluster-node-timeout', '2000',
          '--appendonly', 'yes',
          '--appendfsync', 'everysec',
          '--save', '',
          '--dir', data,
          '--maxmemory-policy', 'noeviction',
          '--daemonize', 'no',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      logs.set(port, '');
      const keep = (chunk: Buffer) => logs.set(port, (logs.get(port)! + chunk.toString()).slice(-4000));
      p.stdout?.on('data', keep);
      p.stderr?.on('data', keep);
      servers.push(p);
    }
    for (const port of ports) {
      await until(`redis-server on ${port} does not answer:\n${logs.get(port)}`, () => cli(port, 'PING').trim() === 'PONG');
    }
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `${HOST}:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${create.stdout}\n${create.stderr}`);
    for (const port of ports) {
      await until(`node ${port} not cluster_state:ok`, () => {
        const info = cli(port, 'CLUSTER', 'INFO');
        return /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info) && /cluster_known_nodes:3/.test(info);
      });
    }
    return { nodes: ports.map((p) => `${HOST}:${p}`).join(','), dir, stop, killNow };
  } catch (err) {
    await stop();
    throw err;
  }
}
