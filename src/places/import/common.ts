/** What every source reader shares: the raw place shape, the per-source report, field cleaners. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { fold, normalizeApostrophes } from '../../text/fold';
import { SERVICES, type Dispositif, type Place, type Service, type SourceId } from '../schema';

/** A place as read from one source, before geocoding and deduplication. */
export interface RawPlace extends Omit<Place, 'id' | 'latitude' | 'longitude' | 'precision' | 'sources' | 'commune'> {
  source: SourceId;
  sourceId: string;
  commune?: string;
  latitude?: number;
  longitude?: number;
  /** SIRET (14 digits) or SIREN when the source has one: the strongest duplicate key. */
  pivot?: string;
}

export interface SourceMeta {
  source: SourceId;
  file: string;
  /** Snapshot date of the file (YYYY-MM-DD). */
  date: string;
  licence: string;
  origin: string;
}

export class SourceReport {
  read = 0;
  kept = 0;
  /** Rows that are not places for citizens (inactive, coworking only…): not errors. */
  skipped = 0;
  readonly skippedReasons: Record<string, number> = {};
  readonly badReasons: Record<string, number> = {};
  geocoded = 0;
  hoursConverted = 0;
  hoursText = 0;
  /** The whole file could not be read. */
  fatal?: string;

  constructor(readonly meta: SourceMeta) {}

  get bad(): number {
    return Object.values(this.badReasons).reduce((a, b) => a + b, 0);
  }

  badRow(reason: string): void {
    this.badReasons[reason] = (this.badReasons[reason] ?? 0) + 1;
  }

  skip(reason: string): void {
    this.skipped += 1;
    this.skippedReasons[reason] = (this.skippedReasons[reason] ?? 0) + 1;
  }
}

export interface SourceResult {
  report: SourceReport;
  places: RawPlace[];
}

/** A field as a trimmed string ('' for null, undefined, objects). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim().replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** "1200", 1200, "01200" → "01200"; anything else → undefined. */
export function postalCode(v: unknown): string | undefined {
  const s = str(v).replace(/\s/g, '').replace(/\.0$/, '');
  if (/^\d{5}$/.test(s)) return s;
  if (/^\d{4}$/.test(s)) return `0${s}`;
  return undefined;
}

/** The place's phone in E.164, or undefined when not a valid number. */
export function phone(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const p = parsePhoneNumberFromString(s, 'FR');
  return p && p.isValid() ? p.number : undefined;
}

/** French mobile numbers: on a place record they are often an adviser's own phone. */
export function isMobile(e164: string | undefined): boolean {
  return !!e164 && /^\+33[67]/.test(e164);
}

export function url(v: unknown): string | undefined {
  let s = str(v).split(/[\s|;]+/)[0] ?? '';
  if (!s) return undefined;
  if (!/^https?:\/\//i.test(s)) {
    if (!/^[\w-]+(\.[\w-]+)+(\/|$)/.test(s)) return undefined;
    s = `https://${s}`;
  }
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function isoDate(v: unknown, fallback: string): string {
  const s = str(v);
  let m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(s);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return fallback;
}

/** SIRET/SIREN from "13002603200016.0", "130 026 032 00016"… */
export function pivot(v: unknown): string | undefined {
  const s = str(v).replace(/\.0+$/, '').replace(/\s/g, '');
  return /^\d{9}(\d{5})?$/.test(s) && !/^0+$/.test(s) ? s : undefined;
}

/** Old vocabularies of the sources → the national `services` values. */
const SERVICE_MAP: Array<[string, Service]> = [
  ['demarches', 'Aide aux démarches administratives'],
  ['prendre en main', 'Maîtrise des outils numériques du quotidien'],
  ['utiliser le numerique au quotidien', 'Maîtrise des outils numériques du quotidien'],
  ['initie aux outils numeriques', 'Maîtrise des outils numériques du quotidien'],
  ['culture numerique', 'Compréhension du monde numérique'],
  ['citoyennete numerique', 'Compréhension du monde numérique'],
  ['insertion professionnelle', 'Insertion professionnelle via le numérique'],
  ['entreprise', 'Insertion professionnelle via le numérique'],
  ['connexion internet', 'Accès internet et matériel informatique'],
  ['acceder a du materiel', 'Accès internet et matériel informatique'],
  ['acces a internet', 'Accès internet et matériel informatique'],
  ["s'equiper en materiel", 'Acquisition de matériel informatique à prix solidaire'],
  ['creer avec le numerique', 'Loisirs et créations numériques'],
  ['activites recreatives', 'Loisirs et créations numériques'],
  ['parentalite', 'Parentalité et éducation avec le numérique'],
  ['securis', 'Utilisation sécurisée du numérique'],
];

/** The schema's own values (v1.0: "Maîtrise des outils numériques du quotidien"…), folded. */
const SERVICE_BY_FOLD = new Map<string, Service>(SERVICES.map((s) => [fold(s), s]));

export function mapServices(values: string[]): Service[] {
  const out = new Set<Service>();
  for (const v of values) {
    const f = fold(v);
    if (!f) continue;
    const exact = SERVICE_BY_FOLD.get(f);
    if (exact) {
      out.add(exact);
      continue;
    }
    for (const [needle, service] of SERVICE_MAP) if (f.includes(needle)) out.add(service);
  }
  return [...out];
}

export function dispositifsFromLabels(labels: string): Dispositif[] {
  const f = fold(labels);
  const out: Dispositif[] = [];
  if (f.includes('cnfs') || f.includes('conseiller')) out.push('Conseillers numériques');
  if (f.includes('france services')) out.push('France Services');
  if (f.includes('aidants connect')) out.push('Aidants Connect');
  return out;
}

/** The Pass numérique rule: the place's own text names it ("Pass numérique", "APTIC"). Never guessed. */
export function mentionsPassNumerique(...texts: unknown[]): true | undefined {
  return texts.some((t) => /pass\s*num[eé]rique|\baptic\b/i.test(str(t))) ? true : undefined;
}

/**
 * Control characters and extra spaces go; curly apostrophes and quotes become straight ones (on SMS
 * one "’" switches the whole message to UCS-2, 70 characters a segment).
 */
export function cleanText(v: unknown, max = 200): string {
  return normalizeApostrophes(str(v).replace(/[\u0000-\u001f]/g, ' ')).replace(/\s+/g, ' ').slice(0, max).trim();
}
