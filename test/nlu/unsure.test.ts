import { isUnsure } from '../../src/nlu/unsure';

describe('isUnsure: lukewarm words at a list of ways forward', () => {
  test.each(['bof', 'mouais', 'bof bof', 'mouais bof', 'bof jsp', 'bah je sais pas', 'euh', 'hmm', 'peut-être', 'meh', 'hmm not sure', 'dunno'])(
    '%s is unsure',
    (t) => expect(isUnsure(t)).toBe(true),
  );
  test.each(['oui', 'ouais', 'non', 'non merci', 'rappelez-moi', 'un lieu pres de chez moi', 'bof je prefere qu on me rappelle demain'])(
    '%s is not',
    (t) => expect(isUnsure(t)).toBe(false),
  );
});
