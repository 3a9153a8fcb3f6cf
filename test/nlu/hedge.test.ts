/**
 * A hedge around an answer ("c'est un 8 je crois"): the answer is the words around it (src/nlu/hedge.ts).
 */
import { withoutHedge } from '../../src/nlu/hedge';

describe('withoutHedge', () => {
  it.each([
    ['cest un 8 je crois', 'c est un 8'],
    ['je pense que c est le 2', 'c est le 2'],
    ['normalement il commence par 1', 'il commence par 1'],
    ['it starts with 8 i think', 'it starts with 8'],
    ['je crois que oui', 'oui'],
  ])('%s → %s', (text, out) => expect(withoutHedge(text)).toBe(out));
  it.each(['je crois', 'normalement', 'je crois pas mais je suis pas sure', 'c est un 8'])('left as it is: %s', (text) =>
    expect(withoutHedge(text)).toBeUndefined());
});
