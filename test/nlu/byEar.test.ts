/**
 * Names of formalities written by ear (src/nlu/phonetic.ts `spelledByEar`) and guides that need their subject named
 * (src/nlu/routeGuards.ts): what the router reads before it scores (task nlu12a).
 */
import { spelledByEar } from '../../src/nlu/phonetic';
import { ruledOut } from '../../src/nlu/routeGuards';

describe('formality names spelled by ear', () => {
  test.each([
    ['jveu declaré mé impo', 'jveu declaré mé impots'],
    ["c'est pour l'impo", "c'est pour l'impots"],
    ['la kaf', 'la caf'],
    ['ma karte vitalle', 'ma carte vitale'],
    ['refaire mon pasepor', 'refaire mon passeport'],
    ['mon aktualisasion', 'mon actualisation'],
  ])('%s', (text, read) => expect(spelledByEar(text)).toBe(read));

  test.each(['je m appelle amelie', 'my passport', 'imposer', 'la carte vitale'])('left as written: %s', (text) => expect(spelledByEar(text)).toBe(text));
});

describe('a survivor pension needs a death, a survivor or a spouse named', () => {
  test.each(['je suis perdu dans mes papiers de retraite', 'mes papiers de retraite', 'je suis paumée avec ma retraite'])('ruled out: %s', (text) =>
    expect(ruledOut(text, ['retraite-reversion', 'retraite-demande'])).toEqual(new Set(['retraite-reversion'])));
  test.each([
    'la retraite de mon mari', 'je suis veuve', 'pension de reversion', 'mon pere est decede', 'ma femme nous a quittes', 'my husband died', 'survivor pension',
  ])('kept: %s', (text) => expect(ruledOut(text, ['retraite-reversion']).size).toBe(0));
});
