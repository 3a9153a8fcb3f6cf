/** The easy-to-read hints shown while a mediator or a coordinator writes (src/text/falc.ts). */
import { falcHints, sentencesOf } from '../../src/text/falc';

describe('easy-to-read hints', () => {
  test('short sentences, three at most: no hint', () => {
    expect(falcHints("Bonjour, je suis Léa. Je lis votre message. Envoyez-moi une photo de l'écran.")).toEqual({ long: [] });
    expect(falcHints('')).toEqual({ long: [] });
  });

  test('a sentence of more than 15 words is named by its start and its length', () => {
    const long = 'Je vais regarder avec vous ce qui bloque sur le site des impôts dans votre espace personnel aujourd’hui.';
    expect(falcHints(`Bonjour. ${long}`)).toEqual({ long: [{ start: 'Je vais regarder avec vous', words: 18 }] });
    // 15 words exactly is fine.
    expect(falcHints('un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze.').long).toEqual([]);
  });

  test('more than 3 sentences in one message', () => {
    expect(falcHints('Bonjour. Je regarde. Un instant. Merci.')).toEqual({ long: [], tooManySentences: 4 });
  });

  test('a link is one word; a line break ends a sentence', () => {
    expect(sentencesOf('Allez sur https://www.impots.gouv.fr/accueil/un/long/chemin?x=1 puis cliquez.\nC’est tout')).toEqual(['Allez sur lien puis cliquez.', 'C’est tout']);
  });
});
