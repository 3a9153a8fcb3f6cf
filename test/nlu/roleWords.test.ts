/**
 * "impec on lit tout": a yes at the start of a message that denies nothing after it (src/nlu/roleWords.ts).
 */
import { leadingYes } from '../../src/nlu/roleWords';
import { plainText } from '../../src/nlu/signals';

describe('leadingYes', () => {
  it.each(['impec on lit tout', 'nickel c est bien lisible', "voilà c'est passé", 'super ça marche', 'all good it worked'])('%s', (t) =>
    expect(leadingYes(plainText(t))).toBe(true));
  it.each(['super mais c flou', 'nickel sauf le bas', 'super merci beaucoup', 'ok je regarde', "parfait ça marche pas", 'top, rien reçu'])(
    'not: %s',
    (t) => expect(leadingYes(plainText(t))).toBeUndefined(),
  );
});
