/**
 * Session 18 (answers27, probe 102): "ok" only acknowledges where the yes says a fact among other real answers
 * (src/guides/dialogs/shortWord.ts `acknowledgesOnly`), and the question said back is a question (src/nlu/echo.ts).
 */
import type { ChoiceOption } from '../../src/nlu/choices';
import { echoesQuestion } from '../../src/nlu/echo';
import { acknowledgesOnly, agreesOnly } from '../../src/guides/dialogs/shortWord';

const espace: ChoiceOption[] = [
  { key: '1', label: 'Non, je le crée', value: 'next', role: 'no' },
  { key: '2', label: "Oui, j'ai un espace", value: 'connexion-code', role: 'yes' },
  { key: '3', label: 'Avec FranceConnect', value: 'via-franceconnect' },
  { key: '4', label: 'Je ne sais pas', value: 'next' },
  { key: '5', label: 'Un site me demande de payer', value: 'guide:arnaque' },
  { key: '6', label: 'Je bloque', value: 'handoff', role: 'stuck' },
];
const cestBon: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes' },
  { key: '2', label: 'Non', value: 'no', role: 'no' },
  { key: '3', label: 'Je bloque', value: 'handoff', role: 'stuck' },
];
const start: ChoiceOption[] = [
  { key: '1', label: 'Oui, on commence', value: 'next', role: 'yes' },
  { key: '2', label: 'Plus tard', value: 'menu' },
  { key: '3', label: 'Je bloque', value: 'handoff', role: 'stuck' },
];

describe('acknowledgesOnly', () => {
  it.each(['ok', 'OK', "d'accord", 'dac', 'ah ok', 'ok merci', 'okay', 'merci', "ok d'accord"])('at "Vous avez déjà un espace ?": %s', (text) => {
    expect(acknowledgesOnly(text, espace)).toBe(true);
    expect(agreesOnly(text, espace, 'fr')).toBe(true);
  });
  it.each(['oui', 'ouais', '2', "oui j'ai un espace", 'non'])('an answer there: %s', (text) => expect(acknowledgesOnly(text, espace)).toBe(false));
  it.each(['ok', "d'accord"])('still the yes of "C\'est bon ?" and "On commence ?": %s', (text) => {
    expect(acknowledgesOnly(text, cestBon)).toBe(false);
    expect(acknowledgesOnly(text, start)).toBe(false);
  });
});

describe('echoesQuestion', () => {
  it.each([
    ['vous avez tout ?', 'Vous avez tout ?'],
    ["j'ai tout ?", 'Vous avez tout ?'],
    ['jai tout?', 'Vous avez tout ?'],
    ['vous avez deja un espace ?', 'Vous avez déjà un espace sur ce site ?'],
    ["c'est bon ?", "C'est bon ?"],
  ])('%s at %s', (text, question) => expect(echoesQuestion(text, question)).toBe(true));
  it.each([
    ["j'ai tout", 'Vous avez tout ?'],
    ['oui ?', 'Vous avez tout ?'],
    ["c'est payant ?", "C'est bon ?"],
    ['7 ?', 'Votre numéro commence par 7 ou 8 ?'],
    ['je sais pas si j ai tout ?', 'Vous avez tout ?'],
    ['ok ?', "C'est bon ?"],
  ])('not: %s at %s', (text, question) => expect(echoesQuestion(text, question)).toBe(false));
});
