/**
 * Places lookup figures, in a process of its own (clean memory figures): index load time, memory
 * of the loaded directory, and per-query latency over random French postal codes:
 *  - nearest: the 3 nearest places around a point (target p99 < 1 ms);
 *  - lookup: postal code → commune → 3 nearest places, what one citizen's answer costs.
 *
 *   node --expose-gc dist/bench/places.js [--queries 20000] [--json]
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GridDirectory } from '../src/places/index';

export interface PlacesBench {
  places: number;
  communes: number;
  queries: number;
  loadMs: number;
  heapMiB: number;
  rssMiB: number;
  nearestP50Us: number;
  nearestP99Us: number;
  lookupP50Us: number;
  lookupP99Us: number;
  lookupMaxUs: number;
  /** Commune names with one letter missing ("bordaux"): the fuzzy path. */
  typoP50Us: number;
  typoP99Us: number;
}

export const TARGET_P99_US = 1000;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function measurePlaces(queries: number): PlacesBench {
  gc();
  const before = process.memoryUsage();
  const t0 = process.hrtime.bigint();
  const dir = GridDirectory.fromFiles();
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  gc();
  const after = process.memoryUsage();

  // Random postal codes of the whole table (overseas included), same seed every run.
  const codes = [...new Set(dir.gazetteer.rows.map((r) => r[2]))];
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const sample = Array.from({ length: queries }, () => codes[Math.floor(rnd() * codes.length)]);
  const points = sample.map((cp) => dir.gazetteer.postalCode(cp)!);

  // Warm-up (JIT), then measure.
  for (let i = 0; i < 2000; i++) dir.nearest(points[i % points.length].latitude, points[i % points.length].longitude, 3);
  const nearest = new Float64Array(queries);
  let sink = 0;
  for (let i = 0; i < queries; i++) {
    const s = process.hrtime.bigint();
    sink += dir.nearest(points[i].latitude, points[i].longitude, 3).length;
    nearest[i] = Number(process.hrtime.bigint() - s) / 1e3;
  }
  const lookup = new Float64Array(queries);
  for (let i = 0; i < queries; i++) {
    const s = process.hrtime.bigint();
    const r = dir.gazetteer.locate(sample[i]);
    if (r.kind === 'found') sink += dir.nearest(r.locality.latitude, r.locality.longitude, 3).length;
    lookup[i] = Number(process.hrtime.bigint() - s) / 1e3;
  }
  const names = dir.gazetteer.rows.filter((r) => r[1].length > 5);
  const typos = Array.from({ length: Math.min(queries, 5000) }, () => {
    const name = names[Math.floor(rnd() * names.length)][1];
    const at = 2 + Math.floor(rnd() * (name.length - 3));
    return name.slice(0, at) + name.slice(at + 1);
  });
  const typo = new Float64Array(typos.length);
  typos.forEach((name, i) => {
    const s = process.hrtime.bigint();
    sink += dir.gazetteer.locate(name).kind === 'unknown' ? 0 : 1;
    typo[i] = Number(process.hrtime.bigint() - s) / 1e3;
  });
  typo.sort();
  if (sink === 0) throw new Error('no place found at all');
  nearest.sort();
  lookup.sort();
  return {
    places: dir.size,
    communes: dir.gazetteer.rows.length,
    queries,
    loadMs,
    heapMiB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    rssMiB: (after.rss - before.rss) / 2 ** 20,
    nearestP50Us: percentile(nearest, 50),
    nearestP99Us: percentile(nearest, 99),
    lookupP50Us: percentile(lookup, 50),
    lookupP99Us: percentile(lookup, 99),
    lookupMaxUs: lookup[lookup.length - 1],
    typoP50Us: percentile(typo, 50),
    typoP99Us: percentile(typo, 99),
  };
}

/** Run in a child process (bench/index.ts): the memory figure is then the directory's alone. */
export function benchPlaces(queries = 20_000): PlacesBench {
  const json = execFileSync(process.execPath, ['--expose-gc', join(__dirname, 'places.js'), '--queries', String(queries), '--json'], {
    encoding: 'utf8',
  });
  return JSON.parse(json) as PlacesBench;
}

export function formatPlaces(b: PlacesBench): string[] {
  const ok = b.nearestP99Us < TARGET_P99_US && b.lookupP99Us < TARGET_P99_US;
  return [
    `Help places (${b.places} places, ${b.communes} commune rows, ${b.queries} random postal codes, one process):`,
    `  index load ${b.loadMs.toFixed(0)} ms, memory +${b.heapMiB.toFixed(1)} MiB heap (+${b.rssMiB.toFixed(1)} MiB RSS)`,
    `  nearest 3: p50 ${b.nearestP50Us.toFixed(1)} µs, p99 ${b.nearestP99Us.toFixed(1)} µs`,
    `  postal code → 3 nearest: p50 ${b.lookupP50Us.toFixed(1)} µs, p99 ${b.lookupP99Us.toFixed(1)} µs, max ${b.lookupMaxUs.toFixed(0)} µs (target p99 < 1 ms)   ${ok ? 'PASS' : 'FAIL'}`,
    `  commune name with a letter missing → commune (fuzzy): p50 ${b.typoP50Us.toFixed(0)} µs, p99 ${b.typoP99Us.toFixed(0)} µs`,
  ];
}

if (require.main === module) {
  const { values } = parseArgs({ options: { queries: { type: 'string', default: '20000' }, json: { type: 'boolean', default: false } } });
  const result = measurePlaces(Math.max(100, Number(values.queries) || 20_000));
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatPlaces(result).join('\n')}\n`);
}
