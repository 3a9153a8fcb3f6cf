/**
 * "C'est quand ?" asked inside a guide bound to dates, in the citizen's spelling (src/nlu/whenAsk.ts).
 */
import { asksWhen } from '../../src/nlu/whenAsk';

describe('asksWhen', () => {
  it.each([
    'c quand deja', "c'est quand ?", 'cé quand', "jusqu'a quand ?", 'à partir de quand', 'quelle date', 'la date limite',
    "c'est encore ouvert ?", 'il est encore temps ?', 'c trop tard ?', 'quand est ce que ça ouvre', 'quand dois je le faire',
    "c'est quand qu'on peut declarer ?", 'when is the deadline?', 'until when', 'is it too late?', 'when can i do it',
  ])('%s', (text) => {
    expect(asksWhen(text)).toBe(true);
  });

  it.each([
    'quand je clique ça marche pas', 'quand je vais sur le site il y a une erreur', 'oui', 'c long ?', 'c combien',
    "j'ai pas le temps", 'when i click nothing happens', 'je suis bloqué',
  ])('not: %s', (text) => {
    expect(asksWhen(text)).toBe(false);
  });
});
