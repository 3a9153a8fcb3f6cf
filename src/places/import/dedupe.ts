/**
 * The same place often comes from several files (a France Services office is also a CNFS
 * permanence, an Aidants Connect structure and a data·inclusion record). Two records are one place
 * when, within the same postal code:
 *  - they have the same SIRET and are less than 1 km apart (or have the same address), or
 *  - they have the same street address with a house number and names sharing a significant word, or
 *  - they are less than 100 m apart (both with real coordinates) and have similar names, or
 *  - they have the same name (all significant words) and are less than 2 km apart, or one of them is
 *    only placed at the commune's centre, or
 *  - they have the same landline number, are less than 1 km apart and share a significant word.
 * A merged place takes each field from the most trusted source that has it (France Services 2024
 * first), the union of services and national programmes, and lists every source.
 */
import { createHash } from 'node:crypto';
import { fold } from '../../text/fold';
import { haversineKm } from '../geo';
import type { Place, SourceId } from '../schema';
import { isMobile, type RawPlace } from './common';

/** A raw place placed on the map (after geocoding). */
export type Located = RawPlace & { latitude: number; longitude: number; precision: Place['precision']; commune: string };

export const PRIORITY: SourceId[] = ['france-services', 'data-inclusion', 'conseiller-numerique', 'hub-lo', 'gironde', 'fibre64', 'creuse', 'aidants-connect'];

const ABBREVIATIONS: Record<string, string> = {
  av: 'avenue', ave: 'avenue', bd: 'boulevard', bld: 'boulevard', boul: 'boulevard', pl: 'place', r: 'rue', ch: 'chemin',
  chem: 'chemin', rte: 'route', imp: 'impasse', all: 'allee', sq: 'square', crs: 'cours', fg: 'faubourg', st: 'saint',
  ste: 'sainte', dr: 'docteur', gal: 'general', pdt: 'president', qu: 'quai',
};
const STOP = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en', 'sur', 'sous', 'pour', 'the']);

export function normalizeAddress(address: string): string {
  return fold(address)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => !STOP.has(w))
    .join(' ')
    .replace(/^(\d+) (bis|ter|b|t)\b/, '$1$2');
}

function nameTokens(name: string): Set<string> {
  return new Set(
    fold(name)
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / Math.min(ta.size, tb.size);
}

function samePlace(a: Located, b: Located, addrA: string, addrB: string): boolean {
  const km = haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
  const sameAddress = addrA !== '' && addrA === addrB && /^\d/.test(addrA);
  if (a.pivot && a.pivot === b.pivot && (km < 1 || sameAddress)) return true;
  const sim = nameSimilarity(a.nom, b.nom);
  if (sameAddress && sim > 0) return true;
  if (a.precision === 'adresse' && b.precision === 'adresse' && km < 0.1 && sim >= 0.5) return true;
  if (a.telephone && a.telephone === b.telephone && !isMobile(a.telephone) && km < 1 && sim > 0) return true;
  if (sim === 1 && nameTokens(a.nom).size === nameTokens(b.nom).size && (km < 2 || a.precision === 'commune' || b.precision === 'commune')) return true;
  return false;
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Groups of records that describe the same place. */
export function clusters(places: Located[]): Located[][] {
  const uf = new UnionFind(places.length);
  const addr = places.map((p) => normalizeAddress(p.adresse));
  const byCp = new Map<string, number[]>();
  places.forEach((p, i) => byCp.set(p.code_postal, [...(byCp.get(p.code_postal) ?? []), i]));
  for (const idx of byCp.values()) {
    for (let x = 0; x < idx.length; x++) {
      for (let y = x + 1; y < idx.length; y++) {
        const [i, j] = [idx[x], idx[y]];
        if (uf.find(i) !== uf.find(j) && samePlace(places[i], places[j], addr[i], addr[j])) uf.union(i, j);
      }
    }
  }
  const groups = new Map<number, Located[]>();
  places.forEach((p, i) => {
    const root = uf.find(i);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  });
  return [...groups.values()];
}

const rank = (p: RawPlace) => PRIORITY.indexOf(p.source);

const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en', 'sur', 'sous']);

/**
 * "LA QUINCAILLERIE" → "La Quincaillerie", "22 AVENUE CHARLES DE GAULLE" → "22 Avenue Charles de
 * Gaulle": all-capitals text is harder to read. Acronyms alone ("CIDFF", "BIJ 37") stay.
 */
export function softenCapitals(text: string): string {
  if (/[a-zà-ÿ]/.test(text) || (text.match(/[A-ZÀ-Ý]{2,}/g) ?? []).length < 2 || !/[A-ZÀ-Ý]{4,}/.test(text)) return text;
  return text.toLowerCase().replace(/[\p{L}]+/gu, (w, offset: number) => {
    if (offset > 0 && SMALL_WORDS.has(w)) return w;
    return w.charAt(0).toUpperCase() + w.slice(1);
  });
}

/** One place from a group of records. */
export function merge(group: Located[]): Place {
  const ordered = [...group].sort((a, b) => rank(a) - rank(b) || (b.date_maj > a.date_maj ? 1 : -1));
  const first = ordered[0];
  const pick = <K extends keyof Located>(k: K, ok: (p: Located) => boolean = (p) => p[k] !== undefined && p[k] !== '') =>
    ordered.find(ok)?.[k];
  const located = ordered.find((p) => p.precision === 'adresse') ?? first;
  const phoneFrom = ordered.find((p) => p.telephone && !isMobile(p.telephone)) ?? ordered.find((p) => p.telephone);
  const hoursFrom = ordered.find((p) => p.horaires) ?? ordered.find((p) => p.horairesText);
  const services = new Set(ordered.flatMap((p) => p.services));
  const dispositifs = new Set(ordered.flatMap((p) => p.dispositif_programmes_nationaux));
  const place: Place = {
    id: createHash('sha1').update(`${first.source}:${first.sourceId}`).digest('hex').slice(0, 12),
    nom: softenCapitals(first.nom),
    adresse: softenCapitals((pick('adresse') as string | undefined) ?? ''),
    complement_adresse: pick('complement_adresse') as string | undefined,
    code_postal: first.code_postal,
    commune: first.commune,
    code_insee: pick('code_insee') as string | undefined,
    latitude: located.latitude,
    longitude: located.longitude,
    precision: located.precision,
    telephone: phoneFrom?.telephone,
    site_web: pick('site_web') as string | undefined,
    prise_rdv: pick('prise_rdv') as string | undefined,
    rdv_obligatoire: pick('rdv_obligatoire') as true | undefined,
    horaires: hoursFrom?.horaires,
    horairesText: hoursFrom?.horaires ? undefined : hoursFrom?.horairesText,
    services: [...services].sort(),
    dispositif_programmes_nationaux: [...dispositifs].sort(),
    pass_numerique: ordered.some((p) => p.pass_numerique) ? true : undefined,
    date_maj: ordered.map((p) => p.date_maj).sort().pop()!,
    horairesDate: hoursFrom?.date_maj,
    sources: ordered.map((p) => ({ source: p.source, id: p.sourceId })),
  };
  for (const k of Object.keys(place) as Array<keyof Place>) if (place[k] === undefined) delete place[k];
  return place;
}
