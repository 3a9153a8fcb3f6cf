/**
 * A place's week of hours written short for SMS (src/places/week.ts): Monday first, days with the same hours together,
 * day names whole ("lundi au vendredi", not "Lun-Ven": an abbreviation not every reader knows).
 */
import { Strings } from '../../src/i18n/strings';
import { LOCALES_DIR } from '../../src/paths';
import { weekHours, weekHoursShort } from '../../src/places/week';
import { countSms } from '../../src/text/sms';

const strings = Strings.load(LOCALES_DIR);
// Friday 27 November 2026, 10:00 in Paris (the test clock): no public holiday in the next seven days.
const NOW = new Date('2026-11-27T09:00:00Z');
const fr = (horaires: string) => weekHoursShort({ horaires }, NOW, 'fr', (k, v) => strings.t('fr', k, v));
const en = (horaires: string) => weekHoursShort({ horaires }, NOW, 'en', (k, v) => strings.t('en', k, v));

describe('a week of hours, short', () => {
  it('groups days in a row with the same hours, Monday first, as on a door', () => {
    expect(fr('Mo-Fr 09:00-12:00,14:00-17:00')).toBe('Horaires :\nlundi au vendredi : 9h-12h, 14h-17h\nsamedi et dimanche : fermé');
    expect(fr('Mo 14:30-16:30; Tu-Fr 09:00-12:00,14:30-16:30')).toBe('Horaires :\nlundi : 14h30-16h30\nmardi au vendredi : 9h-12h, 14h30-16h30\nsamedi et dimanche : fermé');
    expect(fr('Tu,Th 09:00-12:00; Sa 20:00-24:00')).toBe('Horaires :\nlundi : fermé\nmardi : 9h-12h\nmercredi : fermé\njeudi : 9h-12h\nvendredi : fermé\nsamedi : 20h-minuit\ndimanche : fermé');
    expect(en('Mo-Fr 09:00-12:30')).toBe('Opening hours:\nMonday to Friday: 9:00-12:30\nSaturday and Sunday: closed');
  });

  it('a week with a public holiday is the coming seven days from today, the holiday closed that day only', () => {
    const short = (iso: string) => weekHoursShort({ horaires: 'Mo-Fr 09:00-12:00; PH off' }, new Date(iso), 'fr', (k, v) => strings.t('fr', k, v));
    // Monday 11 May 2026: Thursday the 14th is Ascension Day.
    expect(short('2026-05-11T08:00:00Z')).toBe('7 prochains jours :\nlundi au mercredi : 9h-12h\njeudi : fermé\nvendredi : 9h-12h\nsamedi et dimanche : fermé');
    // Monday 21 December 2026: Christmas, then New Year's Day, on a Friday both weeks; from a Wednesday, today first.
    expect(short('2026-12-21T08:00:00Z')).toBe('7 prochains jours :\nlundi au jeudi : 9h-12h\nvendredi au dimanche : fermé');
    expect(short('2026-12-23T08:00:00Z')).toBe('7 prochains jours :\nmercredi et jeudi : 9h-12h\nvendredi au dimanche : fermé\nlundi et mardi : 9h-12h');
  });

  it('says the same days and hours as the long week', () => {
    const long = weekHours({ horaires: 'Mo-Fr 09:00-12:00,14:00-17:00' }, NOW, 'fr', (k, v) => strings.t('fr', k, v));
    expect(long).toContain('lundi au jeudi : 9 h à 12 h, 14 h à 17 h');
    expect(fr('not hours at all')).toBeUndefined();
  });

  it('whole day names still fit the SMS budget: seven different days, two spans each, in 2 GSM-7 segments', () => {
    const week = fr('Mo 08:30-12:30,13:30-17:30; Tu 09:30-12:30,14:30-18:30; We 10:30-12:30,13:45-16:45; Th 08:15-11:45,14:15-19:45; Fr 09:15-12:15,13:15-16:15; Sa 09:45-11:45,14:45-17:45; Su 10:15-11:15,15:15-17:15')!;
    expect(week.split('\n')).toHaveLength(8);
    expect(countSms(week)).toMatchObject({ segments: 2 });
    expect(countSms(week).nonGsm).toEqual([]);
  });
});
