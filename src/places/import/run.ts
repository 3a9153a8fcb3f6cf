/**
 * `pasapas import-places`: every source → the national schema → geocoded → deduplicated →
 * data/places/places.json.gz and data/places/communes.json.gz (committed; the bot never reads
 * ../shared/data). Bad rows are counted with their reason; a broken file is reported; nothing throws
 * because of the data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fold } from '../../text/fold';
import { haversineKm } from '../geo';
import { Gazetteer, normalizeName } from '../locate';
import { PlaceSchema, type CommuneRow, type CommunesFile, type IndexFile, type Place, type SourceSummary } from '../schema';
import { SourceReport, type RawPlace, type SourceMeta, type SourceResult } from './common';
import { readApiSources, type ApiSourcesOptions } from './api';
import { clusters, merge, type Located } from './dedupe';
import { FRANCE_SERVICES, readFranceServices } from './franceServices';
import { CONSEILLERS_NUMERIQUES, DATA_INCLUSION, readLieuxMediation } from './lieuxMediation';
import { CREUSE, FIBRE64, GIRONDE, HUB_LO, readCreuse, readFibre64, readGironde, readHubLo } from './regional';
import { AIDANTS_CONNECT, readAidantsConnect } from './aidantsConnect';
import { POSTAL_CODES, readPostalCodes, weighCommunes } from './postalCodes';

export interface SourceSpec {
  meta: SourceMeta;
  read: (path: string, meta: SourceMeta) => SourceResult;
}

export const SOURCES: SourceSpec[] = [
  { meta: FRANCE_SERVICES, read: readFranceServices },
  { meta: AIDANTS_CONNECT, read: readAidantsConnect },
  { meta: DATA_INCLUSION, read: readLieuxMediation },
  { meta: CONSEILLERS_NUMERIQUES, read: readLieuxMediation },
  { meta: HUB_LO, read: readHubLo },
  { meta: GIRONDE, read: readGironde },
  { meta: CREUSE, read: readCreuse },
  { meta: FIBRE64, read: readFibre64 },
];

/** Coordinates further than this from their commune's centre are not trusted. */
const MAX_KM_FROM_COMMUNE = 50;

export interface ImportResult {
  index: IndexFile;
  communes: CommunesFile;
  reports: SourceReport[];
  postalReport: SourceReport;
  merged: number;
}

function hasLowerCase(s: string | undefined): s is string {
  return !!s && /[a-zà-ÿ]/.test(s);
}

/** Mixed-case commune names seen in the place files, to put accents back on La Poste's names. */
function accentMap(places: RawPlace[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const p of places) {
    if (!hasLowerCase(p.commune) || !/[À-ÿ]/.test(p.commune) || /\d/.test(p.commune)) continue;
    const key = normalizeName(p.commune);
    const m = counts.get(key) ?? new Map<string, number>();
    m.set(p.commune, (m.get(p.commune) ?? 0) + (p.source === 'france-services' ? 10 : 1));
    counts.set(key, m);
  }
  const out = new Map<string, string>();
  for (const [key, m] of counts) out.set(key, [...m.entries()].sort((a, b) => b[1] - a[1])[0][0]);
  return out;
}

