/**
 * "I don't know where it is" said about the thing a guide is about: the thing is lost, not a yes or a no.
 */
import { recognizeChoice, type ChoiceOption } from '../../src/nlu/choices';
import { saysWhereUnknown } from '../../src/nlu/whereUnknown';

const needs: ChoiceOption[] = [
  { key: '1', label: "Oui, j'ai tout", value: 'yes', role: 'yes' },
  { key: '2', label: 'Non, il me manque quelque chose', value: 'no', role: 'no' },
  { key: '3', label: 'Je suis bloqué', value: 'stuck', role: 'stuck' },
];

describe('saysWhereUnknown', () => {
  test.each([
    'nan jsp ou elle est',
    'je sais pas ou je l ai mise',
    'je sais plus du tout ou il est',
    'aucune idée où elle est passée',
    'je la trouve nul part',
    'no idea where it is',
    'dunno where it went',
    "I can't find it anywhere",
  ])('"%s" says the thing is lost', (text) => {
    expect(saysWhereUnknown(text)).toBe(true);
  });

  test.each([
    'je sais pas ou est la mairie',
    'je sais pas ou cliquer',
    'je sais pas',
    "I don't know where to click",
    'oui je sais ou elle est',
  ])('"%s" does not', (text) => {
    expect(saysWhereUnknown(text)).toBe(false);
  });
});

describe('a yes or no word with "je sais pas où elle est" is no answer to "Vous avez tout ?"', () => {
  test.each(['nan jsp ou elle est', 'je sais pas ou je l ai mise', 'non aucune idee ou elle est', 'no idea where it is'])('"%s"', (text) => {
    expect(recognizeChoice(text, needs, 'fr')).toBeUndefined();
  });

  test.each([
    ['non', 'no'],
    ['nan il me manque la photo', 'no'],
    ['je sais pas ou est la mairie', 'no'],
    ["oui j'ai tout", 'yes'],
  ])('look-alike "%s" keeps its answer', (text, value) => {
    expect(recognizeChoice(text, needs, 'fr')?.value).toBe(value);
  });
});
