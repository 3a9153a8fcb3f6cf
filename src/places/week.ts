/**
 * "C'est ouvert quand ?": a place's opening hours for the next seven days, one short line a day, from its
 * OpenStreetMap `opening_hours` (the opening_hours library, French public holidays), in Paris wall time:
 * "lundi : 9 h à 12 h 30, 14 h à 17 h", "dimanche : fermé". Undefined when the hours are not machine-readable
 * (the place block already shows them as the source wrote them, or says they are unknown).
 */
import type { Locale } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { fromParisWall, parisWall } from '../territories/hours';
import { parsed } from './openNow';
import { formatTime } from './render';
import type { Place } from './schema';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

const DAY_MS = 86_400_000;

export function weekHours(place: Pick<Place, 'horaires'>, now: Date, locale: Locale, t: T): string | undefined {
  const oh = place.horaires ? parsed(place.horaires) : null;
  if (!oh) return undefined;
  const wall = parisWall(now);
  const dayName = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', timeZone: 'UTC' });
  const days: Array<{ day: string; hours: string; today: boolean }> = [];
  for (let d = 0; d < 7; d += 1) {
    const start = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + d);
    const end = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + d + 1);
    let intervals: Array<[Date, Date]>;
    try {
      intervals = oh.getOpenIntervals(start, end).map(([from, to]) => [from, to] as [Date, Date]);
    } catch {
      return undefined;
    }
    const day = dayName.format(new Date(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate()) + DAY_MS / 2));
    const spans = intervals
      // "10:00-13:00,13:00-18:00" reads as one span.
      .reduce<Array<[Date, Date]>>((acc, [from, to]) => {
        const last = acc[acc.length - 1];
        if (last && last[1].getTime() === from.getTime()) last[1] = to;
        else acc.push([from, to]);
        return acc;
      }, [])
      .map(([from, to]) => t('places.span', { from: formatTime(fromParisWall(from), locale), to: to.getTime() >= end.getTime() ? t('places.midnight') : formatTime(fromParisWall(to), locale) }));
    days.push({ day: d === 0 ? t('places.todayWord') : day, hours: spans.length ? spans.join(', ') : t('places.closedDay'), today: d === 0 });
  }
  // Days in a row with the same hours read as one line ("samedi et dimanche : fermé", "lundi au mercredi : …").
  const groups: Array<{ first: string; last: string; count: number; hours: string }> = [];
  for (const x of days) {
    const g = groups[groups.length - 1];
    if (g && !x.today && g.first !== t('places.todayWord') && g.hours === x.hours) {
      g.last = x.day;
      g.count += 1;
    } else groups.push({ first: x.day, last: x.day, count: 1, hours: x.hours });
  }
  const lines = groups.map((g) => {
    const day = g.count === 1 ? g.first : t(g.count === 2 ? 'places.dayPair' : 'places.dayRange', { from: g.first, to: g.last });
    return t('places.dayHours', { day, hours: g.hours });
  });
  return `${t('places.weekTitle')}\n${lines.join('\n')}`;
}
