/**
 * A place as a short text block for the citizen (one message per place: each fits an SMS or two):
 * name and distance, address, open now / next opening / hours as the source wrote them, phone,
 * booking link, what help it gives, Pass numérique. Every word comes from locales/.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Locale } from '../i18n/locale';
import type { Strings, StringKey } from '../i18n/strings';
import { clockTime, parisFields } from '../territories/hours';
import type { NearPlace } from './index';
import { openState } from './openNow';

/** Hours older than this (from their source's date) are shown with "à vérifier par téléphone". */
export const HOURS_STALE_DAYS = 365;
const MAX_NAME = 70;
const MAX_HOURS_TEXT = 120;

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

/** "9 h", "13 h 30" (French) or "9:00", "13:30" (English). */
export const formatTime = (at: Date, locale: Locale): string => clockTime(at, locale);

export function formatDistance(km: number, locale: Locale): string {
  if (km < 1) return `${Math.max(100, Math.round(km * 10) * 100)} m`;
  const n = km < 10 ? km.toFixed(1) : String(Math.round(km));
  return `${locale === 'fr' ? n.replace('.', ',') : n} km`;
}

function daysBetween(a: Date, b: Date): number {
  const fa = parisFields(a);
  const fb = parisFields(b);
  return Math.round((Date.UTC(fb.y, fb.mo - 1, fb.d) - Date.UTC(fa.y, fa.mo - 1, fa.d)) / 86_400_000);
}

/** "aujourd'hui à 14 h", "demain à 9 h", "lundi à 9 h". */
function when(next: Date, now: Date, locale: Locale, t: T): string {
  const time = formatTime(next, locale);
  const days = daysBetween(now, next);
  if (days === 0) return t('places.today', { time });
  if (days === 1) return t('places.tomorrow', { time });
  const day = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', timeZone: 'Europe/Paris' }).format(next);
  return t('places.dayAt', { day, time });
}

export function hoursLine(p: NearPlace['place'], now: Date, locale: Locale, t: T): string {
  const state = openState(p, now);
  let line: string;
  switch (state.kind) {
    case 'open':
      line = state.until ? t('places.openUntil', { time: formatTime(state.until, locale) }) : t('places.open');
      break;
    case 'closed':
      line = state.next ? t('places.closedNext', { when: when(state.next, now, locale, t) }) : t('places.closed');
      break;
    case 'text': {
      const text = state.text.length > MAX_HOURS_TEXT ? `${state.text.slice(0, MAX_HOURS_TEXT - 3).trimEnd()}...` : state.text;
      line = t('places.hoursText', { text });
      break;
    }
    default:
      return t('places.hoursUnknown');
  }
  const dated = p.horairesDate ?? p.date_maj;
  const ageDays = (now.getTime() - Date.parse(`${dated}T12:00:00Z`)) / 86_400_000;
  // "à vérifier par téléphone" only when there is a number to call; otherwise before going there.
  const stale = p.telephone ? 'places.hoursOld' : 'places.hoursOldNoPhone';
  return ageDays > HOURS_STALE_DAYS ? `${line} ${t(stale, { year: Number(dated.slice(0, 4)) })}` : line;
}

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}

/** `bookingUrl`: the booking link as it is to be written (our short /r/<id> form on SMS), else the place's own. */
export function placeBlock(n: number, near: NearPlace, now: Date, locale: Locale, strings: Strings, bookingUrl?: string): string {
  const t: T = (key, vars) => strings.t(locale, key, vars);
  const p = near.place;
  const name = p.nom.length > MAX_NAME ? `${p.nom.slice(0, MAX_NAME - 3).trimEnd()}...` : p.nom;
  const lines = [
    p.precision === 'adresse'
      ? t('places.title', { n, name, distance: formatDistance(near.km, locale) })
      : t('places.titleNoDistance', { n, name }),
    [p.adresse, `${p.code_postal} ${p.commune}`].filter(Boolean).join(', '),
    hoursLine(p, now, locale, t),
  ];
  if (p.rdv_obligatoire) lines.push(t('places.appointment'));
  if (p.telephone) lines.push(t('places.phone', { phone: formatPhone(p.telephone) }));
  if (p.prise_rdv) lines.push(t('places.booking', { url: bookingUrl ?? p.prise_rdv }));
  const help: string[] = [];
  if (p.services.includes('Aide aux démarches administratives')) help.push(t('places.svcDemarches'));
  if (p.services.includes('Maîtrise des outils numériques du quotidien')) help.push(t('places.svcTools'));
  if (p.pass_numerique) help.push(t('places.passNumerique'));
  if (help.length > 0) lines.push(help.join(' '));
  return lines.join('\n');
}

/** "27 novembre 2026" (French) or "27 November 2026" (English), from YYYY-MM-DD; '' when not a date. */
export function formatDate(iso: string | undefined, locale: Locale): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return '';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(d);
}
