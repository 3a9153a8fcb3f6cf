/** "vendredi 28 novembre" / "Friday 28 November", in Paris time. */
import type { Locale } from '../i18n/locale';

const FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Paris' }),
};

export function formatDay(at: number, locale: Locale): string {
  return FORMATS[locale].format(new Date(at));
}
