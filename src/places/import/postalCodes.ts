/**
 * codes-postaux.csv (La Poste, about 2020): postal code → INSEE code → commune → centre. Names are
 * upper-case and unaccented ("ST JEAN DE LUZ"); they are shown to citizens, so they are written
 * back the usual way ("Saint-Jean-de-Luz"), with the accents the place sources use ("Guéret").
 */
import { num, str, SourceReport, type SourceMeta } from './common';
import { readCsv } from './files';
import { normalizeName } from '../locate';
import type { CommuneRow } from '../schema';

export const POSTAL_CODES: SourceMeta = {
  source: 'france-services', // not a place source; the meta only names the file
  file: 'codes-postaux.csv',
  date: '2020-11-30',
  licence: 'La Poste open data (check the publisher page)',
  origin: 'dataforgoodfr/batch8_mednum data/laposte_hexasmal.csv (d0515429)',
};

export const MAIN = 1;
export const ALIAS = 2;

const LOWER = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'sur', 'sous', 'en', 'et', 'aux', 'au', 'lès', 'les']);
const ARTICLES = new Set(['LE', 'LA', 'LES', "L'"]);

/** "ST JEAN DE LUZ" → "Saint-Jean-de-Luz"; "LE MANS" → "Le Mans"; "L ISLE ADAM" → "L'Isle-Adam". */
export function prettyCommune(upper: string, accents: Map<string, string>): string {
  const known = accents.get(normalizeName(upper));
  if (known) return known;
  let words = upper.trim().split(/\s+/);
  let lead = '';
  if (words[0] === 'L' && words.length > 1) {
    lead = "L'";
    words = words.slice(1);
  } else if (ARTICLES.has(words[0]) && words.length > 1) {
    lead = `${cap(words[0])} `;
    words = words.slice(1);
  }
  const body = words
    .map((w, i) => {
      if (w === 'ST') return 'Saint';
      if (w === 'STE') return 'Sainte';
      const lw = w.toLowerCase();
      if (i > 0 && LOWER.has(lw)) return lw;
      if (/^[LD]$/.test(w) && i > 0) return `${lw}'`;
      return cap(w);
    })
    .join('-')
    .replace(/'-/g, "'")
    .replace(/-(\d)/g, ' $1'); // "PARIS 11" → "Paris 11"
  return lead + body;
}

function cap(w: string): string {
  return w.charAt(0) + w.slice(1).toLowerCase();
}

export function readPostalCodes(path: string, accents: Map<string, string>): { rows: CommuneRow[]; report: SourceReport } {
  const report = new SourceReport(POSTAL_CODES);
  const seen = new Set<string>();
  const rows: CommuneRow[] = [];
  for (const r of readCsv(path, report, ';')) {
    const insee = str(r.Code_commune_INSEE);
    const cp = str(r.Code_postal).padStart(5, '0');
    const [lat, lon] = str(r.coordonnees_gps).split(',').map(num);
    if (!/^\d{5}$/.test(cp) || !insee) {
      report.badRow('no postal code or INSEE code');
      continue;
    }
    if (lat === undefined || lon === undefined) {
      report.badRow('no coordinates');
      continue;
    }
    const main = normalizeName(str(r.Nom_commune)) === normalizeName(str(r['Libellé_d_acheminement'])) ? MAIN : 0;
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    // The commune itself, and its former (delegated) communes from Ligne_5, so "Fursac" is found too.
    for (const name of [str(r.Nom_commune), str(r.Ligne_5)]) {
      if (!name) continue;
      const key = `${insee}|${cp}|${normalizeName(name)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([insee, prettyCommune(name, accents), cp, round(lat), round(lon), name === str(r.Ligne_5) ? ALIAS : main, 0]);
    }
    report.kept += 1;
  }
  return { rows, report };
}

/**
 * Once the places are known: count them per commune, and make the commune with the most places the
 * one a postal code search goes to (23000 → Guéret, not Savennes; 64500 → Saint-Jean-de-Luz, not
 * Ciboure). Without places, La Poste's delivery commune stays the main one.
 */
export function weighCommunes(rows: CommuneRow[], placesPerInsee: Map<string, number>): void {
  const byCp = new Map<string, CommuneRow[]>();
  for (const r of rows) {
    r[6] = placesPerInsee.get(r[0]) ?? 0;
    if (r[5] & ALIAS) continue;
    byCp.set(r[2], [...(byCp.get(r[2]) ?? []), r]);
  }
  for (const list of byCp.values()) {
    const best = [...list].sort((a, b) => b[6] - a[6] || (b[5] & MAIN) - (a[5] & MAIN))[0];
    for (const r of list) r[5] = r === best ? MAIN : 0;
  }
}
