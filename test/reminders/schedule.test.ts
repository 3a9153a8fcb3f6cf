/** When reminders fall, in Paris time, across months, years and daylight saving. */
import { nextDue } from '../../src/reminders/schedule';

const paris = (iso: string) => new Date(iso).getTime();
const show = (t: number) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(t));

describe('deadline reminder times', () => {
  it('actualisation: the 28th at 10:00, this month if still ahead, else next month', () => {
    const now = paris('2026-11-27T09:00:00Z');
    expect(show(nextDue('actualisation', now, now))).toBe('samedi 28 novembre 2026 à 10:00');
    const after = paris('2026-11-28T09:00:00Z');
    expect(show(nextDue('actualisation', after, now))).toBe('lundi 28 décembre 2026 à 10:00');
    expect(show(nextDue('actualisation', paris('2026-12-29T00:00:00Z'), now))).toBe('jeudi 28 janvier 2027 à 10:00');
    // Summer time: still 10:00 on the wall clock.
    expect(show(nextDue('actualisation', paris('2027-06-01T00:00:00Z'), now))).toBe('lundi 28 juin 2027 à 10:00');
  });

  it('CAF: every 3 months from the day of the declaration; the 30th becomes the end of February', () => {
    const anchor = paris('2026-11-30T15:00:00Z');
    const first = nextDue('caf-trimestrielle', anchor, anchor);
    expect(show(first)).toBe('dimanche 28 février 2027 à 10:00');
    expect(show(nextDue('caf-trimestrielle', first, anchor))).toBe('dimanche 30 mai 2027 à 10:00');
    expect(show(nextDue('caf-trimestrielle', paris('2027-06-01T00:00:00Z'), anchor))).toBe('lundi 30 août 2027 à 10:00');
  });
});
