/**
 * "None of these" at a list of guesses or at the menu, whatever the spelling (src/nlu/noneOfThese.ts).
 */
import { saysNoneOfThese } from '../../src/nlu/noneOfThese';

describe('saysNoneOfThese', () => {
  it.each([
    'aucun', 'aucune', 'Aucune des trois.', 'aucun de ceux la', 'ben non aucune de celles-là', 'rien de tout ça', 'rien de tout sa',
    "ni l'un ni l'autre", "non c'est pas ça", 'nan cest pa sa', 'c pa sa', 'cé pa ça', 'se pa sa', 'non pas ça', 'pas ça du tout',
    'non c pa sa ke je veu', "c'est pas ce que je cherche", 'autre chose', "c'est autre chose", 'non merci', 'euh non',
    'none of them', 'None of these', 'nope not that', 'none of those lol', 'neither', 'something else', 'not what i want',
    'pas du tout', 'c pas dans la liste', 'y a pas ce que je veux', 'aucun de ces choix', 'c rien de tout ca', 'ni lun ni lotre',
    "its not on the list", 'none of them fit', 'c pas dedans',
  ])('%s', (text) => {
    expect(saysNoneOfThese(text)).toBe(true);
  });

  it.each([
    "c'est pas ça mon problème, c'est la caf", 'pas ça, je veux le passeport', 'sa carte grise', 'aucun site ne marche',
    "j'ai rien reçu", 'je sais pas', 'oui', 'le 2', 'carte grise', 'pas de code', 'rien', 'not yet', 'ces papiers la',
    "y a pas de bouton", 'pas dans ma boite',
  ])('not: %s', (text) => {
    expect(saysNoneOfThese(text)).toBe(false);
  });

  it('at a guide question, only what names the answers themselves', () => {
    for (const t of ['rien de tout ça', 'aucune de ces réponses', "ni l'un ni l'autre", 'c pas dans la liste', 'none of these'])
      expect(saysNoneOfThese(t, { bareNo: false, aboutTheList: true })).toBe(true);
    for (const t of ['aucun', 'non aucune', 'pas du tout', "c'est pas ça", 'neither', 'non'])
      expect(saysNoneOfThese(t, { bareNo: false, aboutTheList: true })).toBe(false);
  });

  it('a bare no counts only where asked', () => {
    expect(saysNoneOfThese('nan')).toBe(true);
    expect(saysNoneOfThese('non', { bareNo: false })).toBe(false);
    expect(saysNoneOfThese('nan c pa sa', { bareNo: false })).toBe(true);
  });
});
