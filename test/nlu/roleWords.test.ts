/**
 * "impec on lit tout": a yes at the start of a message that denies nothing after it (src/nlu/roleWords.ts).
 */
import { failedWithMore, leadingYes, saysFailed, wordsOfRole } from '../../src/nlu/roleWords';
import { plainText } from '../../src/nlu/signals';

describe('leadingYes', () => {
  it.each(['impec on lit tout', 'nickel c est bien lisible', "voilà c'est passé", 'super ça marche', 'all good it worked', "c'est fait merci", 'voila c fait merci beaucoup'])('%s', (t) =>
    expect(leadingYes(plainText(t))).toBe(true));
  it.each(['super mais c flou', 'nickel sauf le bas', 'super merci beaucoup', 'ok je regarde', "parfait ça marche pas", 'top, rien reçu', 'c bon merci', "c'est fait mais ça marche pas merci"])(
    'not: %s',
    (t) => expect(leadingYes(plainText(t))).toBeUndefined(),
  );
});

describe('"it does not work" belongs to a did-it-work question\'s "Non", else to "Je suis bloqué"', () => {
  const opts = (...labels: Array<[string, 'yes' | 'no' | 'stuck' | undefined]>) => labels.map(([folded, role]) => ({ folded, role }));
  it('"C\'est bon ?" (a bare "Non") and "Le site accepte le chèque ?" ("Non, refusé"): the no answer', () => {
    expect(wordsOfRole('no', opts(['oui', 'yes'], ['non', 'no'], ['je suis bloque', 'stuck']))).toContain('ca bug');
    expect(wordsOfRole('no', opts(['oui', 'yes'], ['non refuse', 'no'], ['je suis bloque', 'stuck']))).toContain('ca marche pas');
    expect(wordsOfRole('stuck', opts(['oui', 'yes'], ['non', 'no'], ['je suis bloque', 'stuck']))).not.toContain('ca bug');
  });
  it('"Vous avez déjà un espace ?" ("Non, je le crée"): stuck, never that answer', () => {
    const espace = opts(['non je le cree', 'no'], ['oui j ai un espace', 'yes'], ['je suis bloque', 'stuck']);
    expect(wordsOfRole('no', espace)).not.toContain('ca bug');
    expect(wordsOfRole('no', espace)).toContain('non');
    expect(wordsOfRole('stuck', espace)).toContain('ca marche pas');
  });
  it('a guide\'s own bare "Non" answers its question ("Le test dit que vous avez droit ?"): "ça marche pas" is stuck', () => {
    const test = [{ folded: 'oui', role: 'yes' as const, value: 'next' }, { folded: 'non', role: 'no' as const, value: 'pas-droit' }];
    expect(wordsOfRole('no', test)).not.toContain('ca marche pas');
    expect(wordsOfRole('stuck', test)).toContain('ca marche pas du tout');
  });
  it.each(['ça marche pas du tout', 'sa bug', 'le site plante', 'le site me dit erreur', 'ça me met erreur', 'il y a un message d\'erreur'])('says it failed: %s', (t) => expect(saysFailed(t)).toBe(true));
  it.each(['je suis bloqué', 'ça marche'])('not a failure: %s', (t) => expect(saysFailed(t)).toBe(false));
});

describe('failedWithMore: "it does not work" with a no, a filler or the question\'s subject around it', () => {
  const aboutPassword = (rest: string) => ['le mot de passe', 'mon mdp', 'the password'].includes(rest) || rest === 'mot de passe';
  test.each([
    ['non sa marche pa', 'ca marche pas'],
    ['ben ça marche pas', 'ca marche pas'],
    ['le mot de passe sa marche pa', 'ca marche pas'],
    ['nope it doesn\'t work', 'it doesn t work'],
  ])('%s → %s', (text, phrase) => expect(failedWithMore(text, aboutPassword)).toBe(phrase));
  test('the bare words, or something else besides, are left to the usual reading', () => {
    expect(failedWithMore('ça marche pas', aboutPassword)).toBeUndefined();
    expect(failedWithMore('le site de la caf marche pas', aboutPassword)).toBeUndefined();
    expect(failedWithMore('merci beaucoup', aboutPassword)).toBeUndefined();
  });
});
