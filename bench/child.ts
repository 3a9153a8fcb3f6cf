/**
 * Child-process plumbing: each server under test runs in its own process (forked by the parent),
 * so the load generator never shares its event loop. IPC protocol, parent → child:
 *   {cmd:'profile-start'} / {cmd:'profile-stop', file}  CPU profile of the measured window only
 *   {cmd:'heap-start'} / {cmd:'heap-stop', file}        sampled allocations of the measured window
 *                                                       (collected objects included)
 *   {cmd:'stop'}                                        close the server and exit 0
 * child → parent: {type:'ready', port} once listening, {type:'profiled', file}, {type:'error', message}.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

export interface Running {
  port: number;
  close(): Promise<void>;
}

type ParentMessage = { cmd: 'stop' } | { cmd: 'profile-start' } | { cmd: 'profile-stop'; file: string } | { cmd: 'heap-start' } | { cmd: 'heap-stop'; file: string };
type ChildMessage = { type: 'ready'; port: number } | { type: 'profiled'; file: string } | { type: 'error'; message: string };

/** Child side: start the server, report its port, obey the parent. */
export function serveAsChild(start: () => Promise<Running>): void {
  const send = (m: ChildMessage) => process.send?.(m);
  // The parent went away: don't linger.
  process.on('disconnect', () => process.exit(0));
  start().then(
    (running) => {
      let session: Session | null = null;
      process.on('message', (msg: ParentMessage) => {
        if (msg.cmd === 'stop') {
          running.close().then(() => process.exit(0), () => process.exit(1));
        } else if (msg.cmd === 'profile-start') {
          session = new Session();
          session.connect();
          session.post('Profiler.enable', () => session!.post('Profiler.start'));
        } else if (msg.cmd === 'heap-start') {
          session = new Session();
          session.connect();
          session.post('HeapProfiler.startSampling', {
            samplingInterval: 4096,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          } as object);
        } else if (msg.cmd === 'heap-stop' && session) {
          session.post('HeapProfiler.stopSampling', (err, result) => {
            if (err) send({ type: 'error', message: err.stack ?? err.message });
            else {
              writeFileSync(msg.file, JSON.stringify(result.profile));
              send({ type: 'profiled', file: msg.file });
            }
            session?.disconnect();
            session = null;
          });
        } else if (msg.cmd === 'profile-stop' && session) {
          session.post('Profiler.stop', (err, result) => {
            if (err) send({ type: 'error', message: err.stack ?? err.message });
            else {
              writeFileSync(msg.file, JSON.stringify(result.profile));
              send({ type: 'profiled', file: msg.file });
            }
            session?.disconnect();
            session = null;
          });
        }
      });
      send({ type: 'ready', port: running.port });
    },
    (err: unknown) => {
      send({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 100);
    },
  );
}

/** Parent side: a forked server and the means to drive it. */
export class ServerProcess {
  private exited = false;
  private stopping = false;
  private exitWaiters: Array<() => void> = [];
  /** Set when the child dies before we asked it to stop. */
  crashed: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('exit', (code, signal) => {
      this.exited = true;
      if (!this.stopping) this.crashed = `server process exited (code ${code}, signal ${signal})`;
      for (const w of this.exitWaiters) w();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Fork `entry` (a compiled bench file) with node flags `execArgv`; resolves once it listens. */
  // A loaded shared machine may take over a minute to start the app (guides, recognisers warm-up): 3 min.
  static start(entry: string, args: string[], execArgv: string[] = [], timeoutMs = 180_000): Promise<ServerProcess> {
    const child = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`${entry}: not ready after ${timeoutMs} ms`));
      }, timeoutMs);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${entry}: exited with code ${code} before listening`));
      };
      child.once('exit', onExit);
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(new ServerProcess(child, m.port));
        } else if (m.type === 'error') {
          process.stderr.write(`${entry}: ${m.message}\n`);
        }
      });
    });
  }

  profileStart(): void {
    this.child.send({ cmd: 'profile-start' } satisfies ParentMessage);
  }

  heapStart(): void {
    this.child.send({ cmd: 'heap-start' } satisfies ParentMessage);
  }

  heapStop(file: string): Promise<void> {
    return this.awaitProfiled(file, { cmd: 'heap-stop', file });
  }

  profileStop(file: string): Promise<void> {
    return this.awaitProfiled(file, { cmd: 'profile-stop', file });
  }

  private awaitProfiled(file: string, msg: ParentMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type === 'profiled' && m.file === file) {
          this.child.off('message', onMessage);
          resolve();
        } else if (m.type === 'error') {
          this.child.off('message', onMessage);
          reject(new Error(m.message));
        }
      };
      this.child.on('message', onMessage);
      this.child.send(msg);
    });
  }

  /** Ask the child to close; kill it if it has not exited after 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.child.send({ cmd: 'stop' } satisfies ParentMessage);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
