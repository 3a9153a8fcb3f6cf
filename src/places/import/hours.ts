/**
 * Opening hours as the sources write them → OSM `opening_hours` ("Mo-Fr 09:00-12:00,14:00-16:30").
 * Strict on purpose: a text is converted only when every word of it is understood (days, times,
 * "de … à …", "et", "/"…); anything else ("sauf", "tous les 15 jours", "sur rendez-vous") keeps the
 * source's words as text, which the bot shows as they are. Every result is checked by the
 * opening_hours library.
 */
import OpeningHours from 'opening_hours';
import { fold, normalizeApostrophes } from '../../text/fold';

export const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Day = 0 | 1 | 2 | 3 | 4 | 5 | 6; // Monday = 0

const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };

const DAY_WORDS: Record<string, Day> = {
  lundi: 0, lundis: 0, lun: 0,
  mardi: 1, mardis: 1,
  mercredi: 2, mercredis: 2, mer: 2,
  jeudi: 3, jeudis: 3, jeu: 3,
  vendredi: 4, vendredis: 4, ven: 4,
  samedi: 5, samedis: 5, sam: 5,
  dimanche: 6, dimanches: 6, dim: 6,
};
/** Words that carry no information here (articles, "de … à …", "horaires d'ouverture"). */
const NOISE = new Set([
  'de', 'du', 'des', 'le', 'les', 'la', 'l', 'et', 'puis', 'horaires', 'horaire', 'd', 'ouverture', 'ouvert',
  'ouverte', 'au', 'public', 'matin', 'matins', 'apres', 'midi', 'apres-midi', 'soir', 'aussi', 'egalement',
  'inclus', 'heures',
]);
const RANGE_WORDS = new Set(['a', 'au', 'aux', '-', 'jusqu', 'jusqua']);

/** Minutes since midnight. */
type Interval = [number, number];
export type WeekIntervals = Interval[][]; // 7 days, Monday first

export function isValidOsm(spec: string): boolean {
  try {
    new OpeningHours(spec, NOMINATIM);
    return true;
  } catch {
    return false;
  }
}

function hhmm(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/** Per-day intervals → "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00" (undefined when never open). */
export function toOsm(week: WeekIntervals): string | undefined {
  const keyOf = (d: number) =>
    [...week[d]]
      .sort((a, b) => a[0] - b[0])
      .map(([s, e]) => `${hhmm(s)}-${hhmm(e)}`)
      .join(',');
  const groups = new Map<string, number[]>();
  for (let d = 0; d < 7; d++) {
    const key = keyOf(d);
    if (!key) continue;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  if (groups.size === 0) return undefined;
  const rules = [...groups.entries()]
    .sort((a, b) => a[1][0] - b[1][0])
    .map(([times, days]) => {
      const parts: string[] = [];
      for (let i = 0; i < days.length; ) {
        let j = i;
        while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
        parts.push(j - i >= 2 ? `${OSM_DAYS[days[i]]}-${OSM_DAYS[days[j]]}` : days.slice(i, j + 1).map((d) => OSM_DAYS[d]).join(','));
        i = j + 1;
      }
      return `${parts.join(',')} ${times}`;
    });
  return rules.join('; ');
}

type Token = { kind: 'day'; day: Day } | { kind: 'time'; min: number; marked: boolean } | { kind: 'range' } | { kind: 'sep' } | { kind: 'closed' };

/** Time points: "9h", "9h30", "9 h 30", "09:00", "9H00", "14" (a bare hour, checked later). */
function tokenize(text: string): Token[] | undefined {
  const s = fold(text)
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/(\d{1,2})\s*[h:]\s*(\d{2}(?!\s*[h:\d]))?/g, (_m, h: string, mi?: string) => ` T${h}x${mi ?? '00'} `)
    .replace(/([\-/,;:.()])/g, ' $1 ')
    .replace(/'/g, ' ');
  const out: Token[] = [];
  for (const raw of s.split(/\s+/).filter(Boolean)) {
    const time = /^T(\d{1,2})x(\d{2})$/.exec(raw);
    if (time) {
      const min = Number(time[1]) * 60 + Number(time[2]);
      if (Number(time[1]) > 24 || Number(time[2]) > 59 || min > 24 * 60) return undefined;
      out.push({ kind: 'time', min, marked: true });
    } else if (/^\d{1,2}$/.test(raw)) {
      const h = Number(raw);
      if (h > 24) return undefined;
      out.push({ kind: 'time', min: h * 60, marked: false });
    } else if (raw in DAY_WORDS) out.push({ kind: 'day', day: DAY_WORDS[raw] });
    else if (RANGE_WORDS.has(raw) || raw === '/') out.push({ kind: 'range' });
    else if (raw === 'ferme' || raw === 'fermee' || raw === 'fermes' || raw === 'fermees') out.push({ kind: 'closed' });
    else if ([',', ';', '.', ':', '(', ')', '&', '+'].includes(raw) || raw === 'et' || raw === 'puis') out.push({ kind: 'sep' });
    else if (NOISE.has(raw)) continue;
    else return undefined; // a word we do not understand: keep the text
  }
  return out;
}

/**
 * Free French text → per-day intervals, or undefined when any part is not understood.
 * `defaultDays`: the days to use when the text gives times only (Hub-Lo's `c_jours_semaine`).
 */
export function parseFrenchHours(text: string, defaultDays?: Day[]): WeekIntervals | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  // Group into runs: a run of days (lists and ranges) or a run of times (pairs).
  type Run = { kind: 'days'; days: Set<Day> } | { kind: 'times'; points: Array<{ min: number; marked: boolean }> } | { kind: 'closed' };
  const runs: Run[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const last = runs[runs.length - 1];
    if (t.kind === 'day') {
      const prev = tokens[i - 1];
      const before = tokens[i - 2];
      const days = last?.kind === 'days' ? last.days : new Set<Day>();
      if (last?.kind === 'days' && prev?.kind === 'range' && before?.kind === 'day') {
        for (let d = before.day; d !== t.day; d = ((d + 1) % 7) as Day) days.add(d);
      }
      days.add(t.day);
      if (last?.kind !== 'days') runs.push({ kind: 'days', days });
    } else if (t.kind === 'time') {
      if (last?.kind === 'times') last.points.push(t);
      else runs.push({ kind: 'times', points: [t] });
    } else if (t.kind === 'closed') runs.push({ kind: 'closed' });
  }
  const week: WeekIntervals = [[], [], [], [], [], [], []];
  let pendingDays: Set<Day> | undefined;
  let pendingTimes: Interval[] | undefined;
  let any = false;
  const apply = (days: Iterable<Day>, intervals: Interval[]) => {
    for (const d of days) week[d].push(...intervals);
    any = true;
  };
  for (const run of runs) {
    if (run.kind === 'closed') {
      if (!pendingDays) return undefined; // "fermé" about nothing we know
      pendingDays = undefined; // "dimanche fermé": nothing to add
      continue;
    }
    if (run.kind === 'days') {
      if (pendingTimes) {
        apply(run.days, pendingTimes); // "9h-12h du lundi au vendredi"
        pendingTimes = undefined;
      } else if (pendingDays) return undefined; // two day groups in a row without times
      else pendingDays = run.days;
    } else {
      const intervals = pairUp(run.points);
      if (!intervals) return undefined;
      if (pendingDays) {
        apply(pendingDays, intervals);
        pendingDays = undefined;
      } else if (pendingTimes) return undefined;
      else pendingTimes = intervals;
    }
  }
  if (pendingDays) return undefined; // days without times
  if (pendingTimes) {
    if (any || !defaultDays || defaultDays.length === 0) return undefined;
    apply(defaultDays, pendingTimes);
  }
  if (!any) return undefined;
  // Overlapping or unordered intervals of a day: not trustworthy.
  for (const day of week) {
    day.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < day.length; i++) if (day[i][0] < day[i - 1][1]) return undefined;
  }
  return week;
}

