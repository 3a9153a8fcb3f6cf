/**
 * When someone answers again, told only as far as it is known: the next opening when the territory's hours say it
 * is closed now; otherwise (no hours, "24/7", or open but nobody on duty) no time at all — when advisers usually are,
 * and that a callback request waits for them. Also the soonest sensible time for "rappelez-moi quand vous voulez".
 */
import type { Locale } from '../i18n/locale';
import { formatWhen } from './callbackTime';
import { hoursOf, type HandoffDeps } from './requests';

/** The next time the territory opens after `after`, or undefined without hours ("24/7") or if it never opens. */
export function nextOpening(deps: HandoffDeps, territory: string, after = new Date(deps.now())): Date | undefined {
  const hours = hoursOf(deps, territory);
  if (hours.alwaysOpen()) return undefined;
  const next = hours.nextOpening(after);
  return next && next.getTime() > after.getTime() ? next : hours.nextOpening(new Date(after.getTime() + 60_000));
}

/**
 * The line after "Aucun conseiller n'est disponible maintenant.": "Prochaine ouverture : lundi à 9h" when the hours
 * are closed now. Open now with nobody on duty, or without hours, nobody knows when one comes: no time is promised.
 */
export function whenBackLine(deps: HandoffDeps, territory: string, locale: Locale): string {
  const now = new Date(deps.now());
  const next = hoursOf(deps, territory).isOpen(now) ? undefined : nextOpening(deps, territory, now);
  return next ? deps.strings.t(locale, 'handoff.nextOpening', { when: formatWhen(next, locale) }) : deps.strings.t(locale, 'handoff.backUnknown');
}

/** The soonest sensible callback: within the hour while open, else half an hour after the next opening. */
export function soonestCallback(deps: HandoffDeps, territory: string): Date {
  const now = new Date(deps.now());
  const hours = hoursOf(deps, territory);
  // On the quarter hour ("10 h 45", not "10 h 32"): a time people can keep in mind.
  const quarter = 15 * 60_000;
  const inAnHour = new Date(Math.ceil((now.getTime() + 3_600_000) / quarter) * quarter);
  if (hours.isOpen(inAnHour)) return inAnHour;
  const next = nextOpening(deps, territory) ?? inAnHour;
  return new Date(next.getTime() + 1_800_000);
}
