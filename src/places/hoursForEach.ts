/**
 * Opening hours asked about every place on screen at once, as "il faut un rdv ?" is answered for each:
 * - a day ("c'est ouvert le samedi ?", or the day alone: "et le samedi ?", "dimanche ?", "and saturday?") or the
 *   week-end ("ouvert le week-end ?"): each place's hours that day;
 * - no day ("c'est ouvert quand ?", "lequel est ouvert maintenant ?", "when are they open?"): each place's state
 *   now and when it opens next, as on the list; its number then shows its whole week.
 */
import type { Locale } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { parisWall } from '../territories/hours';
import { dayAsked } from './dayAsked';
import { hoursLine } from './render';
import type { Place } from './schema';
import { hoursOnDay } from './week';

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

const FILLER = /\b(?:et|and|what about|how about|alors|pour|le|la|ce|cette|on|the|this|c est|ouvert|ouverte|ouverts|open|matin|apres midi|soir|morning|afternoon)\b/g;
const WEEKEND = /\b(?:week ?ends?|weekend|fin de semaine|samedi et dimanche|saturday and sunday)\b/;

/** The days asked about, as days from today: one day, the two days of the week-end, or none. */
export function daysAsked(folded: string, now: Date): number[] {
  const t = folded.replace(/[-'’?!.,]/g, ' ');
  if (WEEKEND.test(t)) return [6, 0].map((d) => (d - parisWall(now).getDay() + 7) % 7).sort((a, b) => a - b);
  const day = dayAsked(t, now);
  return day === undefined ? [] : [day];
}

/** A message that is a day and nothing else ("et le samedi ?", "dimanche ?", "and tomorrow?"): the hours that day. */
export function onlyADay(folded: string, now: Date): boolean {
  const t = folded.replace(/[-'’?!.,]/g, ' ');
  return daysAsked(t, now).length > 0 && t.replace(FILLER, ' ').trim().split(/\s+/).length <= 2 && t.trim().split(/\s+/).length <= 5;
}

/** "Samedi 12 décembre :", each place's hours that day; the same for a second day; the footer once. */
export function hoursOnDays(places: Place[], now: Date, offsets: number[], locale: Locale, t: T): string {
  const blocks = offsets.map((offset) => {
    const date = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }).format(new Date(now.getTime() + offset * 86_400_000));
    const lines = places.map((p, i) => t('places.placeOnDay', { n: i + 1, name: p.nom, hours: hoursOnDay(p, now, offset, locale, t) ?? t('places.hoursUnknownDay') }));
    return [t('places.onDay', { day: date.charAt(0).toUpperCase() + date.slice(1) }), ...lines].join('\n');
  });
  return [...blocks, t('places.footer')].join('\n');
}

/** Each place: open now or when it opens next ("1. CIDFF : Fermé. Ouvre jeudi à 9 h."), then how to see a whole week. */
export function hoursNow(places: Place[], now: Date, locale: Locale, t: T): string {
  const lines = places.map((p, i) => t('places.placeOnDay', { n: i + 1, name: p.nom, hours: hoursLine(p, now, locale, t) }));
  return [t('places.nowTitle'), ...lines, t('places.weekHint', { n: places.length }), t('places.footer')].join('\n');
}
