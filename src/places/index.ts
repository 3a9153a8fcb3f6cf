/**
 * The directory of places (the PlaceDirectory seam): loaded once from the committed index, searched
 * in memory. Nearest places use a grid of 0.25° cells searched ring by ring, stopping as soon as no
 * unseen cell can hold a closer place: well under a millisecond for a query anywhere in France.
 *
 * Ranking: by distance, except that a place with neither phone, hours nor booking link counts as
 * 3 km further (a place the citizen cannot check before going is less useful than a slightly
 * further one they can call), and one only placed at its commune's centre (no coordinates in any
 * source) 2 km further (its real distance is unknown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../paths';
import { haversineKm } from './geo';
import { Gazetteer } from './locate';
import { CommunesFileSchema, IndexFileSchema, type CommuneRow, type CommunesFile, type IndexFile, type Place } from './schema';

export const PLACES_DIR = join(ROOT, 'data', 'places');
const CELL = 0.25; // degrees
const NO_CONTACT_PENALTY_KM = 3;
const COMMUNE_CENTRE_PENALTY_KM = 2;
const MAX_RINGS = 40; // ~1,000 km: nothing further is "near"

export interface NearPlace {
  place: Place;
  km: number;
}

/** What the conversation needs from the places: find where the citizen is, list what is near. */
export interface PlaceDirectory {
  readonly gazetteer: Gazetteer;
  /** The k nearest places (ranked as described above), optionally only those `accept` keeps. */
  nearest(latitude: number, longitude: number, k: number, accept?: (p: Place) => boolean): NearPlace[];
  readonly size: number;
  readonly generatedAt: string;
  /** YYYY-MM-DD: the newest date of the sources the index was built from (shown to citizens). */
  readonly updatedAt?: string;
}

function cellKey(iy: number, ix: number): number {
  return (iy + 1000) * 4000 + (ix + 2000);
}

export class GridDirectory implements PlaceDirectory {
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  private readonly penalty: Float64Array;
  private readonly cells = new Map<number, number[]>();
  readonly size: number;

  constructor(
    readonly places: Place[],
    readonly gazetteer: Gazetteer,
    readonly generatedAt = '',
    readonly updatedAt?: string,
  ) {
    this.size = places.length;
    this.lat = Float64Array.from(places, (p) => p.latitude);
    this.lon = Float64Array.from(places, (p) => p.longitude);
    this.penalty = Float64Array.from(
      places,
      (p) => (p.telephone || p.horaires || p.horairesText || p.prise_rdv ? 0 : NO_CONTACT_PENALTY_KM) + (p.precision === 'commune' ? COMMUNE_CENTRE_PENALTY_KM : 0),
    );
    places.forEach((p, i) => {
      const key = cellKey(Math.floor(p.latitude / CELL), Math.floor(p.longitude / CELL));
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    });
  }

  nearest(latitude: number, longitude: number, k: number, accept?: (p: Place) => boolean): NearPlace[] {
    const cy = Math.floor(latitude / CELL);
    const cx = Math.floor(longitude / CELL);
    // The best k so far, sorted by score (distance + penalty).
    const best: Array<{ i: number; km: number; score: number }> = [];
    for (let r = 0; r <= MAX_RINGS; r++) {
      // Any place in ring r is at least (r - 1) cells away in latitude or longitude.
      if (best.length >= k && r > 0) {
        const maxLat = Math.min(89.9, Math.abs(latitude) + (r + 1) * CELL);
        const minCellKm = Math.min(CELL * 111.19, CELL * 111.19 * Math.cos((maxLat * Math.PI) / 180));
        if ((r - 1) * minCellKm > best[k - 1].score) break;
      }
      for (let dy = -r; dy <= r; dy++) {
        const ring = Math.abs(dy) === r;
        for (let dx = -r; dx <= r; dx += ring ? 1 : 2 * r) {
          const list = this.cells.get(cellKey(cy + dy, cx + dx));
          if (list) {
            for (const i of list) {
              if (accept && !accept(this.places[i])) continue;
              const km = haversineKm(latitude, longitude, this.lat[i], this.lon[i]);
              const score = km + this.penalty[i];
              if (best.length >= k && score >= best[k - 1].score) continue;
              let at = best.length;
              while (at > 0 && best[at - 1].score > score) at--;
              best.splice(at, 0, { i, km, score });
              if (best.length > k) best.pop();
            }
          }
          if (r === 0) break;
        }
      }
    }
    return best.map((b) => ({ place: this.places[b.i], km: b.km }));
  }

  static fromFiles(dir = PLACES_DIR): GridDirectory {
    const index = readGz(join(dir, 'places.json.gz')) as IndexFile;
    const communes = readGz(join(dir, 'communes.json.gz')) as { rows: CommuneRow[] };
    // The files are ours and checked by the tests (schema); at startup only their shape is checked.
    if (index.version !== 1 || !Array.isArray(index.places) || !Array.isArray(communes.rows)) {
      throw new Error(`${dir}: not a places index (run pasapas import-places)`);
    }
    return new GridDirectory(index.places, new Gazetteer(communes.rows), index.generatedAt, newestSourceDate(index));
  }
}

/** The newest snapshot date among the sources that could be read ('' if none). */
export function newestSourceDate(index: Pick<IndexFile, 'sources'>): string {
  return index.sources.filter((s) => !s.fatal && s.read > 0).map((s) => s.date).sort().pop() ?? '';
}

function readGz(file: string): unknown {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
}

/** The commune table of an index (the live import places its records with it). */
export function readCommunesFile(dir = PLACES_DIR): CommunesFile {
  return CommunesFileSchema.parse(readGz(join(dir, 'communes.json.gz')));
}

/** Full validation of the committed files (tests, `import-places --check`). */
export function validateIndexFiles(dir = PLACES_DIR): { places: number; communes: number } {
  const index = IndexFileSchema.parse(readGz(join(dir, 'places.json.gz')));
  const communes = CommunesFileSchema.parse(readGz(join(dir, 'communes.json.gz')));
  return { places: index.places.length, communes: communes.rows.length };
}

let shared: GridDirectory | undefined;
/** The committed index, loaded once per process. */
export function defaultDirectory(): GridDirectory {
  shared ??= GridDirectory.fromFiles();
  return shared;
}
