/**
 * A guide's own answer for a suspicious message or call (src/nlu/situationAnswer.ts) and the "mais je sais pas"
 * clause (src/nlu/butClause.ts), on the options of real guide questions.
 */
import type { ChoiceOption } from '../../src/conversation/choice';
import { situationAnswer } from '../../src/nlu/situationAnswer';
import { answerWithBut, butClause } from '../../src/nlu/butClause';
import { recognizeChoiceHow } from '../../src/nlu/choices';

const voucher: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes', synonyms: ["j'ai le cheque"] },
  { key: '2', label: "Non, je ne l'ai pas", value: 'pas-recu' },
  { key: '3', label: 'Message ou appel suspect', value: 'arnaque', synonyms: ['appel suspect', "on m'a demande ma carte"] },
  { key: '4', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' },
];

describe('the question\'s own answer for a suspicious message or call', () => {
  test.each([
    'on m a appele pour le cheque energie ils veulent mon rib',
    'j ai eu un sms pour activer mon cheque energie avec ma carte bleue',
  ])('%s', (text) => expect(situationAnswer(text, voucher)?.value).toBe('arnaque'));
  test('a plain answer is not a situation', () => expect(situationAnswer("oui j'ai le cheque", voucher)).toBeUndefined());
  test('a question with no such answer leaves it to the general warning', () =>
    expect(situationAnswer('on m a appele ils veulent mon rib', voucher.filter((o) => o.value !== 'arnaque'))).toBeUndefined());
});

const order: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes' },
  { key: '2', label: 'On me demande de payer', value: 'payer', synonyms: ['il faut payer', "ils veulent de l'argent"] },
  { key: '3', label: "Un site m'a fait payer", value: 'paye' },
  { key: '4', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' },
];

describe('the question\'s own answer for money asked (not for money already paid)', () => {
  test.each(['ils me demandent des sous pour la commander', "on me demande de l'argent pour l'envoyer"])('%s', (text) =>
    expect(situationAnswer(text, order)?.value).toBe('payer'));
  test('no answer for money asked: left to the general check', () =>
    expect(situationAnswer('ils me demandent des sous pour la commander', order.filter((o) => o.value !== 'payer'))).toBeUndefined());
});

const papers: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes', synonyms: ["j'ai les papiers"] },
  { key: '2', label: "Pas d'acte de décès", value: 'acte-deces' },
  { key: '3', label: 'Je ne sais pas scanner', value: 'scan', synonyms: ['je sais pas scanner'] },
  { key: '4', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' },
];
const recognize = (t: string) => recognizeChoiceHow(t, papers, 'fr');

describe('"X mais je sais pas …" is not a plain yes', () => {
  test('the clause after the but', () => expect(butClause("j'ai les papiers mais je sais pas scanner")).toBe('je sais pas scanner'));
  test('a but with nothing denied is no clause', () => expect(butClause("j'ai les papiers mais vite")).toBeUndefined());
  test('the clause answers', () => expect(answerWithBut("j'ai les papiers mais je sais pas scanner", recognize)?.option.value).toBe('scan'));
  test('a yes before a denied clause is dropped', () => expect(answerWithBut("j'ai les papiers mais ca marche pas chez moi", recognize)).toBeUndefined());
  test('a yes with no but stays a yes', () => expect(answerWithBut("j'ai les papiers", recognize)?.option.value).toBe('next'));
});
