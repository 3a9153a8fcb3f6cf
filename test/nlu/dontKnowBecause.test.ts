/**
 * "jsp c'est ma fille qui fait tout ça": "I don't know" and who does it instead is the question's "Je ne sais pas".
 */
import { recognizeChoice, type ChoiceOption } from '../../src/nlu/choices';

const accounts: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'yes', role: 'yes' },
  { key: '2', label: 'Je ne sais pas', value: 'dont-know' },
  { key: '3', label: 'Non, aucun compte', value: 'none' },
  { key: '4', label: 'Je suis bloqué', value: 'stuck', role: 'stuck' },
];
const yesNo: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'yes', role: 'yes' },
  { key: '2', label: 'Non', value: 'no', role: 'no' },
];

describe('"I don\'t know, someone else does it"', () => {
  test.each(['jsp c ma fille qui fait tout ca', 'je sais pas, c’est mon fils qui s’en occupe', 'aucune idée ma fille s occupe de tout'])(
    '"%s" is "Je ne sais pas"',
    (text) => {
      expect(recognizeChoice(text, accounts, 'fr')?.value).toBe('dont-know');
    },
  );

  test.each(['je sais pas si ma fille a un compte', 'je sais pas ou est ma fille'])('look-alike "%s" is not taken as "Je ne sais pas" by this rule', (text) => {
    expect(recognizeChoice(text, accounts, 'fr')?.value).not.toBe('yes');
  });

  test('without a "Je ne sais pas" answer, it is never a yes', () => {
    expect(recognizeChoice('jsp c ma fille qui fait tout ca', yesNo, 'fr')?.value).not.toBe('yes');
  });
});
