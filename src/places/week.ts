/**
 * "C'est ouvert quand ?": a place's opening hours for the next seven days, one short line a day, from its
 * OpenStreetMap `opening_hours` (the opening_hours library, French public holidays), in Paris wall time:
 * "lundi : 9 h à 12 h 30, 14 h à 17 h", "dimanche : fermé". Undefined when the hours are not machine-readable
 * (the place block already shows them as the source wrote them, or says they are unknown).
 *
 * For SMS, where every character costs, the same week written short, Monday first, days with the same hours
 * together as on a door: "lundi au vendredi : 9h-12h, 14h-17h", "samedi et dimanche : fermé" (`weekHoursShort`). Day
 * names stay whole (no "Lun-Ven", which not every reader knows): they are plain GSM-7 letters, and a week of seven
 * different days with two spans each still fits in 2 segments (PRODUCT.md, "Writing for our users").
 */
import type { Locale } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { fromParisWall, parisWall } from '../territories/hours';
import { parsed } from './openNow';
import { formatTime } from './render';
import type { Place } from './schema';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

const DAY_MS = 86_400_000;

/** One of the next seven days, in Paris wall time: its start, and when the place is open (`to` undefined: midnight). */
interface Day {
  start: Date;
  spans: Array<{ from: Date; to?: Date }>;
}

/** `count` days (seven) from today, or from `from` days after it; undefined when the hours are not machine-readable. */
function nextSevenDays(place: Pick<Place, 'horaires'>, now: Date, from = 0, count = 7): Day[] | undefined {
  const oh = place.horaires ? parsed(place.horaires) : null;
  if (!oh) return undefined;
  const wall = parisWall(now);
  const days: Day[] = [];
  for (let d = from; d < from + count; d += 1) {
    const start = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + d);
    const end = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + d + 1);
    let intervals: Array<[Date, Date]>;
    try {
      intervals = oh.getOpenIntervals(start, end).map(([from, to]) => [from, to] as [Date, Date]);
    } catch {
      return undefined;
    }
    const spans = intervals
      // "10:00-13:00,13:00-18:00" reads as one span.
      .reduce<Array<[Date, Date]>>((acc, [from, to]) => {
        const last = acc[acc.length - 1];
        if (last && last[1].getTime() === from.getTime()) last[1] = to;
        else acc.push([from, to]);
        return acc;
      }, [])
      .map(([from, to]) => ({ from, to: to.getTime() >= end.getTime() ? undefined : to }));
    days.push({ start, spans });
  }
  return days;
}

/** Days in a row with the same hours, as one group. */
function grouped<D>(days: D[], hours: (d: D) => string, apart: (d: D) => boolean = () => false): Array<{ first: D; last: D; count: number; hours: string }> {
  const groups: Array<{ first: D; last: D; count: number; hours: string }> = [];
  for (const x of days) {
    const g = groups[groups.length - 1];
    if (g && !apart(x) && !apart(g.first) && g.hours === hours(x)) {
      g.last = x;
      g.count += 1;
    } else groups.push({ first: x, last: x, count: 1, hours: hours(x) });
  }
  return groups;
}

/** "9 h à 12 h 30, 14 h à 17 h", or "fermé". */
function dayHours(d: Day, locale: Locale, t: T): string {
  if (!d.spans.length) return t('places.closedDay');
  return d.spans.map((s) => t('places.span', { from: formatTime(fromParisWall(s.from), locale), to: s.to ? formatTime(fromParisWall(s.to), locale) : t('places.midnight') })).join(', ');
}

/** A place's hours on one of the next seven days (0: today), or undefined when they are not machine-readable. */
export function hoursOnDay(place: Pick<Place, 'horaires'>, now: Date, offset: number, locale: Locale, t: T): string | undefined {
  const day = nextSevenDays(place, now, offset, 1)?.[0];
  return day ? dayHours(day, locale, t) : undefined;
}

export function weekHours(place: Pick<Place, 'horaires'>, now: Date, locale: Locale, t: T): string | undefined {
  const week = nextSevenDays(place, now);
  if (!week) return undefined;
  const dayName = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', timeZone: 'UTC' });
  const nameOf = (start: Date) => dayName.format(new Date(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()) + DAY_MS / 2));
  const hoursOf = (d: Day) => dayHours(d, locale, t);
  const days = week.map((d, i) => ({ day: i === 0 ? t('places.todayWord') : nameOf(d.start), hours: hoursOf(d), today: i === 0 }));
  // Days in a row with the same hours read as one line ("samedi et dimanche : fermé", "lundi au mercredi : …").
  const lines = grouped(days, (x) => x.hours, (x) => x.today).map((g) => {
    const day = g.count === 1 ? g.first.day : t(g.count === 2 ? 'places.dayPair' : 'places.dayRange', { from: g.first.day, to: g.last.day });
    return t('places.dayHours', { day, hours: g.hours });
  });
  return `${t('places.weekTitle')}\n${lines.join('\n')}`;
}

/** "9h", "12h30" (French) or "9:00", "12:30" (English), from a Paris wall time. */
function shortTime(wall: Date, locale: Locale): string {
  const h = wall.getHours();
  const mi = wall.getMinutes();
  if (locale === 'en') return `${h}:${String(mi).padStart(2, '0')}`;
  return mi === 0 ? `${h}h` : `${h}h${String(mi).padStart(2, '0')}`;
}

/**
 * The same week, short. A usual week (each day's hours the same the two weeks after: no public holiday, no closing) reads
 * as on a door, Monday first: "Horaires :", then "lundi et mardi : 9h-12h30, 14h-18h", "mercredi : 9h-12h30"…
 * "samedi et dimanche : fermé". Else the coming seven days from today, as they will be ("7 prochains jours :",
 * "vendredi : fermé" for a holiday that Friday).
 */
export function weekHoursShort(place: Pick<Place, 'horaires'>, now: Date, locale: Locale, t: T): string | undefined {
  const week = nextSevenDays(place, now);
  if (!week) return undefined;
  const names = t('places.weekDaysSms').split(/\s+/);
  const hoursOf = (d: Day) =>
    d.spans.length ? d.spans.map((s) => t('places.spanShort', { from: shortTime(s.from, locale), to: s.to ? shortTime(s.to, locale) : t('places.midnight') })).join(', ') : t('places.closedDay');
  // Two weeks after, as Christmas and New Year's Day fall on the same weekday.
  const later = [nextSevenDays(place, now, 7), nextSevenDays(place, now, 14)];
  const usual = later.every((after) => after !== undefined && week.every((d, i) => hoursOf(d) === hoursOf(after[i])));
  const days = week.map((d) => ({ weekday: (d.start.getDay() + 6) % 7, hours: hoursOf(d) }));
  // Monday first when it is the usual week: each weekday once.
  if (usual) days.sort((a, b) => a.weekday - b.weekday);
  const lines = grouped(days, (x) => x.hours).map((g) => {
    const first = names[g.first.weekday] ?? '';
    const day = g.count === 1 ? first : t(g.count === 2 ? 'places.dayPair' : 'places.dayRange', { from: first, to: names[g.last.weekday] ?? '' });
    return t('places.dayHoursShort', { day, hours: g.hours });
  });
  return `${t(usual ? 'places.weekTitleShort' : 'places.weekTitleShortComing')}\n${lines.join('\n')}`;
}
