/**
 * Today, in Paris, for the questions a guide need not ask (`when` on a choice): "28-15" is from the
 * 28th to the 15th of the next month, "4-6" April to June; a range wraps around the end.
 */
import type { Locale } from '../i18n/locale';
import { parisFields } from '../territories/hours';
import type { When } from './schema';

function inRange(value: number, range: string): boolean {
  const [first, last] = range.split('-').map(Number);
  return first <= last ? value >= first && value <= last : value >= first || value <= last;
}

const FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }),
};

export interface Today {
  isIn(when: When): boolean;
  /** "mercredi 3 décembre" / "Wednesday 3 December". */
  format(locale: Locale): string;
}

export function todayIn(now: number): Today {
  const f = parisFields(new Date(now));
  return {
    isIn: (when) => (when.days === undefined || inRange(f.d, when.days)) && (when.months === undefined || inRange(f.mo, when.months)),
    format: (locale) => FORMATS[locale].format(new Date(now)),
  };
}

/** How many days (or months) a range covers: the narrower, the more specific. */
export function span(when: When): number {
  const one = (range: string | undefined, max: number) => {
    if (!range) return max;
    const [first, last] = range.split('-').map(Number);
    return first <= last ? last - first + 1 : max - first + 1 + last;
  };
  return one(when.days, 31) * one(when.months, 12);
}