function pairUp(points: Array<{ min: number; marked: boolean }>): Interval[] | undefined {
  if (points.length % 2 !== 0 || !points.some((p) => p.marked)) return undefined;
  const out: Interval[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const [s, e] = [points[i].min, points[i + 1].min];
    if (s === 0 && e === 0) continue; // "00:00 - 00:00": an empty slot of a form
    if (e <= s) return undefined;
    if (!out.some(([a, b]) => a === s && b === e)) out.push([s, e]); // the same slot written twice
  }
  return out;
}

export type HoursResult = { horaires: string } | { horairesText: string } | Record<string, never>;

function clean(text: string): string {
  return normalizeApostrophes(text).replace(/\s+/g, ' ').trim();
}

/** A text that may already be OSM (CNFS, data·inclusion) or French free text. */
export function convertHours(text: string | null | undefined, defaultDays?: Day[]): HoursResult {
  const raw = clean(String(text ?? ''));
  if (!raw) return {};
  if (/^(Mo|Tu|We|Th|Fr|Sa|Su|PH|24\/7)/.test(raw) && isValidOsm(raw)) return { horaires: raw };
  const week = parseFrenchHours(String(text), defaultDays);
  const osm = week && toOsm(week);
  if (osm && isValidOsm(osm)) return { horaires: osm };
  return { horairesText: raw.slice(0, 300) };
}

const FR_DAY_NAMES = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];

/** France Services: one field per weekday ("09:00 - 12:00 / 14:00 - 16:30", empty = closed). */
export function convertDayFields(fields: Array<string | undefined>, extra = ''): HoursResult {
  const week: WeekIntervals = [[], [], [], [], [], [], []];
  let ok = true;
  let anyText = false;
  fields.forEach((f, d) => {
    const raw = clean(f ?? '');
    if (!raw) return;
    anyText = true;
    const parsed = parseFrenchHours(raw, [d as Day]);
    const only = parsed?.every((intervals, i) => i === d || intervals.length === 0);
    if (!parsed || !only) ok = false;
    else week[d] = parsed[d];
  });
  if (!anyText) return {};
  const osm = ok ? toOsm(week) : undefined;
  if (osm && isValidOsm(osm + extra)) return { horaires: osm + extra };
  const text = fields
    .map((f, d) => (clean(f ?? '') ? `${FR_DAY_NAMES[d]} : ${clean(f ?? '')}` : ''))
    .filter(Boolean)
    .join(' ; ');
  return { horairesText: text.slice(0, 300) };
}
