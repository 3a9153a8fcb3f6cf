/**
 * Probes 28–30 (task nlu13a), at the level of the signals (src/nlu/signals.ts and its pattern modules): a person in
 * more words, scams by their story, a flat battery, a phone that will do, feelings in their everyday words — and the
 * look-alikes that must stay answers.
 */
import { detectSignals } from '../../src/nlu/signals';

const kinds = (text: string) => detectSignals(text).map((s) => s.kind);
const wait = (text: string) => detectSignals(text).find((s) => s.kind === 'wait');

describe('a person, in more words', () => {
  test.each([
    'je prefere une vrai voix au bout du telephone', 'y a personne en vrai pour m aider ?', 'moi francais pas bon, quelqu un parle arabe ?',
    'il y a quelqu un qui pourrait me repondre', 'une conseillere qui parle espagnol svp',
  ])('%s', (text) => expect(kinds(text)).toContain('person'));
  test.each(['je vais les appeler moi meme', 'je vais appeler moi-même le 3949', 'lire a voix haute', 'y a personne qui repond au 3949'])(
    'no person: %s', (text) => expect(kinds(text)).not.toContain('person'));
});

describe('scams by their story', () => {
  test.each([
    'texto ameli ma carte vital est plus valide faut commander la nouvelle 7,90 e',
    'sms ants vous avez perdu des points regularisez votre permis pour 45€ ici',
    'un mail bizar de l assurance retraite me dit de confirmé mes info bancaire sinon ma pension est suspendu',
    'on me demande 1,99 pour livrer un colis que j ai pas commandé c normal',
    'mon fils m ecrit d un nouveau numero il a perdu son tel et il veut que je lui vire 500 euros',
    'quelqu un de la caf veut que je lui donne mon code france connect pour debloquer mes aides',
  ])('%s', (text) => expect(kinds(text)).toContain('scam'));
  test.each(['j ai bien recu le code par sms', 'j ai recu le code par mail', "j'attends toujours le code par sms"])(
    'a code received is no scam: %s', (text) => expect(kinds(text)).not.toContain('scam'));
});

describe('a flat battery is a pause; a phone in use needs no computer', () => {
  test.each(['jai plus de batterie je recharge et je reviens', 'mon telephone est mort je le recharge', 'batterie faible', 'low battery, charging my phone'])(
    '%s', (text) => {
      expect(wait(text)?.subject).toBe('battery');
      expect(kinds(text)).not.toContain('no-computer');
      expect(kinds(text)).not.toContain('bereavement');
    });
  test.each(['je dois recharger ma carte pcs', 'il faut recharger mon compte'])('no battery: %s', (text) => expect(wait(text)?.subject).not.toBe('battery'));
  test('mon ordinateur est mort, je fais tout sur mon telephone', () => {
    const k = kinds('mon ordinateur est mort, je fais tout sur mon telephone maintenant');
    expect(k).toContain('own-phone');
    expect(k).not.toContain('no-computer');
  });
  test('a dead computer alone still needs one', () => expect(kinds('mon ordi est mort')).toContain('no-computer'));
  test.each(["j'ai que mon telephone", "je n'ai qu'un portable", "jai pas d'ordi juste mon portable", 'i only have a phone'])(
    'only a phone, it will do: %s', (text) => {
      const k = kinds(text);
      expect(k).toContain('own-phone');
      expect(k).not.toContain('no-computer');
    });
  test.each(['est ce que mon telephone marche pour ca', "je n'ai pas de smartphone"])('not "only a phone": %s', (text) =>
    expect(kinds(text)).not.toContain('own-phone'));
});

describe('feelings in everyday words', () => {
  test.each(['je sais pas utiliser internet', 'g rien compri a ce que vous dite', 'je suis creuvée', "i can't use a computer"])(
    '%s', (text) => expect(kinds(text)).toContain('distress'));
  test('"je ferai ça un autre jour" is a goodbye', () => expect(kinds('je suis creuvée je ferai sa un autre jour')).toContain('bye'));
  test('"j\'ai rien compris à la lettre" is about the letter', () => expect(kinds("j'ai pas compris la lettre")).not.toContain('distress'));
});

describe("a relative's papers, none named", () => {
  test.each(['ma mère est partie en maison de retraite, je fais ses papiers', 'je m occupe des papiers de ma mere', 'je dois gerer toutes leurs demarches'])(
    '%s', (text) => expect(detectSignals(text).map((s) => s.kind)).toContain('for-relative'));
  test.each(['je fais ses courses', 'je fais mes papiers', 'je dois faire sa declaration'])('not: %s', (text) =>
    expect(detectSignals(text).map((s) => s.kind)).not.toContain('for-relative'));
});

describe('more stories', () => {
  test.each(['on me demande de scanner un qr code pour payer une amende sur mon pare brise', 'recu un mail de france connect votre compte va etre supprimé cliquez ici'])(
    'scam: %s', (text) => expect(detectSignals(text).map((s) => s.kind)).toContain('scam'));
  test.each(['je dois scanner un qr code pour la photo', 'je veux supprimer mon compte'])('no scam: %s', (text) =>
    expect(detectSignals(text).map((s) => s.kind)).not.toContain('scam'));
  test('"je peux vous appeler ?" asks for a person', () => expect(detectSignals('je peux vous appeler ?').map((s) => s.kind)).toContain('person'));
});

describe('a little French; a code to read out to a caller', () => {
  test.each(['je parle pas bien francais', 'moi francais pas bon', 'i speak little french'])('%s', (text) =>
    expect(detectSignals(text).map((s) => s.kind)).toContain('little-french'));
  test('"un gars de la banque me dit de lui lire le code"', () =>
    expect(detectSignals('un gars de la banque me dit de lui lire le code que je viens de recevoir').map((s) => s.kind)).toContain('scam'));
});
