/**
 * Sentences that carry their own meaning at a guide's yes/no question (helper nlu24, probe 67): a code not received
 * (src/nlu/codeNotReceived.ts), a negated sentence about something the question does not ask (src/nlu/negatedAside.ts),
 * amounts the stems leave out (src/nlu/amounts.ts), a "no" found only through the sentence's negation (`bare`).
 */
import { amountOf, amountsClash } from '../../src/nlu/amounts';
import { recognizeChoiceHow, type ChoiceOption } from '../../src/nlu/choices';
import { saysCodeNotReceived } from '../../src/nlu/codeNotReceived';
import { saysStuckHow } from '../../src/nlu/dontKnowHow';
import { negatedAside } from '../../src/nlu/negatedAside';
import { plainText } from '../../src/nlu/plainText';

describe('a code that did not come', () => {
  test.each([
    "j'ai pas reçu le code", 'jai pas recu le code', 'le code arrive pas', 'le code arrive toujours pas', 'le code ne vient pas',
    'je reçois pas le code par sms', "j'ai toujours pas eu le code", "je n'ai jamais reçu de code", "ils m'ont pas envoyé le code",
    'g pa resu le code', 'aucun code', 'pas de code', "I didn't get the code", 'the code never arrived', 'i never got the text', 'no code',
  ])('%s', (text) => expect(saysCodeNotReceived(text)).toBe(true));

  test.each([
    "j'ai reçu le code", 'le code est arrivé', 'on me demande le code par sms', "j'ai donné le code", 'le code marche pas',
    "c'est quoi le code", 'je sais plus mon code', 'I got the code', "j'ai pas reçu le mail",
  ])('not this: %s', (text) => expect(saysCodeNotReceived(text)).toBe(false));
});

describe('a negated sentence about something else', () => {
  const test1 = ['Le test dit que vous avez droit ?', 'Faites d\'abord le test gratuit sur caf.fr. Le test dit si vous avez droit à la prime.', 'Oui', 'Non', 'Je travaille à la ferme'];
  test.each(['je gagne pas beaucoup', "j'ai pas beaucoup d'argent", 'jai pas bcp de sous', 'je suis pas riche', "je n'ai pas de chéquier"])(
    'aside: %s',
    (text) => expect(negatedAside(text, test1, 'fr')).toBe(true),
  );
  test.each([
    "j'ai pas droit", 'le test dit que j ai pas droit a la prime', 'non je gagne pas beaucoup', 'je crois pas', "j'ai pas fini",
    'je trouve pas', 'le site dit chèque non valable', 'il me dit erreur pas valable', 'je gagne trop', 'je trouve pas la case',
    "j'ai pas trouvé le bouton", "j'ai pas beaucoup avancé",
  ])('the question\'s no: %s', (text) => expect(negatedAside(text, test1, 'fr')).toBe(false));

  test('a word of the prerequisites, as it sounds, is about the guide', () => {
    expect(negatedAside('g pas d imprimente a la maison', ['C\'est bon ?', 'Une imprimante si on vous demande un papier.'], 'fr')).toBe(false);
  });
});

describe('amounts', () => {
  test('little and much clash', () => {
    expect(amountsClash(amountOf(plainText('je gagne trop')), amountOf(plainText('je gagne peu')))).toBe(true);
    expect(amountsClash(amountOf(plainText('je gagne trop')), amountOf(plainText('je gagne pas beaucoup')))).toBe(true);
    expect(amountsClash(amountOf(plainText('trop de revenus')), amountOf(plainText("j'ai trop de revenus")))).toBe(false);
    expect(amountsClash(amountOf(plainText('je gagne trop')), amountOf(plainText('je gagne')))).toBe(false);
  });

  const options: ChoiceOption[] = [
    { key: '1', label: 'Oui', value: 'next', role: 'yes' },
    { key: '2', label: 'Non', value: 'pas-droit', role: 'no', synonyms: ["j'ai pas droit", 'je gagne trop'] },
  ];
  test("'je gagne peu' is not the 'je gagne trop' phrasing", () => expect(recognizeChoiceHow('je gagne peu', options, 'fr')).toBeUndefined());
  test("'je gagne trop' still is", () => expect(recognizeChoiceHow('je gagne trop', options, 'fr')?.option.value).toBe('pas-droit'));
  test('a no found through the negation alone is bare', () => {
    expect(recognizeChoiceHow('je gagne pas beaucoup', options, 'fr')).toMatchObject({ option: { value: 'pas-droit' }, bare: true });
    expect(recognizeChoiceHow("j'ai pas droit", options, 'fr')?.bare).toBeUndefined();
  });
});

describe('not knowing how, with what it is for', () => {
  test.each(['comment je fais pour mon mot de passe ?', 'comment on fait pour le mdp', 'je sais pas comment faire pour le mot de passe'])(
    '%s',
    (text) => expect(saysStuckHow(text)).toBe(true),
  );
  test('a question about doing something else is not', () => expect(saysStuckHow('comment on fait pour payer en ligne')).toBe(false));
});
