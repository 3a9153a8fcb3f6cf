/**
 * The same place often comes from several files (a France Services office is also a CNFS
 * permanence, an Aidants Connect structure and a data·inclusion record). Two records are one place
 * when, within the same postal code:
 *  - they have the same SIRET and the same address (or are less than 150 m apart), or
 *  - they have the same street address (house number and most street words) and names sharing a
 *    significant word (or the same SIRET), or
 *  - they are less than 100 m apart and have similar names, or
 *  - they have the same name (all significant words) and are less than 2 km apart, or one of them is
 *    only placed at the commune's centre, or
 *  - they have the same landline number, are less than 500 m apart and share a significant word.
 * Distances count only between records with their own coordinates, and two different numbered
 * street addresses are never the same place.
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

// The national API (live, consolidated by the ANCT) leads when it is imported (--source api).
export const PRIORITY: SourceId[] = ['cartographie-nationale', 'france-services', 'data-inclusion', 'conseiller-numerique', 'hub-lo', 'gironde', 'fibre64', 'creuse', 'aidants-connect'];

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

/**
 * Same numbered street address: same house number and most street words in common ("11 - 15 Mail
 * Fréderico Garcia" = "11 MAIL FEDERICO GARCIA LORCA"). undefined when either has no number.
 */
export function sameStreetAddress(addrA: string, addrB: string): boolean | undefined {
  const a = houseNumbers(addrA);
  const b = houseNumbers(addrB);
  if (!a || !b) return undefined;
  if (!a.numbers.some((n) => b.numbers.includes(n))) return false;
  const ta = new Set(a.street.filter((w) => w.length > 1));
  const tb = new Set(b.street.filter((w) => w.length > 1));
  if (ta.size === 0 || tb.size === 0) return ta.size === tb.size;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / Math.min(ta.size, tb.size) >= 0.5;
}

/** "5 9 rue papetiers" → numbers [5, 9]; "37t avenue…" → [37] (bis/ter ignored). */
function houseNumbers(addr: string): { numbers: string[]; street: string[] } | undefined {
  const words = addr.split(' ');
  const numbers: string[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const m = /^(\d+)(bis|ter|b|t)?$/.exec(words[i]);
    if (m) numbers.push(m[1]);
    else if (!['bis', 'ter', 'b', 't'].includes(words[i]) || numbers.length === 0) break;
  }
  return numbers.length > 0 ? { numbers, street: words.slice(i) } : undefined;
}

function samePlace(a: Located, b: Located, addrA: string, addrB: string): boolean {
  const km = haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
  // Distances mean something only between records with their own coordinates.
  const precise = a.precision === 'adresse' && b.precision === 'adresse';
  const street = sameStreetAddress(addrA, addrB);
  const sim = nameSimilarity(a.nom, b.nom);
  // A record named after its commune only (a Creuse permanence once its adviser's name is removed)
  // is the place at that address.
  const bare = (p: Located) => fold(p.nom) === fold(p.commune);
  if (street === true && (sim > 0 || (a.pivot && a.pivot === b.pivot) || bare(a) || bare(b))) return true;
  // Two numbered street addresses that differ are two places (two offices of one network often
  // share a name, a SIRET, or even the coordinates of their head office).
  if (street === false) return false;
  // One SIRET often runs several sites (a communauté de communes, a CCAS): same site only.
  if (a.pivot && a.pivot === b.pivot && precise && km < 0.15) return true;
  if (precise && km < 0.1 && sim >= 0.5) return true;
  if (sim === 1 && nameTokens(a.nom).size === nameTokens(b.nom).size && (!precise || km < 2)) return true;
  if (precise && a.telephone && a.telephone === b.telephone && !isMobile(a.telephone) && km < 0.5 && sim > 0) return true;
  return false;
}

const rank = (p: RawPlace) => PRIORITY.indexOf(p.source);

/**
 * Groups of records that describe the same place. Records are taken from the most trusted source
 * down; each joins the first group (same postal code) holding a record it matches, or starts one.
 * Groups are never joined together: one ambiguous record cannot chain two offices into one.
 */
export function clusters(places: Located[]): Located[][] {
  const order = places
    .map((p, i) => ({ p, i, addr: normalizeAddress(p.adresse) }))
    .sort((x, y) => rank(x.p) - rank(y.p) || (x.p.precision === y.p.precision ? 0 : x.p.precision === 'adresse' ? -1 : 1) || x.i - y.i);
  const byCp = new Map<string, Array<Array<{ p: Located; addr: string }>>>();
  const groups: Array<Array<{ p: Located; addr: string }>> = [];
  for (const item of order) {
    const local = byCp.get(item.p.code_postal) ?? [];
    const group = local.find((g) => g.some((m) => samePlace(m.p, item.p, m.addr, item.addr)));
    if (group) group.push(item);
    else {
      const created = [item];
      local.push(created);
      groups.push(created);
      byCp.set(item.p.code_postal, local);
    }
  }
  return groups.map((g) => g.map((m) => m.p));
}

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
