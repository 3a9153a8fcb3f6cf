/**
 * "C'est quoi X ?" written the way people write it (src/nlu/whatisPatterns.ts, src/nlu/whatisAnywhere.ts):
 * phonetic and SMS forms, English slips, and the words around the subject that say nothing about it.
 */
import { detectSignals } from '../../src/nlu/signals';
import { bareSubject } from '../../src/nlu/whatisAnywhere';

const asked = (text: string) => detectSignals(text).find((s) => s.kind === 'whatis')?.subject;

describe('the subject of a "c\'est quoi" question', () => {
  test.each([
    ['ameli cé koi', 'ameli'],
    ['c koa la caf', 'caf'],
    ['ke veut dire RIB', 'rib'],
    ['sa veu dir koi ANTS', 'ants'],
    ['jsp ce que c la caf', 'caf'],
    ["pouvez vous m'expliquer ce qu'est l'ANTS", 'ants'],
    ['numero d acces en ligne cest quoi ce numero', 'numero acces en ligne numero'],
    ['i dont understand what is caf', 'caf'],
    ['who is caf', 'caf'],
    ['what r ANTS', 'ants'],
    ['wat is ameli', 'ameli'],
  ])('%s → %s', (text, subject) => expect(asked(text)).toBe(subject));

  test('not a question: a wish, a "je ne sais pas" alone', () => {
    expect(asked('ce que je veux c est ma carte grise')).toBeUndefined();
    expect(asked('je sais pas ce que c est')).toBeUndefined();
  });

  test('the SMS "dont" stays French before a pronoun, and the words around the subject go', () => {
    expect(asked('c koi ce numéro fiscal dont vous parlez')).toBe('numero fiscal dont vous parlez');
    expect(bareSubject('numero fiscal dont vous parlez')).toBe('numero fiscal');
    expect(bareSubject('numero d acces en ligne')).toBe('numero acces en ligne');
  });
});

describe('who the bot is', () => {
  test.each(['vous etes qui', 't ki toi', 'qui etes vous ?', 'who are you', 'c quoi ce robot', 'what is this service'])('%s', (text) =>
    expect(asked(text)).toBe('pas a pas'));

  test('a bare "c qui" is not about the bot', () => expect(asked('c qui')).toBeUndefined());
});
