/**
 * What a callback needs from free text: the citizen's phone number ("06 12 34 56 78", "+33…") and a
 * time in their words ("demain à 14h", "lundi matin"), read as Paris wall time.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import { recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import type { Locale } from '../i18n/locale';
import { clockTime, fromParisWall, parisWall } from '../territories/hours';

/** The citizen wrote a French (or international) phone number. */
export function parsePhone(text: string): { e164: string; national: string } | undefined {
  const found = findPhoneNumbersInText(text, 'FR')[0]?.number ?? parsePhoneNumberFromString(text.replace(/[^\d+]/g, ''), 'FR');
  if (!found || !found.isValid()) return undefined;
  return { e164: found.number, national: found.formatNational() };
}

export function nationalFormat(e164: string | undefined): string {
  return parsePhoneNumberFromString(e164 ?? '', 'FR')?.formatNational() ?? '';
}

/**
 * "demain à 14h", "lundi matin", "mardi 10h30" → candidate instants, read as Paris wall time
 * (the recognizers resolve relative to a Paris "now"), earliest sensible first.
 */
export function resolveTimes(text: string, locale: Locale, now: Date): Date[] {
  const culture = locale === 'en' ? 'en-us' : 'fr-fr';
  const ref = parisWall(now);
  const out: Date[] = [];
  for (const result of recognizeDateTime(locale === 'en' ? spokenTimesEn(text) : spokenTimes(text), culture, 0, ref)) {
    const values = (result.resolution?.values ?? []) as Array<{ type: string; value?: string; start?: string }>;
    for (const v of values) {
      const raw = v.type === 'datetimerange' || v.type === 'daterange' || v.type === 'timerange' ? v.start : v.value;
      if (!raw) continue;
      let wall: Date | undefined;
      if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(raw)) {
        const [d, t] = raw.split(' ');
        const [y, mo, da] = d.split('-').map(Number);
        const [h, mi] = t.split(':').map(Number);
        wall = new Date(y, mo - 1, da, h, mi);
      } else if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
        const [y, mo, da] = raw.split('-').map(Number);
        wall = new Date(y, mo - 1, da, 10, 0); // a day without a time: mid-morning
      } else if (/^\d{2}:\d{2}/.test(raw)) {
        const [h, mi] = raw.split(':').map(Number);
        wall = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate(), h, mi);
        if (wall.getTime() <= ref.getTime()) wall = new Date(wall.getTime() + 86_400_000);
      }
      if (wall) out.push(fromParisWall(wall));
    }
  }
  return out;
}

/**
 * French times as people type them, in the recognizer's words: "apres demain" (no accent, no hyphen), "l'aprem",
 * "dans l'après-midi", "2h de l'après-midi", "fin de matinée", "midi". A part of the day becomes the hour a caller
 * would pick (the recognizer starts the afternoon at noon, over the lunch break).
 */
export function spokenTimes(text: string): string {
  const hour = (h: number) => ` à ${h}h `;
  return text
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/\b(?:2|de)main\b|\bdemin\b/g, 'demain')
    .replace(/\bapr[eèé]s[ -]?demain\b/g, 'après-demain')
    .replace(/\b(\d{1,2}) ?h(?:eures?)? (?:de l |l )?(?:apr[eèé]s[ -]?midi|apr[eèé]m)\b/g, (_m, h: string) => hour(Number(h) < 12 ? Number(h) + 12 : Number(h)))
    .replace(/\b(?:en )?d[eé]but (?:d |de l )?(?:apr[eèé]s[ -]?midi|apr[eèé]m)\b/g, hour(14))
    .replace(/\b(?:en )?fin (?:d |de l )?(?:apr[eèé]s[ -]?midi|apr[eèé]m)\b/g, hour(17))
    .replace(/\b(?:en )?fin de (?:matin[eé]e|matin[eé]|matin)\b/g, hour(11))
    .replace(/\b(?:en |dans la )?(?:d[eé]but de )?(?:matin[eé]e|matain)\b/g, ' matin ')
    .replace(/\b(?:dans |en )?(?:l |cet |cette )?(?:apr[eèé]s[ -]?midi|apr[eèé]m|apm)\b/g, hour(14))
    .replace(/\b(?:vers |a |à )?midi\b/g, hour(12))
    .replace(/\b(?:a|vers|pour) +à(?= )/g, 'à')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same in English: "tomorrow afternoon" is 2 pm, not noon; "late morning", "end of the afternoon", "lunchtime". */
export function spokenTimesEn(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(?:in the )?(?:late|end of the) afternoon\b/g, ' at 5pm ')
    .replace(/\b(?:in the )?(?:late|end of the) morning\b/g, ' at 11am ')
    .replace(/\b(?:in the )?(?:early )?afternoon\b/g, ' at 2pm ')
    .replace(/\b(?:at |around )?(?:noon|lunchtime|lunch time)\b/g, ' at 12pm ')
    .replace(/\b(?:at|around) +at\b/g, 'at')
    .replace(/\s+/g, ' ')
    .trim();
}

const FR_DAY = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' });
const EN_WHEN = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/**
 * "lundi 30 novembre à 8 h", "vendredi 27 novembre à 11 h 30" (French, as the places' hours are written: easier to
 * read than "08:00"); "Monday 30 November at 08:00" in English.
 */
export function formatWhen(instant: Date, locale: Locale): string {
  return locale === 'en' ? EN_WHEN.format(instant) : `${FR_DAY.format(instant)} à ${clockTime(instant, 'fr')}`;
}

/**
 * The date-time model compiles very large regular expressions on its first runs in a process (21 s measured on a
 * loaded 2-CPU machine for a first "demain a 10h"): the app runs it at startup when WARMUP_RECOGNIZERS is on, so
 * the first citizen who asks for a call back does not wait for it.
 */
export function warmUpCallbackTimes(): void {
  const now = new Date();
  for (const [text, locale] of [['demain à 10h', 'fr'], ['lundi matin', 'fr'], ['tomorrow at 10am', 'en'], ['monday morning', 'en']] as const) {
    for (let i = 0; i < 2; i++) resolveTimes(text, locale, now);
  }
}
