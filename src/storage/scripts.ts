/**
 * The Lua scripts, loaded once and exposed as a typed command map (BullMQ's `src/commands/` is the model).
 *
 * - Every script lives in src/storage/lua/ as `<name>-<keys>.lua`: `-3` takes exactly 3 keys, `-1+n` at least
 *   1 (the caller passes as many as it declares). The header documents KEYS, ARGV and the return codes.
 * - Shared snippets live in lua/includes/ and are pulled in with a line `--- @include "includes/<file>"`
 *   (resolved recursively, each include once a script), e.g. `addHandoffEvent` is the one
 *   `XADD … MAXLEN ~ 10000` of the handoff transitions.
 * - The files are read once per process (`readScripts`) and defined on a client once (`scripts(redis)`):
 *   ioredis then sends EVALSHA and falls back to EVAL once per server, also on Redis Cluster.
 * - The build copies lua/ next to the compiled file (`npm run build`: dist/src/storage/lua), so the built
 *   server runs without src/.
 * - `SCRIPTS` below is the typed map: a script without an entry, an entry without a script, or a key count
 *   that disagrees with the file name fails at the first `scripts(redis)` (at startup) and in
 *   test/storage/scripts.test.ts.
 *
 * To add a script: write `<name>-<keys>.lua` here (keys built with storage/keyspace.ts), add its signature to
 * `ScriptCommands` and its key count to `SCRIPTS`, then call `scripts(redis).<name>([keys…], args…)`.
 * No other module reads a .lua file or calls `defineCommand` (test/architecture/runtime.test.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RedisClient } from './redis';

export const SCRIPTS_DIR = join(__dirname, 'lua');

type Arg = string | number;
/** A tuple of N key strings. */
type Keys<N extends number, T extends string[] = []> = T['length'] extends N ? T : Keys<N, [...T, string]>;
/** At least N keys. */
type AtLeast<N extends number> = [...Keys<N>, ...string[]];

/** What a handoff script returns: a code (storage callers map it to errors once), then its values. */
export type HandoffReply = [number, (string | number)?, string[]?];

/** Every script, with its keys and arguments as its header documents them. */
export interface ScriptCommands {
  stateWrite(keys: Keys<1>, expectedETag: string, eTag: string, json: string, ttlSeconds: number, logKeep: number, ...logLines: string[]): Promise<number>;

  handoffRequest(keys: Keys<5>, id: string, now: number, retentionSeconds: number, data: string, priority: number, citizenKey: string): Promise<HandoffReply>;
  handoffClaim(keys: Keys<5>, id: string, mediatorId: string, leaseToken: string, now: number, leaseMs: number, retentionSeconds: number): Promise<HandoffReply>;
  handoffHeartbeat(keys: Keys<2>, id: string, leaseToken: string, now: number, leaseMs: number, retentionSeconds: number): Promise<HandoffReply>;
  handoffRelease(keys: Keys<4>, id: string, leaseToken: string, now: number, mode: 'release' | 'lease-expired', retentionSeconds: number): Promise<HandoffReply>;
  handoffClose(keys: Keys<4>, id: string, leaseToken: string, now: number, outcome: string, note: string, retentionSeconds: number): Promise<HandoffReply>;
  handoffLeave(keys: Keys<4>, id: string, now: number, mode: 'cancel' | 'expire', maxWaitMs: number, retentionSeconds: number): Promise<HandoffReply>;
  handoffCallback(keys: Keys<5>, id: string, now: number, retentionSeconds: number, phone: string, callAt: number, creating: '1' | '0', data: string, priority: number, citizenKey: string): Promise<HandoffReply>;
  handoffCallbackDone(keys: Keys<4>, id: string, now: number, outcome: string, mediatorId: string, retentionSeconds: number): Promise<HandoffReply>;
  handoffMessage(keys: Keys<3>, id: string, at: number, json: string, mediatorId: string, retentionSeconds: number): Promise<HandoffReply>;
  handoffErase(keys: Keys<7>, id: string, citizenKey: string): Promise<number>;
  handoffTransfer(keys: Keys<3>, id: string, leaseToken: string, toMediatorId: string, newLeaseToken: string, now: number, leaseMs: number, retentionSeconds: number): Promise<HandoffReply>;
  handoffMoveOut(keys: Keys<4>, id: string, leaseToken: string, now: number, movedTo: string, retentionSeconds: number): Promise<HandoffReply>;
  handoffNote(keys: Keys<2>, json: string, retentionSeconds: number, maxNotes: number): Promise<HandoffReply>;

