import { elide } from '../../src/i18n/elision';

const put = (before: string, value: string) => {
  const e = elide(before, value);
  return e.before + e.value;
};

describe('French elision of a value put into a sentence', () => {
  it.each([
    ['près de ', 'Amiens (80000)', "près d'Amiens (80000)"],
    ['près de ', 'Orléans', "près d'Orléans"],
    ['près de ', 'Hendaye', "près d'Hendaye"],
    ['près de ', 'Haguenau', 'près de Haguenau'],
    ['près de ', 'Le Havre', 'près du Havre'],
    ['près de ', 'Les Abymes', 'près des Abymes'],
    ['près de ', 'La Rochelle', 'près de La Rochelle'],
    ['près de ', 'Guéret', 'près de Guéret'],
    ['Pas besoin de ', 'une photo', "Pas besoin d'une photo"],
    ['un numéro de ', '1', 'un numéro de 1'],
    ['Le ', 'Amiens', 'Le Amiens'],
  ])('%s + %s', (before, value, expected) => expect(put(before, value)).toBe(expected));
});
