/**
 * Time ahead in months, for range answers ("Moins de 4 mois", "4 à 6 mois", "Plus de 6 mois").
 */
import { monthRange, monthsAhead, monthsUntilNamed, pickByMonths } from '../../src/nlu/durations';

describe('months ahead', () => {
  test.each([
    ['je pars a la retraite dans 2 mois', 2],
    ['dans un an et demi', 18],
    ["d'ici 5 mois", 5],
    ['i retire in 5 months', 5],
    ['in a year and a half', 18],
    ['dans 3 semaines', 3 * 12 / 52],
    // An approximation says the same time (probe 40).
    ['dans environ trois mois', 3],
    ['in about three months', 3],
    ['dans a peu pres un an', 12],
  ])('%s → %d', (text, months) => expect(monthsAhead(text, 'fr')).toBeCloseTo(months));

  test.each(["j'ai 62 ans", 'depuis 3 mois', 'le 2 mai'])('%s is not a time ahead', (text) => expect(monthsAhead(text, 'fr')).toBeUndefined());
});

describe('range answers', () => {
  const options = [{ label: '4 à 6 mois' }, { label: 'Plus de 6 mois' }, { label: 'Moins de 4 mois' }];
  test('labels read as ranges', () => {
    expect(monthRange('4 à 6 mois')).toEqual({ min: 4, max: 6 });
    expect(monthRange('Less than 4 months')?.max).toBeLessThan(4);
    expect(monthRange('Oui')).toBeUndefined();
  });
  test.each([
    ['je pars dans 2 mois', 'Moins de 4 mois'],
    ['dans 5 mois', '4 à 6 mois'],
    ['dans un an et demi', 'Plus de 6 mois'],
    ['dans 6 mois', '4 à 6 mois'],
  ])('%s → %s', (text, label) => expect(pickByMonths(text, options, 'fr')?.label).toBe(label));
});

describe('a month named, counted from today (27 November 2026, Paris)', () => {
  const now = Date.parse('2026-11-27T10:00:00+01:00');
  const options = [{ label: '4 à 6 mois' }, { label: 'Plus de 6 mois' }, { label: 'Moins de 4 mois' }];
  test.each([
    ['je pars en mars', 'Moins de 4 mois'],
    ['je voudrai partir au mois de mai', '4 à 6 mois'],
    ['en septembre prochain', 'Plus de 6 mois'],
    ["en decembre l'annee prochaine", 'Plus de 6 mois'],
    ['i retire in may', '4 to 6 months'],
    ['en mars 2028', 'Plus de 6 mois'],
    // A day of the month before it (probe 43).
    ['je pars le 1er mars', 'Moins de 4 mois'],
    ['au 15 avril', '4 à 6 mois'],
    ['le premier juin 2027', 'Plus de 6 mois'],
  ])('%s → %s', (text, label) => {
    const en = [{ label: '4 to 6 months' }, { label: 'More than 6 months' }, { label: 'Less than 4 months' }];
    expect(pickByMonths(text, /^i /.test(text) ? en : options, 'fr', now)?.label).toBe(label);
  });
  test.each(['il est decede en mars', 'je suis ne en mars 1964', 'ne le 3 mars 1960', "j'ai achete des barres mars", 'mai', 'i may retire soon'])(
    '%s names no departure month',
    (text) => expect(monthsUntilNamed(text, now)).toBeUndefined(),
  );
  test('without a clock, a month name picks nothing', () => expect(pickByMonths('je pars en mars', options, 'fr')).toBeUndefined());
});
