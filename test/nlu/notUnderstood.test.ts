/**
 * "jai pas compris" is never an answer (src/nlu/notUnderstood.ts): not "Non" through its "pas", not the "Oui" of
 * "C'est compris ?" through its "compris". Step words: done already, a hedged yes, "ça bug", "ptet".
 */
import { isDontKnow, recognizeChoice, type ChoiceOption } from '../../src/nlu/choices';
import { saysNotUnderstood } from '../../src/nlu/notUnderstood';

const yesNo: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'yes', role: 'yes', synonyms: ['compris', "c'est compris"] },
  { key: '2', label: 'Non', value: 'no', role: 'no' },
  { key: '3', label: 'Je suis bloqué', value: 'stuck', role: 'stuck' },
];

describe('not understood', () => {
  test.each(['jai pas compris', "j'ai pas bien compris", 'comprends pas', 'g pa compri', 'je capte rien', 'c pas clair', 'toujours pas compris',
    "I don't understand", 'i did not get it', 'jai rien compris'])('"%s" says not understood, and answers nothing', (text) => {
    expect(saysNotUnderstood(text)).toBe(true);
    expect(recognizeChoice(text, yesNo, 'fr')).toBeUndefined();
  });

  test.each(['ok jai compris', "j'ai compris mais ca marche pas", 'sorry i dont understand french, it was stolen', 'je comprends pas le francais',
    'je comprends pas pourquoi le site me demande de payer 30 euros pour un papier gratuit'])('look-alike "%s" is not', (text) => {
    expect(saysNotUnderstood(text)).toBe(false);
  });

  test('an answer that itself says "not understood" keeps its words', () => {
    const own: ChoiceOption[] = [...yesNo, { key: '4', label: "Je n'ai pas compris", value: 'explain' }];
    expect(recognizeChoice('jai pas compris', own, 'fr')?.value).toBe('explain');
  });
});

describe('step words', () => {
  test.each(["je l'ai deja fait", 'c deja fait', 'normalement oui', 'je crois', 'jpense'])('"%s" is yes', (text) => {
    expect(recognizeChoice(text, yesNo, 'fr')?.value).toBe('yes');
  });
  test.each(['sa bug', 'ça bug', 'ecran blanc', 'sa charge pas', 'ca plante'])('"%s" is no (it does not work)', (text) => {
    expect(recognizeChoice(text, yesNo, 'fr')?.value).toBe('no');
  });
  test.each(['ptet', 'pas sur', 'chepa', 'je me rappelle plus'])('"%s" is "I don\'t know", never no', (text) => {
    expect(isDontKnow(text)).toBe(true);
    expect(recognizeChoice(text, yesNo, 'fr')).toBeUndefined();
  });
});
