import { asksWhere, placeByRank, placeQuestion } from '../../src/places/placeQuestions';
import { fold } from '../../src/text/fold';

describe('a place named by its rank in a question (probe 97)', () => {
  it.each([
    ["le premier c'est où exactement", 3, 0],
    ['la deuxième elle ouvre quand ?', 3, 1],
    ['et le troisième ?', 3, 2],
    ['where is the last one?', 3, 2],
    ['la dernière', 2, 1],
    ['the second one please', 3, 1],
    ['la deusieme c ou', 3, 1],
  ])('%s → place %d of %d', (text, shown, index) => {
    expect(placeByRank(fold(text), shown)).toBe(index);
  });

  it.each([
    ['le quatrième', 3],
    ['je veux en premier faire ma déclaration', 3],
    ["c'est la première fois que je viens", 3],
    ['le premier ministre a dit que les impôts allaient baisser cette année pour tout le monde', 3],
  ])('%s names no place on screen', (text, shown) => {
    expect(placeByRank(fold(text), shown)).toBeUndefined();
  });
});

describe('where a place is', () => {
  it.each(["c'est où ?", "l'adresse svp", "comment j'y vais", 'where is it?'])('%s asks where', (text) => {
    expect(asksWhere(fold(text))).toBe(true);
  });
  it.each(['je ne sais pas où est ma carte vitale perdue depuis hier soir au marché', 'merci'])('%s does not', (text) => {
    expect(asksWhere(fold(text))).toBe(false);
  });
  it('an appointment question stays one', () => {
    expect(placeQuestion(fold('il faut prendre rdv ?'))).toBe('appointment');
  });
});
