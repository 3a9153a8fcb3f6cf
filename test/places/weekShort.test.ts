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

  it('says the same days and hours as the long week', () => {
    const long = weekHours({ horaires: 'Mo-Fr 09:00-12:00,14:00-17:00' }, NOW, 'fr', (k, v) => strings.t('fr', k, v));
    expect(long).toContain('lundi au jeudi : 9 h à 12 h, 14 h à 17 h');
    expect(fr('not hours at all')).toBeUndefined();
  });
});
