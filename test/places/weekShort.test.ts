/** A place's week of hours written short for SMS (src/places/week.ts): Monday first, days with the same hours together. */
import { Strings } from '../../src/i18n/strings';
import { LOCALES_DIR } from '../../src/paths';
import { weekHours, weekHoursShort } from '../../src/places/week';

const strings = Strings.load(LOCALES_DIR);
// Friday 27 November 2026, 10:00 in Paris (the test clock): no public holiday in the next seven days.
const NOW = new Date('2026-11-27T09:00:00Z');
const fr = (horaires: string) => weekHoursShort({ horaires }, NOW, 'fr', (k, v) => strings.t('fr', k, v));
const en = (horaires: string) => weekHoursShort({ horaires }, NOW, 'en', (k, v) => strings.t('en', k, v));

describe('a week of hours, short', () => {
  it('groups days in a row with the same hours, Monday first, as on a door', () => {
    expect(fr('Mo-Fr 09:00-12:00,14:00-17:00')).toBe('Horaires :\nLun-Ven 9h-12h, 14h-17h\nSam-Dim fermé');
    expect(fr('Mo 14:30-16:30; Tu-Fr 09:00-12:00,14:30-16:30')).toBe('Horaires :\nLun 14h30-16h30\nMar-Ven 9h-12h, 14h30-16h30\nSam-Dim fermé');
    expect(fr('Tu,Th 09:00-12:00; Sa 20:00-24:00')).toBe('Horaires :\nLun fermé\nMar 9h-12h\nMer fermé\nJeu 9h-12h\nVen fermé\nSam 20h-minuit\nDim fermé');
    expect(en('Mo-Fr 09:00-12:30')).toBe('Opening hours:\nMon-Fri 9:00-12:30\nSat-Sun closed');
  });

  it('a week with a public holiday is the coming seven days from today, the holiday closed that day only', () => {
    const short = (iso: string) => weekHoursShort({ horaires: 'Mo-Fr 09:00-12:00; PH off' }, new Date(iso), 'fr', (k, v) => strings.t('fr', k, v));
    // Monday 11 May 2026: Thursday the 14th is Ascension Day.
    expect(short('2026-05-11T08:00:00Z')).toBe('7 prochains jours :\nLun-Mer 9h-12h\nJeu fermé\nVen 9h-12h\nSam-Dim fermé');
    // Monday 21 December 2026: Christmas, then New Year's Day, on a Friday both weeks; from a Wednesday, today first.
    expect(short('2026-12-21T08:00:00Z')).toBe('7 prochains jours :\nLun-Jeu 9h-12h\nVen-Dim fermé');
    expect(short('2026-12-23T08:00:00Z')).toBe('7 prochains jours :\nMer-Jeu 9h-12h\nVen-Dim fermé\nLun-Mar 9h-12h');
  });

  it('says the same days and hours as the long week', () => {
    const long = weekHours({ horaires: 'Mo-Fr 09:00-12:00,14:00-17:00' }, NOW, 'fr', (k, v) => strings.t('fr', k, v));
    expect(long).toContain('lundi au jeudi : 9 h à 12 h, 14 h à 17 h');
    expect(fr('not hours at all')).toBeUndefined();
  });
});
