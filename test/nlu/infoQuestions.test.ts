/** What a message asks about a fact with no guide of ours (src/nlu/infoQuestions.ts, session 18). */
import { infoQuestions } from '../../src/nlu/infoQuestions';
import { bareWait, waitAsked } from '../../src/nlu/pause';
import { plainText } from '../../src/nlu/plainText';

const asks = (text: string) => [...infoQuestions(plainText(text))].sort();

describe('infoQuestions', () => {
  it.each([
    ['ma retraite arrive quand', ['payday']],
    ['quand est versée ma retraite', ['payday']],
    ['c quoi la date de paiement de ma pension', ['payday']],
    ['when is my pension paid', ['payday']],
    ['ma pension a pas été payée', ['unpaid']],
    ["j'ai rendez-vous à la caf je dois apporter quoi", ['bring']],
    ["rdv france travail qu'est ce que j'amène", ['bring']],
    ['what should i bring to my caf appointment', ['bring']],
    ['comment on paye la cantine en ligne', ['pay']],
    ['je dois inscrire ma fille a la cantine', ['pay']],
    ['how do i pay for the school canteen', ['pay']],
    ['je veux faire ma demande de rsa', ['apply']],
    ["j'ai droit au rsa ?", ['apply']],
    ['le rsa tombe quand', ['payday']],
  ])('%s → %j', (text, expected) => expect(asks(text)).toEqual(expected));

  it.each([
    'je veux demander ma retraite',
    'quand est ce que je peux partir a la retraite',
    'ma pension alimentaire a pas été payée',
    "j'ai rendez-vous à la caf demain",
    'je travaille a la cantine',
    "je touche le rsa est ce que j'ai droit a la prime d'activite",
  ])('%s asks none', (text) => expect(asks(text)).toEqual([]));
});

describe('"attendez" alone is a wait (probe 90)', () => {
  it.each(['attendez', 'attendez svp', 'oui attendez madame', 'attendez attendez'])('%s', (text) => {
    expect(waitAsked(plainText(text))).toBe('strong');
    expect(bareWait(plainText(text))).toBe(true);
  });
  it('a wait with a reason is no bare wait', () => expect(bareWait(plainText('attendez je cherche mes papiers'))).toBe(false));
  it.each(['attends', 'euh attendez', 'ben attends'])('%s stays a hesitation', (text) => expect(waitAsked(plainText(text))).toBeUndefined());
});
