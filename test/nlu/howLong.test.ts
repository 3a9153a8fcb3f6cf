/**
 * "C'est long ?" asked inside a guide, in the citizen's spelling (src/nlu/howLong.ts).
 */
import { asksHowLong } from '../../src/nlu/howLong';

describe('asksHowLong', () => {
  it.each([
    'c long ?', "c'est long ?", 'cé long', 'ça prend combien de temps', 'sa prend longtemps ?', 'combien de temps ça dure',
    'y en a pour longtemps ?', 'on en a pour combien', "il reste beaucoup d'étapes ?", 'quel est le délai', 'le delai ?',
    'en combien de temps', 'quand je vais le recevoir', "c'est encore long ?",
    'how long does it take', 'is it long?', 'how many steps', 'when will i get it',
  ])('%s', (text) => {
    expect(asksHowLong(text)).toBe(true);
  });

  it.each([
    "ça fait longtemps que j'essaie", "j'attends depuis longtemps", "j'ai pas le temps", 'oui', 'je suis bloqué',
    'c combien', 'dans 3 mois', "ça fait des heures que j'attends", 'i have been trying for ages', 'long story',
  ])('not: %s', (text) => {
    expect(asksHowLong(text)).toBe(false);
  });
});
