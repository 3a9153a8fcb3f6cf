/**
 * `npm run bench`: Pas à pas against a stock Bot Framework bot, on the same machine, one after the
 * other, each server in its own process. Prints turns/s, p50/p99 and the ratio, writes
 * bench/results/latest.json. Exits 0 when targets are missed (it is a report), non-zero when a
 * server does not start, answers wrongly in the smoke test, or Redis is unreachable.
 *
 *   node dist/bench/index.js [--seconds 15] [--warmup 3] [--connections 50] [--turns 8]
 *                            [--rounds 1] [--server-flags "--max-semi-space-size=64"] [--profile] [--heap]
 *                            [--only stock,lean,sms,directline,handoff,places]
 *
 * --rounds N alternates stock / ours (lean HTTP) / ours (SMS webhook) / ours (web chat through Direct Line) N times and
 * reports, for each, the round with the median throughput (steadier on a shared machine), and the
 * median of the ratios of runs made one right after the other. --server-flags are node flags given
 * to EVERY server. --profile writes a CPU profile of each measured window to bench/results/ and
 * summarises it (lean.cpuprofile, sms.cpuprofile, directline.cpuprofile, stockBot.cpuprofile); --heap writes a
 * sampling heap profile instead (.heapprofile: where the measured window allocates). --only runs a subset
 * (the ratios need stock).
 *
 * Environment: REDIS_URL (default redis://127.0.0.1:6379). Keys go under a random
 * bench:<random>: prefix, deleted at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { ROOT } from '../src/paths';
import { ServerProcess } from './child';
import { runLoad, smokeTest, type LoadResult, type Scenario } from './load';
import { pasapasScenario, smsScenario, stockScenario } from './scenarios';
import { summariseProfile } from './profile';
import { DIRECTLINE_SCENARIO, directLineLoad, directLineMemory, startDirectLineServer, widgetSize } from './directline';
import { benchHandoff } from './handoff';
import { benchPlaces, formatPlaces } from './places';

/** Each path of ours against the stock bot in the same run (issue #15): ≥ 3× its turns/s, ≤ half its p99. */
const TARGET_RATIO = 3;
const TARGET_P99_OF_STOCK = 0.5;
const RESULTS_DIR = join(ROOT, 'bench', 'results');

const out = (s = '') => process.stdout.write(`${s}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      turns: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '1' },
      'server-flags': { type: 'string', default: '' },
      profile: { type: 'boolean', default: false },
      heap: { type: 'boolean', default: false },
      only: { type: 'string', default: 'stock,lean,sms,directline,handoff,places' },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name}: a number ≥ ${min} expected, got "${v}"`);
    return n;
  };
  return {
    seconds: num('seconds', values.seconds!, 1),
    warmup: num('warmup', values.warmup!, 0),
    connections: Math.floor(num('connections', values.connections!, 1)),
    turns: Math.floor(num('turns', values.turns!, 2)),
    rounds: Math.floor(num('rounds', values.rounds!, 1)),
    serverFlags: values['server-flags']!.split(/\s+/).filter(Boolean),
    profile: values.profile!,
    heap: values.heap!,
    only: new Set(values.only!.split(',').map((x) => x.trim()).filter(Boolean)),
  };
}

type Options = ReturnType<typeof options>;

/** --profile: a CPU profile of the measured window; --heap: a sampling heap profile (allocations, by site) instead. */
function startProfiles(server: ServerProcess, opts: Options): void {
  if (opts.heap) server.heapStart();
  else if (opts.profile) server.profileStart();
}

function stopProfiles(server: ServerProcess, opts: Options, profileFile: string): Promise<void> | undefined {
  if (opts.heap) return server.heapStop(profileFile.replace(/\.cpuprofile$/, '.heapprofile'));
  return opts.profile ? server.profileStop(profileFile) : undefined;
}

