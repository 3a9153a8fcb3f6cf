/**
 * The script loader (storage/scripts.ts): every lua/*.lua is declared with the key count of its file name,
 * includes are resolved (the handoff events' one XADD … MAXLEN), every script compiles on real Redis, and
 * a call with the wrong number of keys is refused before anything is sent.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { checkedScripts, readScripts, scripts, SCRIPTS, SCRIPTS_DIR, type ScriptName } from '../../src/storage/scripts';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';

describe('the Lua scripts', () => {
  const files = readdirSync(SCRIPTS_DIR).filter((f) => f.endsWith('.lua'));

  test('every file is a declared script with the key count of its name, and every declared script has its file', () => {
    const loaded = checkedScripts();
    expect(files.length).toBeGreaterThanOrEqual(16);
    expect([...loaded.keys()].sort()).toEqual((Object.keys(SCRIPTS) as ScriptName[]).sort());
    for (const file of files) {
      const [, name, count] = /^(\w+)-(\d+(?:\+n)?)\.lua$/.exec(file)!;
      expect([file, SCRIPTS[name as ScriptName]]).toEqual([file, count]);
      const s = loaded.get(name as ScriptName)!;
      expect(s.keys).toBe(Number.parseInt(count, 10));
      expect(s.variadic).toBe(count.endsWith('+n'));
    }
  });

  test('includes are resolved: no @include line is left, and the handoff events have one XADD … MAXLEN, in the include', () => {
    const all = readScripts();
    for (const s of all) expect([s.file, /@include/.test(s.lua.replace(/^-- .*$/gm, ''))]).toEqual([s.file, false]);
    for (const file of files) expect([file, /MAXLEN/.test(readFileSync(join(SCRIPTS_DIR, file), 'utf8'))]).toEqual([file, false]);
    const emitting = all.filter((s) => /addHandoffEvent\(KEYS/.test(s.lua));
    expect(emitting.map((s) => s.name).sort()).toEqual(['handoffCallback', 'handoffCallbackDone', 'handoffClaim', 'handoffClose', 'handoffLeave', 'handoffMessage', 'handoffMoveOut', 'handoffRelease', 'handoffRequest', 'handoffTransfer']);
    for (const s of emitting) {
      expect(s.includes).toEqual(['includes/addHandoffEvent.lua']);
      expect(s.lua.match(/XADD/g)).toHaveLength(1);
    }
    // Every include is used by some script.
    const used = new Set(all.flatMap((s) => s.includes));
    for (const inc of readdirSync(join(SCRIPTS_DIR, 'includes'))) expect(used.has(`includes/${inc}`)).toBe(true);
  });

  describe('the loader', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'pasapas-lua-'));
      mkdirSync(join(dir, 'includes'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('includes once each, nested, relative to the including file', () => {
      writeFileSync(join(dir, 'includes', 'a.lua'), '--- @include "b"\nlocal function a() return b() end\n');
      writeFileSync(join(dir, 'includes', 'b.lua'), 'local function b() return 1 end\n');
      writeFileSync(join(dir, 'twice-1+n.lua'), '--- @include "includes/a"\n--- @include "includes/b"\nreturn a()\n');
      const [s] = readScripts(dir);
      expect(s).toMatchObject({ name: 'twice', keys: 1, variadic: true, includes: ['includes/b.lua', 'includes/a.lua'] });
      expect(s.lua.match(/local function b/g)).toHaveLength(1);
      expect(s.lua.indexOf('local function b')).toBeLessThan(s.lua.indexOf('local function a'));
    });

    test('refuses a cycle, and a file named without its key count', () => {
      writeFileSync(join(dir, 'includes', 'x.lua'), '--- @include "y"\n');
      writeFileSync(join(dir, 'includes', 'y.lua'), '--- @include "x"\n');
      writeFileSync(join(dir, 'loop-1.lua'), '--- @include "includes/x"\nreturn 1\n');
      expect(() => readScripts(dir)).toThrow(/include cycle/);
      const other = mkdtempSync(join(tmpdir(), 'pasapas-lua-'));
      writeFileSync(join(other, 'noCount.lua'), 'return 1\n');
      expect(() => readScripts(other)).toThrow(/<name>-<keys>\.lua/);
      rmSync(other, { recursive: true, force: true });
    });

    test('refuses a script missing from SCRIPTS, or with another key count', () => {
      writeFileSync(join(dir, 'stateWrite-2.lua'), 'return 1\n');
      writeFileSync(join(dir, 'mystery-1.lua'), 'return 1\n');
      expect(() => checkedScripts(dir)).toThrow(/stateWrite-2\.lua takes 2 keys, SCRIPTS says 1/);
      expect(() => checkedScripts(dir)).toThrow(/mystery-1\.lua is not declared in SCRIPTS/);
      expect(() => checkedScripts(dir)).toThrow(/no lua file for handoffClaim/);
    });
  });

  describe('on real Redis', () => {
    let redis: Redis;
    let prefix: string;
    beforeAll(async () => {
      redis = await connectRedis();
      prefix = randomPrefix();
    });
    afterAll(async () => {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    });

    test('every script compiles (SCRIPT LOAD) with its includes', async () => {
      for (const s of readScripts()) {
        expect([s.file, await redis.script('LOAD', s.lua)]).toEqual([s.file, expect.stringMatching(/^[0-9a-f]{40}$/)]);
      }
    });

    test('one command map a client, and a wrong number of keys is refused before anything is sent', async () => {
      const map = scripts(redis);
      expect(scripts(redis)).toBe(map);
      const key = `${prefix}state:x`;
      expect(await map.stateWrite([key], '', 'e1', '{"a":1}', 60, 0)).toBe(1);
      expect(await redis.hget(key, 'v')).toBe('{"a":1}');
      await expect(map.stateWrite([key, key] as never, '', 'e2', '{}', 60, 0)).rejects.toThrow(/stateWrite-1\.lua: 2 keys, 1 expected/);
      await expect(map.reminderTake([] as never, 0, 0)).rejects.toThrow(/at least 1 expected/);
      expect(await redis.hget(key, 'e')).toBe('e1');
    });
  });
});