/** Place a raw record on the map; undefined (with a counted reason) when it cannot be placed. */
function geocode(p: RawPlace, gaz: Gazetteer, report: SourceReport): Located | undefined {
  let cp = p.code_postal;
  if (!cp && p.commune) {
    // Gironde has no postal-code field: find the commune by name in the département.
    const found = gaz.byCommuneName(p.commune, p.source === 'gironde' ? '33' : undefined);
    if (found.length === 1) cp = found[0].postalCode;
  }
  if (!cp || !gaz.hasPostalCode(cp)) {
    if (!cp) {
      report.badRow('no postal code');
      return undefined;
    }
  }
  const centre =
    (p.code_insee ? gaz.insee(p.code_insee, cp) : undefined) ??
    (p.commune ? gaz.inPostalCode(cp, p.commune) : undefined) ??
    gaz.postalCode(cp);
  // The table's name (with accents put back) when it is the same commune, else the source's.
  const sameName = centre && p.commune && normalizeName(centre.name) === normalizeName(p.commune);
  const commune = sameName || !hasLowerCase(p.commune) ? (centre?.name ?? p.commune ?? '') : p.commune;
  let lat = p.latitude;
  let lon = p.longitude;
  const valid = (a?: number, b?: number) => a !== undefined && b !== undefined && Math.abs(a) <= 90 && Math.abs(b) <= 180 && !(a === 0 && b === 0);
  if (valid(lat, lon) && centre) {
    if (haversineKm(lat!, lon!, centre.latitude, centre.longitude) > MAX_KM_FROM_COMMUNE) {
      if (valid(lon, lat) && haversineKm(lon!, lat!, centre.latitude, centre.longitude) <= MAX_KM_FROM_COMMUNE) [lat, lon] = [lon, lat];
      else [lat, lon] = [undefined, undefined];
    }
  }
  if (valid(lat, lon)) return { ...p, code_postal: cp, commune, latitude: lat!, longitude: lon!, precision: 'adresse' };
  if (!centre) {
    report.badRow('no coordinates and unknown postal code');
    return undefined;
  }
  report.geocoded += 1;
  return { ...p, code_postal: cp, commune: commune || centre.name, latitude: centre.latitude, longitude: centre.longitude, precision: 'commune' };
}

export function importPlaces(dataDir: string, now = new Date()): ImportResult {
  const results = SOURCES.map((s) => s.read(join(dataDir, s.meta.file), s.meta));
  const { rows, report: postalReport } = readPostalCodes(join(dataDir, POSTAL_CODES.file), accentMap(results.flatMap((r) => r.places)));
  return buildIndex(results, rows, postalReport, `${POSTAL_CODES.file} (${POSTAL_CODES.origin})`, now);
}

/**
 * The live sources (`--source api`, the server's PLACES_REFRESH), placed with the commune table of
 * the committed index (La Poste's file is not shipped), through the same geocoding, deduplication
 * and merge as the files.
 */
export async function importPlacesFromApi(options: ApiSourcesOptions, communes: CommunesFile, now = options.now ?? new Date()): Promise<ImportResult> {
  const results = await readApiSources({ ...options, now });
  const rows = communes.rows.map((r) => [...r] as CommuneRow);
  const postalReport = new SourceReport({ ...POSTAL_CODES, file: 'communes.json.gz (committed index)' });
  postalReport.read = rows.length;
  postalReport.kept = rows.length;
  return buildIndex(results, rows, postalReport, communes.source, now);
}

