/**
 * Opening hours in OSM `opening_hours` syntax (the `opening_hours` library, with French public
 * holidays), always read in Europe/Paris whatever the server's time zone.
 */
import OpeningHours from 'opening_hours';

export const TIMEZONE = 'Europe/Paris';
const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };

/** One formatter for the process: building an Intl.DateTimeFormat costs far more than using one (a tenth of a turn). */
const PARIS_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  weekday: 'short', hourCycle: 'h23',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

type ParisFields = { y: number; mo: number; d: number; h: number; mi: number; wd: number };
/** The fields of the last minute asked for: a turn asks several times within the same minute. */
let lastMinute = Number.NaN;
let lastFields: ParisFields | undefined;

/** Wall-clock fields of an instant in Paris. */
export function parisFields(instant: Date): ParisFields {
  // Paris is a whole number of minutes from UTC: the fields change only with the minute.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute === lastMinute && lastFields) return { ...lastFields };
  const parts = PARIS_PARTS.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '0';
  const wd = WEEKDAYS.indexOf(get('weekday'));
  const fields = { y: Number(get('year')), mo: Number(get('month')), d: Number(get('day')), h: Number(get('hour')), mi: Number(get('minute')), wd };
  if (Number.isFinite(minute)) {
    lastMinute = minute;
    lastFields = fields;
  }
  return { ...fields };
}

/** A Date whose LOCAL fields are Paris wall time (what opening_hours and the recognizers read). */
/** "9 h", "13 h 30" (French, as on a door) or "9:00", "13:30" (English), in Paris time. */
export function clockTime(at: Date, locale: 'fr' | 'en'): string {
  const f = parisFields(at);
  if (locale === 'en') return `${f.h}:${String(f.mi).padStart(2, '0')}`;
  return f.mi === 0 ? `${f.h} h` : `${f.h} h ${String(f.mi).padStart(2, '0')}`;
}

export function parisWall(instant: Date): Date {
  const f = parisFields(instant);
  return new Date(f.y, f.mo - 1, f.d, f.h, f.mi, 0, 0);
}

/** The instant of a Paris wall time given as local fields of `wall`. */
export function fromParisWall(wall: Date): Date {
  const target = Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes());
  let guess = target;
  for (let i = 0; i < 3; i += 1) {
    const f = parisFields(new Date(guess));
    const seen = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi);
    guess += target - seen;
  }
  return new Date(guess);
}

export class Hours {
  private readonly oh: OpeningHours;

  constructor(readonly spec: string) {
    this.oh = new OpeningHours(spec, NOMINATIM);
  }

  /**
   * The library's message when the syntax is wrong, or null. A value the library only accepts by
   * guessing ("Lundi 9h-12h", a trailing comma) is wrong too: the message then says what it read
   * and the canonical form to write, so people and the code read the same hours.
   */
  static validate(spec: string): string | null {
    let oh: OpeningHours;
    try {
      oh = new OpeningHours(spec, NOMINATIM);
    } catch (err) {
      return String((err as Error).message ?? err).split('\n')[0];
    }
    const warnings = oh.getWarnings();
    if (warnings.length === 0) return null;
    return `${warnings.join('; ')}; write "${oh.prettifyValue()}"`;
  }

  /** Advice on a valid value: public holidays not closed, or closed by a rule that a later one overrides. */
  static advice(spec: string): string[] {
    if (spec.trim() === '24/7') return [];
    const rules = spec.split(';').map((r) => r.trim()).filter(Boolean);
    const ph = rules.findIndex((r) => /\bPH\b/.test(r));
    if (ph < 0) return ['no "PH" rule: on public holidays mediators are expected as on any other day; add "; PH off" if they do not work then'];
    if (ph !== rules.length - 1) return [`"${rules[ph]}" is not the last rule: the rules after it apply on public holidays too; put it last`];
    return [];
  }

  isOpen(instant: Date): boolean {
    return this.oh.getState(parisWall(instant));
  }

  /** The next time it opens (an instant), or undefined if never. */
  nextOpening(instant: Date): Date | undefined {
    if (this.isOpen(instant)) return instant;
    const next = this.oh.getNextChange(parisWall(instant));
    return next ? fromParisWall(next) : undefined;
  }

  alwaysOpen(): boolean {
    return this.spec.trim() === '24/7';
  }
}