/** Start a server process, check one conversation, load it, stop it. */
async function measure(label: string, entry: string, args: string[], scenario: Scenario, opts: Options, showTranscript: boolean, redisPid?: number, profileName = entry.replace(/\.js$/, '')): Promise<LoadResult> {
  out(`${label}: starting…`);
  const server = await ServerProcess.start(join(__dirname, entry), args, opts.serverFlags);
  try {
    const transcript = await smokeTest(server.port, scenario).catch((err: Error) => {
      throw new Error(`${label}: smoke conversation failed: ${err.message}`);
    });
    if (showTranscript) out(transcript.replace(/^/gm, '    '));
    out(`${label}: ${opts.warmup} s warm-up + ${opts.seconds} s measured, ${opts.connections} connections…`);
    const profileFile = join(RESULTS_DIR, `${profileName}.cpuprofile`);
    const result = await runLoad(scenario, {
      port: server.port,
      connections: opts.connections,
      warmupSeconds: opts.warmup,
      seconds: opts.seconds,
      onMeasureStart: () => startProfiles(server, opts),
      onMeasureEnd: () => stopProfiles(server, opts, profileFile),
      aborted: () => server.crashed,
      serverPid: server.pid,
      redisPid,
    });
    if (opts.profile && !opts.heap) out(`${summariseProfile(profileFile)}\n`);
    return result;
  } finally {
    await server.stop();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** The round with the median throughput (the lower middle one for an even count). */
function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** One path of ours against stock: each round pairs two runs made one right after the other, and
 *  the median of the paired ratios is less sensitive to other work on the machine than the ratio of
 *  medians. */
function compare(stockRounds: LoadResult[], oursRounds: LoadResult[]) {
  const stock = median(stockRounds);
  const ours = median(oursRounds);
  const ratios = oursRounds.map((o, i) => o.turnsPerSecond / stockRounds[i].turnsPerSecond).sort((a, b) => a - b);
  const ratio = ratios[Math.floor((ratios.length - 1) / 2)];
  const cpuRatio = stock.serverCpuUsPerTurn && ours.serverCpuUsPerTurn ? stock.serverCpuUsPerTurn / ours.serverCpuUsPerTurn : null;
  const ratioOk = ratio >= TARGET_RATIO;
  const p99Ms = stock.latencyMs.p99 * TARGET_P99_OF_STOCK;
  const p99Ok = ours.latencyMs.p99 <= p99Ms && ours.errors === 0;
  return { ours, ratio, ratios, cpuPerTurnRatio: cpuRatio, targets: { ratio: TARGET_RATIO, p99Ms, ratioOk, p99Ok } };
}

function report(stockRounds: LoadResult[], lean: LoadResult[], sms: LoadResult[], dl: LoadResult[], opts: Options) {
  const stock = median(stockRounds);
  const f = (n: number, w: number, d = 1) => n.toFixed(d).padStart(w);
  const row = (r: LoadResult) =>
    `${r.scenario.padEnd(58)}${f(r.turnsPerSecond, 9)}${f(r.latencyMs.p50, 9)}${f(r.latencyMs.p99, 9)}${f(r.latencyMs.max, 9)}${String(r.errors).padStart(8)}${String(r.serverCpuUsPerTurn ?? '?').padStart(13)}`;
  const list = (rs: LoadResult[]) => rs.map((r) => `${r.turnsPerSecond.toFixed(0)}/${r.latencyMs.p99.toFixed(0)}`).join(', ');
  out();
  if (opts.rounds > 1) {
    out(`Rounds (turns/s / p99 ms): stock ${list(stockRounds)}${lean.length ? `; lean HTTP ${list(lean)}` : ''}${sms.length ? `; SMS webhook ${list(sms)}` : ''}${dl.length ? `; web chat ${list(dl)}` : ''}`);
  }
  const flags = opts.serverFlags.length ? `, server flags ${opts.serverFlags.join(' ')}` : '';
  out(
    `Pas à pas benchmark: ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.seconds} s each` +
      `${opts.rounds > 1 ? `, median of ${opts.rounds} rounds` : ''}${flags}, Node ${process.version}, ` +
      `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg()[0].toFixed(1)}`,
  );
  out(`${''.padEnd(58)}${'turns/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'errors'.padStart(8)}${'CPU µs/turn'.padStart(13)}`);
  out(row(stock));
  const json: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    options: { ...opts, only: [...opts.only] },
    stock,
    loadAverage: os.loadavg(),
  };
  const cpu = (r: LoadResult) =>
    `server ${r.cpuPercent.server ?? '?'}%, load generator ${r.cpuPercent.loadGenerator}%, redis ${r.cpuPercent.redis ?? '?'}%`;
  const verdicts: string[] = [`CPU (% of one core, measured window) stock: ${cpu(stock)}`];
  for (const [name, rounds] of [['lean HTTP', lean], ['SMS webhook', sms], ['web chat', dl]] as const) {
    if (rounds.length === 0) continue;
    const c = compare(stockRounds, rounds);
    out(row(c.ours));
    const ratios = opts.rounds > 1 ? ` (paired ratios ${c.ratios.map((x) => x.toFixed(2)).join(', ')})` : '';
    verdicts.push(
      `${name}: ratio ours/stock = ${c.ratio.toFixed(2)}×${ratios} (target ≥ ${TARGET_RATIO}×)   ${c.targets.ratioOk ? 'PASS' : 'FAIL'}`,
      `${name}: p99 = ${c.ours.latencyMs.p99.toFixed(1)} ms (target ≤ half the stock bot's, ${c.targets.p99Ms.toFixed(1)} ms, at ${opts.connections} connections)   ${c.targets.p99Ok ? 'PASS' : 'FAIL'}`,
    );
    if (c.cpuPerTurnRatio) verdicts.push(`${name}: server CPU per turn stock/ours = ${c.cpuPerTurnRatio.toFixed(2)}× (less sensitive than turns/s to other load on the machine)`);
    verdicts.push(`CPU ${name}: ${cpu(c.ours)}`);
    for (const e of c.ours.errorExamples) verdicts.push(`  error (${c.ours.scenario}): ${e}`);
    if (name === 'lean HTTP') {
      // The figures of the lean channel stay where earlier results put them.
      Object.assign(json, { ours: c.ours, ratio: c.ratio, cpuPerTurnRatio: c.cpuPerTurnRatio, targets: c.targets });
      json.rounds = { stock: stockRounds, ours: rounds };
    } else if (name === 'SMS webhook') {
      json.sms = { ...c, rounds };
    } else {
      json.directLine = { ...c, rounds };
    }
  }
  out();
  for (const v of verdicts) out(v);
  if (os.loadavg()[0] > os.cpus().length) out(`warning: load average ${os.loadavg()[0].toFixed(1)} > ${os.cpus().length} CPUs: other work probably competed with the bench`);
  for (const e of stock.errorExamples) out(`  error (${stock.scenario}): ${e}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  out(`figures written to bench/results/latest.json`);
}

/** The web chat server in its own process, loaded through Direct Line. */
async function measureDirectLine(label: string, redisUrl: string, prefix: string, opts: Options, redisPid?: number): Promise<LoadResult> {
  out(`${label}: starting…`);
  const server = await startDirectLineServer(redisUrl, prefix, opts.serverFlags);
  try {
    out(`${label}: ${opts.warmup} s warm-up + ${opts.seconds} s measured, ${opts.connections} conversations…`);
    const profileFile = join(RESULTS_DIR, 'directline.cpuprofile');
    const result = await directLineLoad(server, {
      connections: opts.connections,
      warmupSeconds: opts.warmup,
      seconds: opts.seconds,
      redisPid,
      onMeasureStart: () => startProfiles(server, opts),
      onMeasureEnd: () => stopProfiles(server, opts, profileFile),
    });
    if (opts.profile && !opts.heap) out(`${summariseProfile(profileFile)}\n`);
    return result;
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:${randomBytes(6).toString('hex')}:`;
  if (opts.profile) mkdirSync(RESULTS_DIR, { recursive: true });

  // Fail fast (and before any server starts) when Redis is away.
  const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let redisPid: number | undefined;
  try {
    await probe.connect();
    // Redis on this machine shares the CPUs with the bench: its pid lets us report its CPU use.
    const pid = Number((await probe.info('server')).match(/process_id:(\d+)/)?.[1]);
    if (Number.isInteger(pid) && redisUrl.match(/\/\/(127\.0\.0\.1|localhost)[:/]/)) redisPid = pid;
  } finally {
    probe.disconnect();
  }

  const stock: LoadResult[] = [];
  const lean: LoadResult[] = [];
  const sms: LoadResult[] = [];
  const dl: LoadResult[] = [];
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const tag = opts.rounds > 1 ? ` (round ${round}/${opts.rounds})` : '';
      if (opts.only.has('stock')) stock.push(await measure(`stock bot${tag}`, 'stockBot.js', [], stockScenario(), opts, round === 1, redisPid));
      if (opts.only.has('lean')) lean.push(await measure(`Pas à pas, lean HTTP${tag}`, 'lean.js', [redisUrl, prefix], pasapasScenario(opts.turns), opts, round === 1, redisPid));
      if (opts.only.has('sms')) sms.push(await measure(`Pas à pas, SMS webhook${tag}`, 'lean.js', [redisUrl, prefix], smsScenario(opts.turns), opts, round === 1, redisPid, 'sms'));
      if (opts.only.has('directline')) dl.push(await measureDirectLine(`Pas à pas, web chat${tag}`, redisUrl, prefix, opts, redisPid));
    }
  } finally {
    const n = await deleteKeys(redisUrl, prefix);
    out(`Redis: deleted ${n} keys under ${prefix}`);
  }
  if (stock.length) report(stock, lean, sms, dl, opts);
  else {
    // Without the stock bot there is no ratio: each run's own figures (CPU per turn compares builds).
    for (const r of [...lean, ...sms, ...dl]) out(`${r.scenario}: ${r.turnsPerSecond.toFixed(0)} turns/s, p99 ${r.latencyMs.p99.toFixed(1)} ms, server CPU ${r.serverCpuUsPerTurn ?? "?"} µs/turn, ${r.turns} turns, errors ${r.errors}`);
  }

  if (opts.only.has('directline')) {
    // Memory per open WebSocket and the widget's size (issue #4), same run, same machine.
    const dlPrefix = `bench:${randomBytes(6).toString('hex')}:`;
    const server = await startDirectLineServer(redisUrl, dlPrefix, opts.serverFlags);
    try {
      const sockets = 1000;
      const wsMemoryKiB = await directLineMemory(server, sockets);
      const widget = await widgetSize();
      out();
      out(`Web chat (${DIRECTLINE_SCENARIO}):`);
      out(`  memory per open WebSocket (server RSS, ${sockets} sockets): ${wsMemoryKiB.toFixed(1)} KiB`);
      out(`  widget: ${widget.files.map((x) => `${x.name} ${(x.gzip / 1024).toFixed(1)} KB`).join(', ')} → ${(widget.totalGzip / 1024).toFixed(1)} KB gzip (target ≤ 60 KB)   ${widget.totalGzip <= 60 * 1024 ? 'PASS' : 'FAIL'}`);
      if (stock.length) mergeResults({ webChat: { wsMemoryKiB, sockets, widget } });
    } finally {
      await server.stop();
      await deleteKeys(redisUrl, dlPrefix);
    }
  }
  if (opts.only.has('handoff')) {
    const ho = await benchHandoff(redisUrl, { handoffs: 2000, relay: 200 });
    out();
    out('Handoff queue (real Redis):');
    out(`  enqueue ${ho.enqueuePerSecond.toFixed(0)}/s, claim ${ho.claimPerSecond.toFixed(0)}/s (50 concurrent)`);
    out(`  claim latency (4 mediators at once): p50 ${ho.claimP50.toFixed(2)} ms, p99 ${ho.claimP99.toFixed(2)} ms (target ≤ 5 ms)   ${ho.claimP99 <= 5 ? 'PASS' : 'FAIL'}`);
    out(`  relay citizen (instance A) → mediator stream (instance B): p50 ${ho.relayP50.toFixed(1)} ms, p99 ${ho.relayP99.toFixed(1)} ms over ${ho.relayN} messages (target ≤ 50 ms)   ${ho.relayP99 <= 50 ? 'PASS' : 'FAIL'}`);
    if (stock.length) mergeResults({ handoff: ho });
  }
  if (opts.only.has('places')) {
    // Help places (issue #8): in-memory lookup, in a process of its own.
    const pl = benchPlaces();
    out();
    for (const line of formatPlaces(pl)) out(line);
    if (stock.length) mergeResults({ places: pl });
  }
}

function mergeResults(extra: Record<string, unknown>): void {
  const file = join(RESULTS_DIR, 'latest.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const current = JSON.parse(require('node:fs').readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...current, ...extra }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
