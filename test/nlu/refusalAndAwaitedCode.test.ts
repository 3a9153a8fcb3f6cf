/**
 * A refusal said with a negated verb ("il veu pa de mon iban") still names the thing refused; a code the citizen
 * waits for ("il me demande un code mais g rien reçu") is not a scam, unless someone called for it.
 */
import { recognizeChoice, type ChoiceOption } from '../../src/nlu/choices';
import { refusalSaid } from '../../src/nlu/refusal';
import { detectSignals } from '../../src/nlu/signals';

const rib: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'yes', role: 'yes', synonyms: ['rib accepte', 'iban accepte', 'accepte'] },
  { key: '2', label: 'Non, RIB refusé', value: 'no', synonyms: ['rib refuse', 'iban refuse', 'il refuse mon rib'] },
  { key: '3', label: 'Je suis bloqué', value: 'stuck', role: 'stuck' },
];

describe('a refusal said with a negated verb', () => {
  test.each(['il veu pa de mon iban', 'le site prend pas mon iban', "il n'accepte pas mon RIB"])('%s is the refused answer', (text) => {
    expect(recognizeChoice(text, rib, 'fr')?.key).toBe('2');
  });
  test('a sentence with no refusal is left as it is', () => {
    expect(refusalSaid("j'ai pas de rib")).toBeUndefined();
  });
});

describe('a code awaited', () => {
  const scam = (text: string) => detectSignals(text).some((s) => s.kind === 'scam');
  test.each(['il me demande un code mais g rien recu', 'le site veut un code mais il arrive jamais', 'it asks for a code but i never got the text'])(
    '%s is no scam',
    (text) => expect(scam(text)).toBe(false),
  );
  test.each(['un monsieur m a appele il veut le code que j ai pas recu', 'on me demande mon code par sms'])('%s is still a scam', (text) => {
    expect(scam(text)).toBe(true);
  });
});