/** Geocode, deduplicate, merge and count: the one path of every import. */
export function buildIndex(results: SourceResult[], rows: CommuneRow[], postalReport: SourceReport, communesSource: string, now: Date): ImportResult {
  const gaz = new Gazetteer(rows);

  const located: Located[] = [];
  const reportOf = new Map(results.map((r) => [r.report.meta.source, r.report]));
  for (const { report, places } of results) {
    for (const p of places) {
      const l = geocode(p, gaz, report);
      if (l) located.push(l);
    }
  }
  const mergedBySource = new Map<string, number>();
  const places: Place[] = [];
  let merged = 0;
  for (const group of clusters(located)) {
    const place = merge(group);
    const ok = PlaceSchema.safeParse(place);
    const primary = reportOf.get(place.sources[0].source)!;
    if (!ok.success) {
      const issue = ok.error.issues[0];
      primary.badRow(`invalid ${issue.path.join('.') || 'place'}`);
      continue;
    }
    merged += group.length - 1;
    // The first source of a place is its primary record; the others were merged into it.
    for (const s of place.sources.slice(1)) mergedBySource.set(s.source, (mergedBySource.get(s.source) ?? 0) + 1);
    places.push(ok.data);
  }
  // Kept / hours counted on the records that made it into the index (primary or merged).
  for (const p of located) {
    const r = reportOf.get(p.source)!;
    r.kept += 1;
    if (p.horaires) r.hoursConverted += 1;
    else if (p.horairesText) r.hoursText += 1;
  }
  const perInsee = new Map<string, number>();
  for (const p of places) {
    if (p.precision !== 'adresse') continue;
    const insee = p.code_insee ?? gaz.inPostalCode(p.code_postal, p.commune)?.insee;
    if (insee) perInsee.set(insee, (perInsee.get(insee) ?? 0) + 1);
  }
  weighCommunes(rows, perInsee);
  places.sort((a, b) => a.code_postal.localeCompare(b.code_postal) || fold(a.nom).localeCompare(fold(b.nom)));
  const sources: SourceSummary[] = results.map(({ report: r }) => ({
    source: r.meta.source,
    file: r.meta.file,
    date: r.meta.date,
    licence: r.meta.licence,
    read: r.read,
    kept: r.kept,
    mergedIntoAnother: mergedBySource.get(r.meta.source) ?? 0,
    skipped: r.skipped,
    bad: r.bad,
    badReasons: r.badReasons,
    geocoded: r.geocoded,
    hoursConverted: r.hoursConverted,
    hoursText: r.hoursText,
    ...(r.fatal ? { fatal: r.fatal } : {}),
  }));
  return {
    index: { version: 1, generatedAt: now.toISOString().slice(0, 10), sources, merged, places },
    communes: { version: 1, source: communesSource, rows },
    reports: results.map((r) => r.report),
    postalReport,
    merged,
  };
}

export function writeIndex(result: ImportResult, outDir: string): { places: string; communes: string; bytes: number[] } {
  mkdirSync(outDir, { recursive: true });
  const placesFile = join(outDir, 'places.json.gz');
  const communesFile = join(outDir, 'communes.json.gz');
  // One place per line inside the gzip: readable with zcat, diffs of the JSON stay sensible.
  const indexJson = `{"version":1,"generatedAt":${JSON.stringify(result.index.generatedAt)},"merged":${result.index.merged},\n"sources":${JSON.stringify(result.index.sources)},\n"places":[\n${result.index.places.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
  const communesJson = `{"version":1,"source":${JSON.stringify(result.communes.source)},"rows":[\n${result.communes.rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
  const a = gzipSync(indexJson, { level: 9 });
  const b = gzipSync(communesJson, { level: 9 });
  // gzip headers carry no timestamp from zlib.gzipSync (mtime 0): the same data gives the same bytes.
  writeFileSync(placesFile, a);
  writeFileSync(communesFile, b);
  return { places: placesFile, communes: communesFile, bytes: [a.length, b.length] };
}

export function formatReport(result: ImportResult): string {
  const lines: string[] = [];
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  lines.push(`${'source'.padEnd(22)}${pad('read', 7)}${pad('kept', 7)}${pad('merged', 8)}${pad('skipped', 9)}${pad('bad', 6)}${pad('geocoded', 10)}${pad('hours OSM', 11)}${pad('as text', 9)}`);
  for (const s of result.index.sources) {
    lines.push(`${s.source.padEnd(22)}${pad(s.read, 7)}${pad(s.kept, 7)}${pad(s.mergedIntoAnother, 8)}${pad(s.skipped, 9)}${pad(s.bad, 6)}${pad(s.geocoded, 10)}${pad(s.hoursConverted, 11)}${pad(s.hoursText, 9)}`);
    const reasons = Object.entries(s.badReasons).map(([k, v]) => `${v} ${k}`).join(', ');
    if (reasons) lines.push(`  bad rows: ${reasons}`);
    if (s.fatal) lines.push(`  FILE NOT READ: ${s.fatal}`);
  }
  const pr = result.postalReport;
  lines.push(`postal codes: ${pr.read} read, ${pr.kept} kept, ${pr.bad} bad (${Object.entries(pr.badReasons).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}), ${result.communes.rows.length} commune rows`);
  lines.push(`places in the index: ${result.index.places.length} (${result.merged} records merged into another)`);
  return lines.join('\n');
}