  reminderAdd(keys: Keys<3>, id: string, due: number, data: string): Promise<number>;
  reminderCancel(keys: AtLeast<2>, ...ids: string[]): Promise<[number, number]>;
  reminderTake(keys: AtLeast<1>, now: number, leaseMs: number, ...ids: string[]): Promise<string[]>;

  outboxAdd(keys: Keys<2>, id: string, due: number, job: string): Promise<number>;
  outboxTake(keys: Keys<2>, now: number, leaseMs: number, max: number): Promise<string[]>;
  outboxDone(keys: Keys<3>, id: string, deadLetter: string, maxDead: number): Promise<number>;

  accountPut(keys: Keys<2>, username: string, json: string, mustBeNew: '1' | '0'): Promise<number>;
  accountRemove(keys: Keys<2>, username: string): Promise<number>;

  // The messaging channels (SMS, WhatsApp, Telegram): channels/webhook/contacts.ts
  beforeTurn(
    keys: Keys<8>,
    leaseSeconds: number,
    ttlSeconds: number,
    seen: string,
    conversationId: string,
    perMinute: number,
    perDay: number,
    kind: 'media' | 'text',
    command: 'stop' | 'start' | '',
    more: number,
    held: 'flush' | 'clear' | 'keep',
  ): Promise<string[]>;
  afterTurn(keys: Keys<3>, count: number, outPerDay: number, ttlSeconds: number, markDone: '1' | '0', held: 'keep' | 'replace' | 'append', ...items: string[]): Promise<number>;
  deliveryTake(keys: Keys<1>, leaseSeconds: number): Promise<string | null>;

  // The web chat (Direct Line): channels/directline/redisActivityLog.ts, uploadQuota.ts
  dlCreate(keys: Keys<1>, territory: string, userId: string, createdAt: number, ttlSeconds: number): Promise<number>;
  dlAppend(keys: Keys<3>, ttlSeconds: number, ttlIsTerritorys: '0' | '1', channel: string, announcement: string, clientId: string, clientActivityId: string, ...json: string[]): Promise<number>;
  dlClient(keys: Keys<2>, mode: 'claim' | 'release', clientId: string, activityId: string, ...claim: number[]): Promise<[string, string] | number>;
  dlQuota(keys: Keys<1>, mode: 'check' | 'take' | 'give', bytes: number, count: number, maxBytes: number, windowMs: number): Promise<number>;
  dlWipe(keys: Keys<1>): Promise<number>;
}

export type ScriptName = keyof ScriptCommands;

/** The key count of each script, as its file name says (`'2+n'`: at least 2). */
export const SCRIPTS: Readonly<Record<ScriptName, `${number}` | `${number}+n`>> = {
  stateWrite: '1',
  handoffRequest: '5',
  handoffClaim: '5',
  handoffHeartbeat: '2',
  handoffRelease: '4',
  handoffClose: '4',
  handoffLeave: '4',
  handoffCallback: '5',
  handoffCallbackDone: '4',
  handoffMessage: '3',
  handoffErase: '7',
  handoffNote: '2',
  handoffMoveOut: '4',
  handoffTransfer: '3',
  reminderAdd: '3',
  reminderCancel: '2+n',
  reminderTake: '1+n',
  outboxAdd: '2',
  outboxTake: '2',
  outboxDone: '3',
  accountPut: '2',
  accountRemove: '2',
  beforeTurn: '8',
  afterTurn: '3',
  deliveryTake: '1',
  dlCreate: '1',
  dlAppend: '3',
  dlClient: '2',
  dlQuota: '1',
  dlWipe: '1',
};

export interface ScriptSource {
  name: string;
  file: string;
  /** Fixed count, or the minimum when `variadic`. */
  keys: number;
  variadic: boolean;
  /** The script with its includes resolved. */
  lua: string;
  /** The include files pulled in (paths relative to the scripts folder), in order. */
  includes: string[];
}

const FILE_NAME = /^([a-zA-Z][a-zA-Z0-9]*)-(\d+)(\+n)?\.lua$/;
const INCLUDE = /^--- @include "([^"]+)"[ \t]*$/gm;

