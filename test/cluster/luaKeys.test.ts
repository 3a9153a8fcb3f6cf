/**
 * Redis Cluster runs a script on the node of its keys' slot and only lets it touch keys it declared
 * (KEYS) in that slot. Statically: every key a script of src/ touches is a KEYS[…] entry (or a
 * local holding one), never a name built inside the script. The contract suites then run every
 * script on a real cluster, which refuses keys of several slots (CROSSSLOT).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  const files = luaFiles(SRC);
  expect(files.length).toBeGreaterThanOrEqual(15);
  const problems: string[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8').replace(/--\[\[[\s\S]*?\]\]/g, '').replace(/--.*$/gm, '');
    const keyLocals = new Set([...code.matchAll(/local\s+(\w+)\s*=\s*KEYS\[[^\]]+\]\s*$/gm)].map((m) => m[1]));
    for (const m of code.matchAll(/redis\.p?call\(\s*'(\w+)'\s*(?:,\s*([^,)]+))?/g)) {
      const [, command, first = ''] = m;
      if (NOT_A_KEY.has(command.toUpperCase())) continue;
      const arg = first.trim();
      if (/^KEYS\[[^\]]+\]$/.test(arg) || keyLocals.has(arg)) continue;
      problems.push(`${relative(SRC, file)}: ${command} ${arg}`);
    }
  }
  expect(problems).toEqual([]);
});
