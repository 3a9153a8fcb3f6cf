/**
 * The layers of docs/architecture.md, checked on the import graph of src/ (TypeScript's own parser): an
 * import never runs back up a layer, no two folders import each other, channels never import the bot,
 * and turn state is read through typed keys. A new back-up import fails CI with the offending edge.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, importGraph, layerOf, SRC } from './importGraph';

const graph = importGraph();
const report = analyse(graph);
/** The limit for bot/ and handoff/ (#11), then for each file brought under it since, so none grows back. */
const MAX_LINES = 350;
describe('the layers of src/', () => {
  test('every file has a layer', () => {
    expect(() => graph.files.forEach(layerOf)).not.toThrow();
  });

  test('no import runs back up a layer (the issue allowed 5; there are none)', () => {
    const shown = report.upward.map((e) => `${e.from} (layer ${layerOf(e.from)}) → ${e.to} (layer ${layerOf(e.to)})`);
    expect(shown).toEqual([]);
  });

  test('no two folders import each other (the issue allowed 2; there are none)', () => {
    expect(report.folderCycles.map(([a, b]) => `${a} ⇄ ${b}`)).toEqual([]);
  });

  test('channels never import the bot', () => {
    expect(report.channelsToBot.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test('turn state is read through typed keys (TurnKey<T>), never `turnState.get(KEY) as T`', () => {
    const casts = graph.files.filter((f) => /turnState\.get\([^)]*\)\s+as\s/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(casts).toEqual([]);
  });

  test('no file in src/ is over 350 lines (small modules with one responsibility)', () => {
    const long = graph.files
      .map((f) => ({ f, lines: readFileSync(join(SRC, f), 'utf8').trimEnd().split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `src/${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  test('only config.ts reads the environment (its pure parts in config/ are given values, never process.env)', () => {
    const readers = graph.files.filter((f) => f !== 'config.ts' && /\bprocess\.env\b/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(readers).toEqual([]);
    expect(readFileSync(join(SRC, 'config.ts'), 'utf8')).toMatch(/\bprocess\.env\b/);
  });

  test('the graph is the real one (guards the check itself)', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.edges.some((e) => e.from === 'bot/pasapasBot.ts' && e.to === 'bot/pipeline.ts')).toBe(true);
    expect(layerOf('config.ts')).toBe(1);
    expect(layerOf('conversation/turnKey.ts')).toBe(2);
    expect(layerOf('handoff/queue.ts')).toBe(3);
    expect(layerOf('handoff/dialog.ts')).toBe(4);
    expect(layerOf('bot/pasapasBot.ts')).toBe(5);
    expect(layerOf('app.ts')).toBe(6);
  });
});
