/**
 * Time ahead in months, for range answers ("Moins de 4 mois", "4 à 6 mois", "Plus de 6 mois").
 */
import { monthRange, monthsAhead, pickByMonths } from '../../src/nlu/durations';

describe('months ahead', () => {
  test.each([
    ['je pars a la retraite dans 2 mois', 2],
    ['dans un an et demi', 18],
    ["d'ici 5 mois", 5],
    ['i retire in 5 months', 5],
    ['in a year and a half', 18],
    ['dans 3 semaines', 3 * 12 / 52],
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
