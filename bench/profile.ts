/**
 * Summarise a V8 CPU profile (.cpuprofile, as written by `npm run bench -- --profile`) by where the
 * time goes: self and inclusive time per module (npm package, our src/ file, node internals), and
 * the hottest functions. Standalone: `node dist/bench/profile.js FILE.cpuprofile`.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** npm package, our own file (src/…, bench/…), node internal area, or a V8 pseudo-frame. */
export function moduleOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const own = url.match(/\/dist\/((?:src|bench)\/.*)$/);
  return own ? own[1] : url;
}

/** A function with its file: the package-relative path for npm packages (lines 1-10 of a TypeScript
 *  package's compiled file are usually its __awaiter/__generator helpers). */
/** Layers of a turn, most specific first: a sample goes to the first layer found walking from the
 *  leaf frame to the root (so the JSON.stringify called by BotState counts as "bot state"). */
const LAYERS: Array<[string, (mod: string) => boolean]> = [
  ['(garbage collector)', (m) => m === '(garbage collector)'],
  ['redis client (ioredis)', (m) => m === 'ioredis'],
  ['state store (src/storage)', (m) => m.startsWith('src/storage/')],
  ['recognizers-text', (m) => m.startsWith('@microsoft/recognizers-text')],
  ['zod', (m) => m === 'zod'],
  ['Azure SDK / connector (CloudAdapter)', (m) => m.startsWith('@azure/') || m.startsWith('@typespec/') || m === 'botframework-connector'],
  ['our guides and NLU (src/guides, src/nlu)', (m) => m.startsWith('src/guides/') || m.startsWith('src/nlu/')],
  ['botbuilder-dialogs', (m) => m.startsWith('botbuilder-dialogs')],
  ['botbuilder core (TurnContext, ActivityHandler, BotState)', (m) => m.startsWith('botbuilder')],
  ['our bot and channel (src/bot, src/channels)', (m) => m.startsWith('src/')],
  ['bench code (stock bot, child IPC)', (m) => m.startsWith('bench/')],
  ['restify', (m) => m === 'restify'],
  ['node http', (m) => m.startsWith('node:_http') || m === 'node:http'],
  ['node net/streams (socket I/O)', (m) => m.startsWith('node:net') || m.startsWith('node:internal/stream')],
];

function fnLabel(frame: CallFrame): string {
  const url = frame.url;
  const nm = url.lastIndexOf('/node_modules/');
  const where = nm >= 0 ? url.slice(nm + '/node_modules/'.length) : moduleOf(frame);
  return `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
}

export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfByModule = new Map<string, number>();
  const inclByModule = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  const inclByOwnFn = new Map<string, number>();
  const byLayer = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let total = 0;
  let idle = 0;

  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    total += dt;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    add(selfByModule, moduleOf(node.callFrame), dt);
    add(selfByFn, fnLabel(node.callFrame), dt);
    const modules = new Set<string>();
    const ownFns = new Set<string>();
    const stack: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      const mod = moduleOf(frame);
      stack.push(mod);
      modules.add(mod);
      if (mod.startsWith('src/')) ownFns.add(fnLabel(frame));
    }
    let layer = 'other (event loop, microtasks, native)';
    for (const mod of stack) {
      const hit = LAYERS.find(([, test]) => test(mod));
      if (hit) {
        layer = hit[0];
        break;
      }
    }
    add(byLayer, layer, dt);
    for (const m of modules) add(inclByModule, m, dt);
    for (const f of ownFns) add(inclByOwnFn, f, dt);
  });

  const busy = total - idle;
  const table = (title: string, m: Map<string, number>) => {
    const rows = [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
    return [
      title,
      ...rows.map(([k, v]) => `  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`),
    ].join('\n');
  };
  return [
    `CPU profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, busy ${((100 * busy) / Math.max(1, total)).toFixed(0)}% (percentages below are of busy time)`,
    table('Time by layer (leaf-most known layer of each sample):', byLayer),
    table('Self time by module:', selfByModule),
    table('Inclusive time by module (a module anywhere on the stack):', inclByModule),
    table('Inclusive time of our functions (src/):', inclByOwnFn),
    table('Hottest functions (self time):', selfByFn),
  ].join('\n\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile\n');
    process.exit(2);
  }
  process.stdout.write(`${summariseProfile(file)}\n`);
}
