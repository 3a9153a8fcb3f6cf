/**
 * When deadline reminders fall, in Paris time:
 * - France Travail monthly actualisation: the window opens on the 28th and closes on the 15th of
 *   the next month; the reminder comes on the 28th at 10:00.
 * - CAF quarterly declaration (prime d'activité, RSA): every 3 months from the day the citizen
 *   declared (the day they finished the guide), at 10:00; the 31st becomes the month's last day.
 */
import { fromParisWall, parisFields } from '../territories/hours';

export type ReminderKind = 'actualisation' | 'caf-trimestrielle';

/** The guides after which a reminder is offered. */
export const REMINDER_AFTER_GUIDE: Record<string, ReminderKind> = {
  'france-travail-actualisation': 'actualisation',
  'caf-prime-activite': 'caf-trimestrielle',
  'caf-declaration-trimestrielle': 'caf-trimestrielle',
};

const HOUR = 10;

function parisInstant(y: number, mo: number, d: number): number {
  // Date's own overflow handles month 13 → January of the next year.
  const first = new Date(y, mo - 1, 1, HOUR, 0, 0, 0);
  const lastDay = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  return fromParisWall(new Date(first.getFullYear(), first.getMonth(), Math.min(d, lastDay), HOUR, 0, 0, 0)).getTime();
}

/** The first reminder time strictly after `after`. `anchor` is the instant the reminder was set up. */
export function nextDue(kind: ReminderKind, after: number, anchor: number): number {
  const f = parisFields(new Date(after));
  if (kind === 'actualisation') {
    const thisMonth = parisInstant(f.y, f.mo, 28);
    return thisMonth > after ? thisMonth : parisInstant(f.y, f.mo + 1, 28);
  }
  const a = parisFields(new Date(anchor));
  for (let k = 3; ; k += 3) {
    const t = parisInstant(a.y, a.mo + k, a.d);
    if (t > after) return t;
  }
}
