/**
 * Picking an offered answer: numbers behave like buttons; words, ordinals, yes/no words, typos.
 */
import { recognizeChoice, recognizeChoiceHow, type ChoiceOption } from '../../src/nlu/choices';

const yesNo: ChoiceOption[] = [
  { key: '1', label: 'Oui', value: 'next', role: 'yes' },
  { key: '2', label: 'Non', value: 'no', role: 'no' },
  { key: '3', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' },
];
const colours: ChoiceOption[] = [
  { key: '1', label: 'Rouge', value: 'r' },
  { key: '2', label: 'Vert', value: 'v' },
  { key: '3', label: 'Pas d\u2019e-mail reçu', value: 'm' },
];
const menu: ChoiceOption[] = [
  { key: '1', label: 'Déclarer mes impôts en ligne', value: 'impots-declaration' },
  { key: '2', label: 'Créer mon compte Ameli', value: 'ameli-compte' },
  { key: '0', label: 'Parler à un conseiller', value: 'mediateur' },
];

const pick = (text: string, options: ChoiceOption[], locale: 'fr' | 'en' = 'fr') =>
  recognizeChoice(text, options, locale)?.value;

describe('recognizeChoice', () => {
  test.each([
    ['1', 'next'], ['2.', 'no'], [' 3 ', 'handoff'], ['n°2', 'no'],
    ['oui', 'next'], ['OUI !', 'next'], ['ouais', 'next'], ["d'accord", 'next'], ['d\u2019accord', 'next'], ['ok', 'next'],
    ['c bon', 'next'], ['non', 'no'], ['nan', 'no'], ['pas encore', 'no'],
    ['le deuxième', 'no'], ['deux', 'no'], ['le troisième', 'handoff'],
    ['bloqué', 'handoff'], ['je suis bloquee', 'handoff'], ["j'y arrive pas", 'handoff'],
  ])('"%s" → %s', (text, expected) => {
    expect(pick(text, yesNo)).toBe(expected);
  });

  test('the "y" of "j\'y arrive pas" is not a yes', () => {
    expect(pick("je suis fatiguée de tout ça j'y arrive pas", yesNo.slice(0, 2))).toBeUndefined();
  });

  test('English yes/no and ordinals', () => {
    expect(pick('yes', yesNo, 'en')).toBe('next');
    expect(pick('the second one', yesNo, 'en')).toBe('no');
  });

  test('labels without accents, with the curly apostrophe, and typos', () => {
    expect(pick('rouje', colours)).toBe('r');
    expect(pick('vertt', colours)).toBe('v');
    expect(pick("pas d'e-mail recu", colours)).toBe('m');
    expect(pick('declarer mes impots en ligne', menu)).toBe('impots-declaration');
    expect(pick('creer mon conte ameli', menu)).toBe('ameli-compte');
  });

  test('"0" picks the human in the menu; nonsense picks nothing', () => {
    expect(pick('0', menu)).toBe('mediateur');
    expect(pick('banane', yesNo)).toBeUndefined();
    expect(pick('zz', colours)).toBeUndefined();
    expect(pick('', colours)).toBeUndefined();
    expect(pick('7', yesNo)).toBeUndefined();
  });
});

describe('numbers in a sentence are not answers', () => {
  test('"un"/"une" are articles in a sentence, but "un" alone is 1', () => {
    expect(pick("j'ai un problème", yesNo)).toBeUndefined();
    expect(pick('il manque une page', yesNo)).toBeUndefined();
    expect(pick('scanner un document', menu)).toBeUndefined();
    expect(pick('un', yesNo)).toBe('next');
    expect(pick('le deuxième', yesNo)).toBe('no');
  });
});

describe('answers in the citizen\'s own words (issue #12)', () => {
  const stolenOrLost: ChoiceOption[] = [
    { key: '1', label: "Je l'ai perdue", value: 'perte', synonyms: ['perdue', 'egaree', 'je la trouve plus', 'carte perdue'] },
    { key: '2', label: "On me l'a volée", value: 'vol', synonyms: ['volee', 'vol', "on me l'a volee", 'cambriolage'] },
    { key: '3', label: "J'ai changé de numéro", value: 'numero', synonyms: ['change de numero', 'nouveau numero'] },
  ];
  test.each([
    ['carte perdue', 'perte'], ["je crois que je l'ai perdue au marché", 'perte'], ["on me l'a volée hier soir", 'vol'],
    ["j'ai changé de numéro de téléphone", 'numero'], ['je la trouve plus nulle part', 'perte'],
  ])('%s → %s', (text, value) => expect(pick(text, stolenOrLost)).toBe(value));

  test('a negated message does not pick the positive phrasing', () => {
    expect(pick("je l'ai pas perdue", stolenOrLost)).toBeUndefined();
  });

  test('"je sais pas" is never "Non"; recognizeAnswer names it', async () => {
    const { recognizeAnswer } = await import('../../src/nlu/choices');
    for (const text of ['je sais pas', 'jsp', 'je ne sais pas', "I don't know", 'aucune idée']) {
      expect(pick(text, yesNo)).toBeUndefined();
      expect(recognizeAnswer(text, yesNo, 'fr')).toEqual({ kind: 'dont-know' });
    }
  });

  test.each([
    ['ouep', 'next'], ['voila c fait', 'next'], ['yep', 'next'], ['ca y est', 'next'], ['nope', 'no'], ['non non', 'no'],
    ['pas du tout', 'no'], ['not yet', 'no'],
  ])('colloquial %s → %s', (text, value) => expect(pick(text, yesNo)).toBe(value));
});

describe('earlier words and everyday meanings (probe set 15)', () => {
  const idOrPassport: ChoiceOption[] = [
    { key: '1', label: "Carte d'identité", value: 'compte' },
    { key: '2', label: 'Carte perdue ou volée', value: 'perte-vol' },
    { key: '3', label: 'Passeport', value: 'next' },
    { key: '4', label: 'Les deux', value: 'both', synonyms: ["carte d'identite et passeport"] },
  ];

  test('"une carte d\'identité et un passeport" is "Les deux", not the first of the two it joins', async () => {
    const { earlierAnswers } = await import('../../src/nlu/choices');
    const [best] = earlierAnswers('il me faut une carte d identite et un passeport', idOrPassport, 'fr', "Demander carte d'identité ou passeport");
    expect(best?.option.value).toBe('both');
    const [alone] = earlierAnswers('il me faut une carte d identite', idOrPassport, 'fr', "Demander carte d'identité ou passeport");
    expect(alone?.option.value).toBe('compte');
  });

  test('an affirmative answer is not made of a negated meaning ("nulle part" → "je trouve pas" is not "j\'ai trouvé")', async () => {
    const { earlierAnswers } = await import('../../src/nlu/choices');
    const found: ChoiceOption[] = [{ key: '1', label: "J'ai trouvé le bouton", value: 'found' }, { key: '2', label: 'Pas de FranceConnect', value: 'none' }];
    const words = { heard: (t: string) => (/nulle part/.test(t) ? ['je trouve pas'] : []), means: () => [] };
    expect(earlierAnswers('je vois nulle part le bouton bleu', found, 'fr', 'Me connecter avec FranceConnect', words)).toEqual([]);
    expect(earlierAnswers("j'ai trouvé le bouton bleu", found, 'fr', 'Me connecter avec FranceConnect', words)[0]?.option.value).toBe('found');
  });

  test('"bloqué" about a parcel is not the citizen being stuck; "je suis bloquée" is', () => {
    const scam: ChoiceOption[] = [
      { key: '1', label: 'Un message bizarre', value: 'next', synonyms: ['sms bizarre'] },
      { key: '2', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' },
    ];
    expect(pick('jai recu un texto de la poste pour un colis bloqué', scam)).not.toBe('handoff');
    expect(pick('la je suis bloquée depuis une heure', scam)).toBe('handoff');
  });
});

describe('a yes or a no with more to say, a digit for "un", a feeling (probe 18)', () => {
  const moved: ChoiceOption[] = [
    { key: '1', label: 'Oui', value: 'yes', role: 'yes', synonyms: ['on est dedans', 'je suis deja dedans'] },
    { key: '2', label: 'Pas encore', value: 'not-yet', synonyms: ['bientot'] },
    { key: '3', label: 'Je suis bloqué', value: 'handoff', role: 'stuck' },
  ];
  test('a leading "non" never picks the "Oui" answer, a leading "oui" never a "Non…" one', () => {
    expect(pick('non on rentre dedans le 15 decembre', moved)).not.toBe('yes');
    expect(pick('on est dedans depuis lundi', moved)).toBe('yes');
    const account: ChoiceOption[] = [
      { key: '1', label: 'Oui', value: 'yes', role: 'yes' },
      { key: '2', label: 'Non, aucun compte', value: 'none', role: 'no', synonyms: ['pas de compte impots'] },
    ];
    expect(pick('oui mais pas de compte impots', account)).not.toBe('none');
  });
  test('a digit followed by a word is an article, not answer 1', () => {
    const orientation: ChoiceOption[] = [
      { key: '1', label: 'Renouveler mon titre', value: 'renew' },
      { key: '2', label: 'Une première demande', value: 'first' },
    ];
    expect(pick('jvoudré 1 conseyer', orientation)).toBeUndefined();
    expect(pick('1 rdv', orientation)).toBeUndefined();
    expect(pick('1 svp', orientation)).toBe('renew');
    expect(pick('1', orientation)).toBe('renew');
  });
  test('one word of a phrasing in a feeling is not a sure answer', () => {
    const login: ChoiceOption[] = [
      { key: '1', label: 'Oui', value: 'yes', role: 'yes' },
      { key: '2', label: 'Un message suspect', value: 'scam', synonyms: ['on me demande mes codes'] },
    ];
    expect(recognizeChoiceHow('ça me gonfle ces codes', login, 'fr')?.how).not.toBe('loose');
    expect(recognizeChoiceHow('ça me gonfle ces codes', login, 'fr')?.how).not.toBe('exact');
  });
});
