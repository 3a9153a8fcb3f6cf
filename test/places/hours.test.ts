/** Opening hours as the sources write them → OSM opening_hours; text kept when not understood. */
import { convertDayFields, convertHours } from '../../src/places/import/hours';

describe('free-text hours → OSM', () => {
  test.each([
    ['Du lundi au vendredi de 9h00 a 12h30 et de 13h30 a 17h00', 'Mo-Fr 09:00-12:30,13:30-17:00'],
    ['Lundi : 14h - 16h\nMardi au vendredi : 9h - 12h / 14h - 16h', 'Mo 14:00-16:00; Tu-Fr 09:00-12:00,14:00-16:00'],
    ['8h/12h15 et 13h15/17h du lundi au vendredi', 'Mo-Fr 08:00-12:15,13:15-17:00'],
    ['mercredi de 14 à 18h', 'We 14:00-18:00'],
    ['MERCREDI 17h - 19h', 'We 17:00-19:00'],
    ['Le mardi de 14h00 à 18h00, les mercredi et samedi de 10h00 à 12h00 et de 14h00 à 18h00, le vendredi de 14h00 à 19h30', 'Tu 14:00-18:00; We,Sa 10:00-12:00,14:00-18:00; Fr 14:00-19:30'],
    ['Lundi : 9 h à 12 h et de 13 h à 17 h.  Mardi : 9 h à 12 h et de 13 h à 17 h.', 'Mo,Tu 09:00-12:00,13:00-17:00'],
    ['Mo-Fr 09:00-12:00,13:30-17:30', 'Mo-Fr 09:00-12:00,13:30-17:30'],
    ['Lundi au vendredi 9h-12h et 14h-17h; samedi 9h-12h; dimanche fermé', 'Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00'],
  ])('%j', (text, osm) => {
    expect(convertHours(text)).toEqual({ horaires: osm });
  });

  test.each([
    'samedi APRÈS-MIDI Tous Les 15 jours de 14H à 16h',
    "Horaires d'ouverture : 8h-12h 13h-17h sauf le vendredi 8h-12h 13h-16h30",
    'Lundi - samedi',
    '9h00/12h00 - 14h00/17h00',
    'en fonction des actions',
    'fermé le lundi',
  ])('kept as text: %j', (text) => {
    expect(convertHours(text)).toEqual({ horairesText: text });
  });

  test('times only: the days given by the source (Hub-Lo c_jours_semaine) are used', () => {
    expect(convertHours('9h-12h / 14h-18h', [1, 2])).toEqual({ horaires: 'Tu,We 09:00-12:00,14:00-18:00' });
    expect(convertHours('9h-12h / 14h-18h')).toEqual({ horairesText: '9h-12h / 14h-18h' });
  });

  test('France Services day fields, duplicates and empty slots of the form removed, public holidays off', () => {
    expect(convertDayFields(['09:45 - 12:00 / 09:45 - 12:00 / 13:45 - 15:30', '00:00 - 00:00 / 14:00 - 17:30', '', '', '', '', ''], '; PH off')).toEqual({
      horaires: 'Mo 09:45-12:00,13:45-15:30; Tu 14:00-17:30; PH off',
    });
    expect(convertDayFields(['Sur rendez-vous', '', '', '', '', '', ''])).toEqual({ horairesText: 'Lundi : Sur rendez-vous' });
    expect(convertDayFields(['', '', '', '', '', '', ''])).toEqual({});
  });
});
