/**
 * Where is the citizen? A postal code ("23000", "23 000") or a commune name, with or without
 * accents, hyphens or "St" ("gueret", "st jean de luz", "Saint-Jean-de-Luz"), with small typos
 * ("bordaux"). Built on La Poste's postal-code table (commune centres).
 *
 * One postal code, several communes (23000: Guéret, Peyrabout, Savennes…): the commune the code is
 * delivered to is used. One commune, several postal codes (Bordeaux): one answer per commune.
 * Same name in several départements (Saint-Denis): the citizen chooses.
 */
import { distance } from 'fastest-levenshtein';
import { fold } from '../text/fold';
import type { CommuneRow } from './schema';

export interface Locality {
  name: string;
  postalCode: string;
  insee: string;
  latitude: number;
  longitude: number;
}

export type LocateResult =
  | { kind: 'found'; locality: Locality }
  | { kind: 'ambiguous'; options: Locality[] }
  | { kind: 'unknown' };

/** Commune names compared without case, accents, hyphens, apostrophes; "st" = "saint". */
export function normalizeName(text: string): string {
  return fold(text)
    .replace(/[-'’.,/()_]/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bcedex\b.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "j'habite à Guéret", "près de gueret", "ville de Tours" → the name part. */
const LEADING = /^(?:(?:je suis|j'habite|jhabite|j habite|j'suis|jsuis|i live|i am|im|i'm)\s+)?(?:a|à|au|en|sur|pres de|près de|vers|dans|ville de|commune de|la ville de|in|near)?\s*/i;

/** Words of requests for help that are also commune names somewhere. */
const COMMON_WORDS = new Set([
  'moi', 'chez moi', 'la', 'le', 'les', 'l', 'cote', 'place', 'internet', 'ville', 'ma ville', 'ma commune', 'mon quartier',
  'guichet', 'plus', 'proche', 'vrai', 'aide', 'l aide', 'l hopital', 'bus', 'la poste', 'poste', 'mairie', 'la mairie',
  'centre', 'le centre', 'centre ville', 'le centre ville', 'village', 'le village', 'bourg', 'le bourg', 'quartier', 'gare',
  'la gare', 'campagne', 'la campagne', 'coin', 'le coin', 'ici', 'la bas', 'pas loin', 'rue', 'eglise', 'l eglise',
  'marche', 'le marche', 'hopital', 'ecole', 'l ecole', 'cote de la poste', 'a cote de la poste', 'nulle part', 'partout',
]);

export function departmentOf(postalCode: string, insee: string): string {
  if (insee.startsWith('97') || insee.startsWith('98')) return insee.slice(0, 3);
  if (insee.startsWith('2A') || insee.startsWith('2B')) return insee.slice(0, 2);
  return postalCode.slice(0, 2);
}

export class Gazetteer {
  private readonly byPostal = new Map<string, number[]>();
  private readonly byInsee = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  /** Distinct normalised names, grouped by length for the fuzzy pass. */
  private readonly namesByLength = new Map<number, string[]>();

  constructor(readonly rows: CommuneRow[]) {
    rows.forEach((r, i) => {
      push(this.byPostal, r[2], i);
      push(this.byInsee, r[0], i);
      const key = normalizeName(r[1]);
      if (!this.byName.has(key)) {
        const list = this.namesByLength.get(key.length) ?? [];
        list.push(key);
        this.namesByLength.set(key.length, list);
      }
      push(this.byName, key, i);
    });
  }

  private isMain(i: number): boolean {
    return (this.rows[i][5] & 1) === 1;
  }

  private locality(i: number): Locality {
    const r = this.rows[i];
    return { insee: r[0], name: r[1], postalCode: r[2], latitude: r[3], longitude: r[4] };
  }

  hasPostalCode(cp: string): boolean {
    return this.byPostal.has(cp);
  }

  /** The commune a postal code is delivered to (or the first one). */
  postalCode(cp: string): Locality | undefined {
    const rows = this.byPostal.get(cp);
    if (!rows) return undefined;
    return this.locality(rows.find((i) => this.isMain(i)) ?? rows[0]);
  }

  /** The commune of an INSEE code, preferring the given postal code's row. */
  insee(code: string, cp?: string): Locality | undefined {
    const rows = this.byInsee.get(code);
    if (!rows) return undefined;
    return this.locality(rows.find((i) => this.rows[i][2] === cp) ?? rows.find((i) => this.isMain(i)) ?? rows[0]);
  }

  /** A commune of this postal code whose name matches (exactly or nearly). */
  inPostalCode(cp: string, name: string): Locality | undefined {
    const rows = this.byPostal.get(cp);
    if (!rows) return undefined;
    const key = normalizeName(name);
    let best: number | undefined;
    let bestD = Infinity;
    for (const i of rows) {
      const d = distance(normalizeName(this.rows[i][1]), key);
      if (d < bestD) [best, bestD] = [i, d];
    }
    return best !== undefined && bestD <= Math.max(1, Math.floor(key.length / 5)) ? this.locality(best) : undefined;
  }

  /**
   * Communes of this name (one per INSEE code), optionally within a département prefix, the ones
   * with the most help places first. A real commune's name hides former communes of the same name.
   */
  byCommuneName(name: string, departmentPrefix?: string): Locality[] {
    const key = normalizeName(name);
    let rows = (this.byName.get(key) ?? this.fuzzy(key)).filter((i) => !departmentPrefix || this.rows[i][2].startsWith(departmentPrefix));
    if (rows.some((i) => !(this.rows[i][5] & 2))) rows = rows.filter((i) => !(this.rows[i][5] & 2));
    const seen = new Map<string, number>();
    for (const i of rows) {
      const prev = seen.get(this.rows[i][0]);
      // One commune, several postal codes (Bordeaux): keep its main one, else the smallest code.
      if (prev === undefined || (this.isMain(i) && !this.isMain(prev)) || (this.isMain(i) === this.isMain(prev) && this.rows[i][2] < this.rows[prev][2])) {
        seen.set(this.rows[i][0], i);
      }
    }
    return [...seen.values()].sort((a, b) => this.rows[b][6] - this.rows[a][6]).map((i) => this.locality(i));
  }

  /** Help places in that commune (from the index): orders ambiguous names. */
  weight(l: Locality): number {
    return this.rows[(this.byInsee.get(l.insee) ?? [])[0]]?.[6] ?? 0;
  }

  private fuzzy(key: string): number[] {
    if (key.length < 3) return [];
    const max = key.length <= 5 ? 1 : key.length <= 10 ? 2 : 3;
    let best = Infinity;
    let found: string[] = [];
    const [k0, k1] = [key[0], key[1]];
    for (let len = key.length - max; len <= key.length + max; len++) {
      for (const name of this.namesByLength.get(len) ?? []) {
        // Cheap filter before the edit distance: one of the first two letters lines up (a typo in
        // both first letters at once is not found; it keeps a name query well under a millisecond).
        if (name[0] !== k0 && name[1] !== k1 && name[1] !== k0 && name[0] !== k1) continue;
        const d = distance(name, key);
        if (d > max || d > best) continue;
        if (d < best) [best, found] = [d, []];
        found.push(name);
      }
    }
    return found.flatMap((n) => this.byName.get(n) ?? []);
  }

  /**
   * A commune named in a sentence ("j'habite à Dijon, où on peut m'aider", "france services de
   * Guéret"): the words right after "à", "au", "de", "sur", "vers", "près de" or "france services",
   * matched exactly (no typo tolerance: in a sentence, a near match is more often another word).
   */
  inSentence(text: string): LocateResult {
    const words = normalizeName(text).split(' ');
    const afterWords = new Set(['a', 'au', 'de', 'sur', 'vers', 'services', 'service', 'in', 'near']);
    // "né à Lille et j'habite à Bordeaux": where they live first.
    const lives = words.findIndex((w) => w === 'habite' || w === 'habitons' || w === 'live');
    const starts = [...(lives >= 0 ? [lives + 1] : []), ...words.keys()];
    for (const i of starts) {
      if (i >= words.length - 1) continue;
      if (!afterWords.has(words[i])) continue;
      for (let n = Math.min(5, words.length - i - 1); n >= 1; n--) {
        const name = words.slice(i + 1, i + 1 + n).join(' ');
        if (name.length < 3 || COMMON_WORDS.has(name)) continue;
        if (!this.byName.has(name)) continue;
        const found = this.byCommuneName(name);
        if (found.length === 1) return { kind: 'found', locality: found[0] };
        const [first, second] = [this.weight(found[0]), this.weight(found[1])];
        if (first >= 5 && first >= 10 * second) return { kind: 'found', locality: found[0] };
        return { kind: 'ambiguous', options: found };
      }
    }
    return { kind: 'unknown' };
  }

  /** What the citizen wrote → a place to search around. */
  locate(text: string): LocateResult {
    const raw = fold(text);
    const digits = /(?:^|\D)(\d{2})\s?(\d{3})(?:\D|$)/.exec(raw);
    let cp = digits ? `${digits[1]}${digits[2]}` : undefined;
    if (!cp) {
      const four = /(?:^|\D)(\d{4})(?:\D|$)/.exec(raw); // "1200" for 01200
      if (four && this.byPostal.has(`0${four[1]}`)) cp = `0${four[1]}`;
    }
    const name = normalizeName(raw.replace(/\d+/g, ' ').replace(LEADING, ''));
    if (cp) {
      if (!this.byPostal.has(cp)) return { kind: 'unknown' };
      const named = name.length >= 2 ? this.inPostalCode(cp, name) : undefined;
      return { kind: 'found', locality: named ?? this.postalCode(cp)! };
    }
    // "dans le centre", "à côté de la poste": words of everyday places, not communes ("centre" is not Le Cendre).
    if (name.length < 2 || COMMON_WORDS.has(name) || COMMON_WORDS.has(name.replace(/^(?:le|la|les|l) /, ''))) return { kind: 'unknown' };
    const found = this.byCommuneName(name);
    if (found.length === 0) return { kind: 'unknown' };
    // One clear answer: a single commune, or one with far more help places than its namesakes
    // ("bordeaux" is Bordeaux in Gironde, not a hamlet in Seine-et-Marne).
    const [first, second] = [this.weight(found[0]), found[1] ? this.weight(found[1]) : 0];
    if (found.length === 1 || (first >= 5 && first >= 10 * second)) return { kind: 'found', locality: found[0] };
    return { kind: 'ambiguous', options: found };
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
