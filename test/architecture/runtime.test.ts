/**
 * What the built server needs at run time, and the one place of each Redis concern (docs/architecture.md):
 * - every Lua script is read by the one loader (storage/scripts.ts) from the folder the build copies to
 *   dist/src/storage/lua, never from src/ by another module (`npm run build && node dist/src/main.js` runs
 *   without src/);
 * - no module but storage/keyspace.ts builds a Redis key from the prefix (`${prefix}dl:…`): keys come from
 *   `keyspace(prefix)`, so keyspace.test.ts's check that every key written belongs to one family holds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SCRIPTS_DIR } from '../../src/storage/scripts';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = tsFiles(SRC).map((path) => ({ name: relative(SRC, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
/** The code without comments (a comment may name a file or a key). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

test('only storage/scripts.ts loads Lua scripts', () => {
  const offenders = files.filter((f) => f.name !== 'storage/scripts.ts' && /defineCommand|\.lua['`]|\beval(sha)?\(/i.test(code(f.text))).map((f) => f.name);
  expect(offenders).toEqual([]);
});

test('every Lua script lives in src/storage/lua/ (which the build copies to dist/)', () => {
  const lua = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return lua(path);
      return name.endsWith('.lua') ? [path] : [];
    });
  const outside = lua(SRC).filter((p) => !p.startsWith(SCRIPTS_DIR + '/'));
  expect(outside.map((p) => relative(SRC, p))).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.build).toContain("fs.cpSync('src/storage/lua', 'dist/src/storage/lua'");
});

test('the server reads nothing under src/ at run time (only the widget build does, at build time)', () => {
  const offenders = files.filter((f) => f.name !== 'widget/build.ts' && /join\(ROOT, '(src|\.\/src)\b/.test(code(f.text))).map((f) => f.name);
  expect(offenders).toEqual([]);
});

test('no module but storage/keyspace.ts builds a Redis key from the prefix', () => {
  const offenders = files
    .filter((f) => f.name !== 'storage/keyspace.ts')
    .flatMap((f) => [...code(f.text).matchAll(/\$\{(?:this\.)?(?:prefix|p)\}[a-z]+[:{]/gi)].map((m) => `${f.name}: ${m[0]}`));
  expect(offenders).toEqual([]);
});
