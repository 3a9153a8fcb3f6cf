/**
 * Session 17 (probes 76, 77): a correction with or without a formality named (src/nlu/correction.ts), a button not
 * found (src/nlu/buttonNotFound.ts), putting it off (`laterSaid`, src/nlu/pause.ts), RÉPÈTE asked politely
 * (src/conversation/commands.ts), a question or remark the answers do not take (src/text/openQuestion.ts).
 */
import { recognizeCommand } from '../../src/conversation/commands';
import { saysButtonNotFound } from '../../src/nlu/buttonNotFound';
import { laterSaid, waitAsked } from '../../src/nlu/pause';
import { saysNotUnderstood } from '../../src/nlu/notUnderstood';
import { detectSignals, plainText } from '../../src/nlu/signals';
import { asksOrTells } from '../../src/text/openQuestion';

describe('a correction', () => {
  const correction = (text: string) => detectSignals(text).find((s) => s.kind === 'correction');
  it.each([
    ["non pas ça, c'est pour la caf", 'la caf'],
    ["je me suis trompé c'est pour ma carte vitale", 'ma carte vitale'],
  ])('%s names %s', (text, subject) => expect(correction(text)?.subject).toBe(subject));
  it.each(["non c'était pas ça", 'nan c pas ça', "je me suis trompée c'est pas ça que je veux", "no that's not it", 'mauvais choix'])(
    'names nothing: %s',
    (text) => {
      expect(correction(text)).toBeDefined();
      expect(correction(text)?.subject).toBeUndefined();
    },
  );
  it.each(['non', 'pas encore', "c'est pas grave", 'erreur', 'le site dit erreur'])('no bare correction: %s', (text) =>
    expect(correction(text)?.subject ?? (correction(text) ? 'bare' : undefined)).not.toBe('bare'));
});

describe('saysButtonNotFound', () => {
  it.each(['je trouve pa le bouton', 'je vois pas où cliquer', 'y a pas le bouton', 'il est où le lien ?', 'je sais pas ou appuyer', "I can't find the button", 'where do I click?'])(
    '%s',
    (text) => expect(saysButtonNotFound(text)).toBe(true),
  );
  it.each(['je trouve pas mon numéro fiscal', 'oui', "j'ai cliqué", 'le bouton marche'])('not: %s', (text) => expect(saysButtonNotFound(text)).toBe(false));
});

describe('laterSaid', () => {
  it.each(['je peux faire ça demain ?', "ma fille va m'aider ce soir", 'je le ferai plus tard', 'on verra demain', 'can I do it tomorrow?', 'my son will help me'])(
    '%s',
    (text) => expect(laterSaid(plainText(text))).toBe(true),
  );
  it.each(['je reviens', 'rappelle-moi le 28', 'demain', "je suis allée à la mairie"])('not: %s', (text) => expect(laterSaid(plainText(text))).toBe(false));
});

describe('at a step', () => {
  it('a wait for what is not at hand', () => expect(waitAsked(plainText('attendez jai pas mes lunette'))).toBe('strong'));
  it.each(['vous pouvez repeter', 'vous pouvez répéter ?', 'tu peu redire stp', "pouvez-vous répéter s'il vous plaît", 'could you repeat please'])('RÉPÈTE: %s', (text) =>
    expect(recognizeCommand(text)).toBe('repeat'));
  it.each(['je veux répéter ma demande', 'retour'])('not RÉPÈTE: %s', (text) => expect(recognizeCommand(text)).not.toBe('repeat'));
  it('"moi pas comprendre" is not understood', () => expect(saysNotUnderstood('moi pas comprendre')).toBe(true));
  it('"trop compliquer" is a feeling', () => expect(detectSignals('ses trop compliquer pour moi').some((s) => s.kind === 'distress')).toBe(true));
  it.each(['le rdv en mairie c obligatoire?', 'jsuis en colocation ca compte ?', 'je met quoi dans salaire', 'le site est en anglais', "ya une pub qui s'affiche", 'the website is in german??'])(
    'asks or tells: %s',
    (text) => expect(asksOrTells(text)).toBe(true),
  );
  it.each(['oui', 'hein', 'euh attendez', 'bof bof'])('not: %s', (text) => expect(asksOrTells(text)).toBe(false));
});
