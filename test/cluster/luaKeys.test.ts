/**
 * Redis Cluster runs a script on the node of its keys' slot and only lets it touch keys it declared
 * (KEYS) in that slot. Statically: every key a script of src/ touches is a KEYS[…] entry (or a
 * local holding one), never a name built inside the script. The contract suites then run every
 * script on a real cluster, which refuses keys of several slots (CROSSSLOT). Scripts are checked with
 * their includes resolved (storage/scripts.ts): a function of an include may take a key as its first
 * parameter when every call passes a KEYS[…] entry there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readScripts, SCRIPTS_DIR } from '../../src/storage/scripts';

const SRC = join(__dirname, '..', '..', 'src');
/** Commands whose first argument is not a key. */
const NOT_A_KEY = new Set(['PUBLISH', 'SPUBLISH', 'TIME', 'PING']);

function luaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return luaFiles(path);
    return name.endsWith('.lua') ? [path] : [];
  });
}

test('every key a Lua script touches is declared in KEYS', () => {
  const files = luaFiles(SRC).filter((f) => !f.startsWith(SCRIPTS_DIR));
  const sources = [
    ...readScripts().map((s) => ({ name: relative(SRC, join(SCRIPTS_DIR, s.file)), lua: s.lua })),
    ...files.map((f) => ({ name: relative(SRC, f), lua: readFileSync(f, 'utf8') })),
  ];
  expect(sources.length).toBeGreaterThanOrEqual(20);
  const problems: string[] = [];
  for (const { name, lua } of sources) {
    const code = lua.replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/--.*$/gm, '');
    const keyLocals = new Set([...code.matchAll(/local\s+(\w+)\s*=\s*KEYS\[[^\]]+\]\s*$/gm)].map((m) => m[1]));
    // A local function's first parameter holds a key when each of its calls passes one.
    for (const [, fn, param] of code.matchAll(/local\s+function\s+(\w+)\s*\(\s*(\w+)/g)) {
      const calls = [...code.matchAll(new RegExp(`(?<!function\\s+)\\b${fn}\\(\\s*([^,)]+)`, 'g'))].map((m) => m[1].trim());
      if (calls.every((arg) => /^KEYS\[[^\]]+\]$/.test(arg) || keyLocals.has(arg))) keyLocals.add(param);
      else problems.push(`${name}: ${fn}(${calls.join(' | ')})`);
    }
    for (const m of code.matchAll(/redis\.p?call\(\s*'(\w+)'\s*(?:,\s*([^,)]+))?/g)) {
      const [, command, first = ''] = m;
      if (NOT_A_KEY.has(command.toUpperCase())) continue;
      const arg = first.trim();
      if (/^KEYS\[[^\]]+\]$/.test(arg) || keyLocals.has(arg)) continue;
      problems.push(`${name}: ${command} ${arg}`);
    }
  }
  expect(problems).toEqual([]);
});
