/**
 * Answers partly in other words (src/nlu/optionScore.ts through recognizePartialAnswer): part of one answer's
 * phrasing, weighted by how much the words point to that answer; a clear lead, or the question is asked again.
 */
import { recognizePartialAnswer, type ChoiceOption } from '../../src/nlu/choices';
import { whatisAnywhere } from '../../src/nlu/whatisAnywhere';
import { detectSignals } from '../../src/nlu/signals';

const stuck: ChoiceOption = { key: '9', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' };
const papers: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes', synonyms: ["j'ai tout", 'je les ai'] },
  { key: '2', label: "Pas d'acte de décès", value: 'acte', synonyms: ['acte de décès', 'certificat de décès', "je n'ai pas le papier du décès"] },
  { key: '3', label: 'Je ne sais pas scanner', value: 'scan', synonyms: ['scanner', 'comment faire la photo'] },
  stuck,
];
const code: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes' },
  { key: '2', label: 'Pas de code', value: 'code', synonyms: ['le code arrive pas', 'code pas reçu', 'aucun code', "j'attends le code"] },
  { key: '3', label: 'Mot de passe oublié', value: 'mdp', synonyms: ['mdp oublié', 'code oublié'] },
  stuck,
];
const link: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes' },
  { key: '2', label: "Pas d'e-mail", value: 'mail', synonyms: ['rien reçu'] },
  { key: '3', label: 'Lien trop vieux', value: 'old', synonyms: ['le lien a expiré', 'lien périmé'] },
  stuck,
];
const pick = (text: string, options: ChoiceOption[]) => recognizePartialAnswer(text, options, 'fr');

describe('recognizePartialAnswer', () => {
  test('an answer that says something is missing takes its name in a negated message', () => {
    expect(pick('jai pas le certificat de deces', papers)?.option.value).toBe('acte');
  });

  test('a word most phrasings of one answer use points to it, even when another answer uses it once', () => {
    expect(pick('le code il arrive jamais', code)?.option.value).toBe('code');
  });

  test('spelling tolerance on long words', () => {
    expect(pick('mon lien est perrimé', link)?.option.value).toBe('old');
  });

  test('one telling word is vague (what else the message says may come first); two are loose', () => {
    expect(pick('le code il arrive jamais', code)?.how).toBe('vague');
    expect(pick('jai pas le certificat de deces', papers)?.how).toBe('loose');
  });

  test('nothing that tells one answer from the others, or "je ne sais pas": no answer', () => {
    expect(pick('bonjour madame', papers)).toBeUndefined();
    const twoCodes: ChoiceOption[] = [code[0], { key: '2', label: 'Code reçu', value: 'got' }, { key: '3', label: 'Code refusé', value: 'refused' }, stuck];
    expect(pick('le code', twoCodes)).toBeUndefined();
    expect(pick('je sais pas', papers)).toBeUndefined();
  });

  test('an affirmative phrasing whose words the message denies is not what it says', () => {
    const lost: ChoiceOption[] = [
      { key: '1', label: 'Perdue', value: 'lost', synonyms: ['je l ai perdue dans le bus'] },
      { key: '2', label: 'Volée', value: 'stolen', synonyms: ['on me l a volée dans le bus'] },
    ];
    expect(pick('je l ai pas perdue dans le bus', lost)?.option.value).not.toBe('lost');
  });
});

describe('"c\'est quoi" said anywhere in the message', () => {
  test.each([
    ['bonjour on ma parler de la reversion c est quoi ce truc', 'reversion'],
    ['un timbre fiscal ca ressemble a quoi', 'timbre fiscal'],
    ['la complementaire sante solidaire c quoi sa', 'complementaire sante solidaire'],
    ['l aah c pour qui', 'aah'],
  ])('%s → %s', (text, subject) => {
    expect(whatisAnywhere(text)).toBe(subject);
  });

  test('no question phrase, or a subject too long to be one: nothing', () => {
    expect(whatisAnywhere('je veux faire ma declaration')).toBeUndefined();
    expect(whatisAnywhere('mon mari est mort l an dernier et sa caisse de retraite me dit un truc c est quoi')).toBeUndefined();
  });

  test('the signal is found for a dictated lead-in the patterns read as a too long subject', () => {
    const found = detectSignals('bonjour on ma parler de la reversion c est quoi ce truc').find((s) => s.kind === 'whatis');
    expect(found?.subject).toBe('reversion');
  });
});
