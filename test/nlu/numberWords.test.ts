/** Ranks and numbers in words at a list of answers (src/nlu/numberWords.ts), as citizens write them (folded). */
import { rankSaid } from '../../src/nlu/numberWords';

describe('rankSaid', () => {
  test.each([
    ['deux', 2], ['la troisieme', 3], ['le 2eme', 2], ['la troisieme adresse', 3], ['le dernier', 5], ['un', 1], ['une', 1],
    ['the second one', 2], ['third', 3], ['the last one', 5], ['numero quatre', 4], ['premiere', 1],
  ])('"%s" is answer %s (of 5)', (text, n) => {
    expect(rankSaid(text, 5)).toBe(n);
  });

  test.each([['un rendez vous'], ['deux ou trois'], ['bonjour'], ['une carte']])('"%s" names no answer', (text) => {
    expect(rankSaid(text, 5)).toBeUndefined();
  });
});
