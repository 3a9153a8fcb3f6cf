/**
 * Session 16 (probe 70): a request for another formality said with a verb of wanting (src/nlu/wantsFormality.ts), a
 * negated sentence at a question whose answers share its word (src/nlu/negatedAnswer.ts), and the negation's reach
 * (`negatedStems`: "don't", "je travaille plus").
 */
import type { ChoiceOption } from '../../src/nlu/choices';
import { negatedAnswer } from '../../src/nlu/negatedAnswer';
import { negatedStems } from '../../src/nlu/optionScore';
import { plainText } from '../../src/nlu/plainText';
import { wantsSomething } from '../../src/nlu/wantsFormality';

describe('wantsSomething', () => {
  it.each([
    "je veux faire ma déclaration d'impôts", 'jveu faire mes impot', "c pour la prime d'activité maintenant", 'je voudrais faire ma carte grise',
    "je dois m'actualiser", 'faut que je fasse ma demande de retraite', 'I want to do my tax return', 'now I need to apply for housing benefit',
  ])('%s', (text) => expect(wantsSomething(plainText(text))).toBe(true));
  it.each(['je touche le rsa', 'je vais en italie en voiture', 'oui', 'i have the cmu', 'je travaille à la ferme'])('not: %s', (text) =>
    expect(wantsSomething(plainText(text))).toBe(false));
});

describe('negatedStems', () => {
  it('reads "don t" as a negation', () => expect(negatedStems("I don't work on a farm", 'en').has('work')).toBe(true));
  it('reads a spoken "plus" after a verb as no longer', () => expect(negatedStems('je travaille plus', 'fr').size).toBeGreaterThan(0));
  it('not "plus de" (more)', () => expect([...negatedStems('je travaille plus de 20 heures', 'fr')].some((s) => s.startsWith('travail'))).toBe(false));
});

describe('negatedAnswer', () => {
  const test: ChoiceOption[] = [
    { key: '1', label: 'Oui', value: 'next', role: 'yes' },
    { key: '2', label: 'Non', value: 'pas-droit', role: 'no' },
    { key: '3', label: 'Je travaille à la ferme', value: 'msa' },
    { key: '4', label: 'Un site me demande de payer', value: 'guide:arnaque' },
    { key: '5', label: 'Je bloque', value: 'handoff', role: 'stuck' },
  ];
  const question = 'Le test dit que vous avez droit ?';
  it.each(['je ne travaille pas', 'je travaille pas', "j'ai pas de travail", 'je travaille plus', 'jtravaille pa', 'je travaille pas à la ferme'])(
    'not the farm: %s',
    (text) => expect(negatedAnswer(text, test, question, 'fr')).toEqual({ kind: 'not', option: test[2] }),
  );
  it.each(["j'ai pas droit", 'je sais pas', "j'ai pas compris", 'je travaille à la ferme'])('nothing of its own: %s', (text) =>
    expect(negatedAnswer(text, test, question, 'fr')?.kind).not.toBe('not'));

  const home: ChoiceOption[] = [
    { key: '1', label: 'Oui', value: 'next', role: 'yes' },
    { key: '2', label: 'Pas encore', value: 'next' },
    { key: '3', label: 'Je bloque', value: 'handoff', role: 'stuck' },
  ];
  it('the "Pas encore" the negation means', () =>
    expect(negatedAnswer("j'y habite pas encore", home, 'Vous habitez déjà le logement ?', 'fr')).toEqual({ kind: 'means', option: home[1] }));
  it('in English', () =>
    expect(negatedAnswer("I don't live there yet", [{ ...home[0], label: 'Yes' }, { ...home[1], label: 'Not yet' }], 'Do you already live there?', 'en')?.kind).toBe('means'));
  it('not what the question does not ask', () =>
    expect(negatedAnswer('jai pas france connect', [home[0], { key: '2', label: "Je n'ai pas de compte", value: 'x' }], 'Vous voyez votre compte ?', 'fr')).toBeUndefined());
});