/** The script with every `--- @include "…"` replaced by the file's text (once each; a cycle is an error). */
function resolveIncludes(dir: string, file: string, seen: Set<string>, stack: string[], order: string[]): string {
  const path = resolve(dir, file);
  if (stack.includes(path)) throw new Error(`lua include cycle: ${[...stack, path].map((p) => p.slice(dir.length + 1)).join(' → ')}`);
  const text = readFileSync(path, 'utf8');
  return text.replace(INCLUDE, (_line, target: string) => {
    const includePath = resolve(dirname(path), target.endsWith('.lua') ? target : `${target}.lua`);
    const rel = includePath.slice(dir.length + 1);
    if (includePath === path || stack.includes(includePath)) {
      throw new Error(`lua include cycle: ${[...stack, path, includePath].map((p) => p.slice(dir.length + 1)).join(' → ')}`);
    }
    if (seen.has(includePath)) return `-- (included above: ${rel})`;
    seen.add(includePath);
    const body = resolveIncludes(dir, rel, seen, [...stack, path], order);
    order.push(rel);
    return `-- >>> ${rel}\n${body.trimEnd()}\n-- <<< ${rel}`;
  });
}

const read = new Map<string, ScriptSource[]>();

/** Every script of a folder with its includes resolved; read once per folder and process. */
export function readScripts(dir = SCRIPTS_DIR): ScriptSource[] {
  const cached = read.get(dir);
  if (cached) return cached;
  const out: ScriptSource[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.lua')) continue;
    const m = FILE_NAME.exec(file);
    if (!m) throw new Error(`lua script ${file}: name it <name>-<keys>.lua or <name>-<keys>+n.lua`);
    const includes: string[] = [];
    const lua = resolveIncludes(dir, file, new Set(), [], includes);
    out.push({ name: m[1], file, keys: Number(m[2]), variadic: m[3] !== undefined, lua, includes });
  }
  read.set(dir, out);
  return out;
}

/** The scripts of SCRIPTS_DIR checked against `SCRIPTS`: one file each, with the key count declared. */
export function checkedScripts(dir = SCRIPTS_DIR): Map<ScriptName, ScriptSource> {
  const byName = new Map<ScriptName, ScriptSource>();
  const problems: string[] = [];
  for (const s of readScripts(dir)) {
    const declared = (SCRIPTS as Record<string, string | undefined>)[s.name];
    const count = `${s.keys}${s.variadic ? '+n' : ''}`;
    if (declared === undefined) problems.push(`${s.file} is not declared in SCRIPTS (storage/scripts.ts)`);
    else if (declared !== count) problems.push(`${s.file} takes ${count} keys, SCRIPTS says ${declared}`);
    else byName.set(s.name as ScriptName, s);
  }
  for (const name of Object.keys(SCRIPTS) as ScriptName[]) if (!byName.has(name) && !problems.some((p) => p.startsWith(`${name}-`))) problems.push(`no lua file for ${name} in ${dir}`);
  if (problems.length) throw new Error(`lua scripts: ${problems.join('; ')}`);
  return byName;
}

/** The ioredis command a script is defined as (one namespace: never clashes with a Redis command). */
const commandName = (name: string) => `pasapas_${name}`;

const bound = new WeakMap<object, ScriptCommands>();

/**
 * The typed command map of a client: every script defined on it once (the first call, at startup through
 * createStores), the same object afterwards. A wrong number of keys throws before anything is sent.
 */
export function scripts(redis: RedisClient): ScriptCommands {
  const done = bound.get(redis);
  if (done) return done;
  const client = redis as unknown as Record<string, (...args: Arg[]) => Promise<unknown>>;
  const map: Record<string, (keys: string[], ...args: Arg[]) => Promise<unknown>> = {};
  for (const [name, s] of checkedScripts()) {
    const command = commandName(name);
    if (!(command in redis)) redis.defineCommand(command, s.variadic ? { lua: s.lua } : { numberOfKeys: s.keys, lua: s.lua });
    map[name] = s.variadic
      ? (keys, ...args) => {
          if (keys.length < s.keys) return Promise.reject(new Error(`${s.file}: ${keys.length} keys, at least ${s.keys} expected`));
          return client[command](keys.length, ...keys, ...args);
        }
      : (keys, ...args) => {
          if (keys.length !== s.keys) return Promise.reject(new Error(`${s.file}: ${keys.length} keys, ${s.keys} expected`));
          return client[command](...keys, ...args);
        };
  }
  const typed = map as unknown as ScriptCommands;
  bound.set(redis, typed);
  return typed;
}
