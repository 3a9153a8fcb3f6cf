/**
 * What a message says whatever the question on screen (src/nlu/signals.ts): the exact messages of the
 * field test (issue #12) and the look-alikes that must NOT trigger (a first message about a formality).
 */
import { detectSignals, type SignalKind } from '../../src/nlu/signals';
import { detectLanguage } from '../../src/nlu/language';

const kinds = (text: string) => detectSignals(text).map((s) => s.kind);
const strong = (text: string) => detectSignals(text).filter((s) => s.strength === 'strong').map((s) => s.kind);

describe('a person, in any words', () => {
  test.each([
    'je veux une vraie personne', 'je veux parler a quelqu un', "passez moi quelqu'un svp", 'human please', 'conseiller',
    'un conseiller svp', 'vous etes un robot ? je veux un humain', 'I want to talk to a person', "can someone call me back",
    "est ce que quelqu'un peut m'aider au telephone", 'rappelez moi svp', 'mettez moi en relation avec un mediateur',
    // Issue #16, tune set 4: other people and other verbs.
    'y a pas moyen d avoir un technicien de chez vous', 'vous pouvez transmettre a un collegue humain',
    'je voudrais parler a une assistante sociale', 'plutot un conseiller par telephone',
    'je peu avoir la secretaire', 'j voudrai qu un vrai monsieur m explique au tel', 'can somebody phone me please',
  ])('%s', (text) => expect(strong(text)).toContain('person'));
});

describe('scams: a message asking for money or secrets, or money already gone', () => {
  test.each([
    ['j ai reçu un sms ameli ma carte vitale expire je dois payer 5 euros c normal ?', 'scam'],
    ['jai recu un sms pour le cheque energie ils demandent ma carte bancaire', 'scam'],
    ["c normal qu on me demande mon mot de passe par sms", 'scam'],
    ['un sms me demande de payer 29 euros pour un acte de naissance c normal', 'scam'],
    ['un site me demande de payer 29 euros pour un acte de naissance c normal', 'pay-doubt'],
    ["on m'appelle pour me faire payer 50 euros de frais de dossier pour ma retraite", 'scam'],
    ['a website asks me 30 euros for my birth certificate, is it normal', 'scam'],
    ["j'ai payé 39 euros sur un site", 'scam-paid'],
    ["j'ai donné mon numéro de carte bancaire au téléphone", 'scam-paid'],
    // Issue #16, tune set 4: a caller, a "grandchild" on Messenger, a threat with a link, money taken by a site.
    ['on m a telephoné de la caf il faut donner mon code de connexion', 'scam'],
    ['ma petite fille m ecrit sur messenger elle a besoin de 300 euros en coupon pcs', 'scam'],
    ['j ai recu un sms france travail mon actualisation est bloquee faut cliquer sur le lien', 'scam'],
    ['un sms de l ants dit que ma carte grise est bloquée payer 2 euros', 'scam'],
    ['un site passeport rapide m a deja pris 120 euros', 'scam-paid'],
  ] as Array<[string, SignalKind]>)('%s → %s', (text, kind) => expect(strong(text)).toContain(kind));

  test.each([
    'je dois payer mes impots', 'combien coute le passeport', "on m'a volé ma carte vitale", "j'ai payé ma facture",
    "mon compte est bloqué j'ai tapé trop de fois le mauvais code", "jai demandé un code par courrier pour ameli je l'ai jamais recu",
    'je clique sur mot de passe oublié et je recois jamais le lien', 'le site me dit que mon mot de passe a expiré',
    'jarrive pas a faire ma declaration dimpot', 'actu pole emploi',
    "mon compte ameli est bloqué, j'ai pas reçu le sms avec le code, je fais comment ?",
    'ameli m a envoye un mail il faut cliquer sur le lien pour activer mon compte',
  ])('not a scam: %s', (text) => expect(kinds(text).filter((k) => k.startsWith('scam'))).toEqual([]));
});

describe('feelings and needs', () => {
  test.each([
    ['c est trop compliqué', 'distress'], ['je suis perdue', 'distress'], ["j'en ai marre", 'distress'],
    ['merci', 'thanks'], ['merci beaucoup bonne journée', 'thanks'], ['thank you so much', 'thanks'],
    ['au revoir', 'bye'], ['bonne journée', 'bye'],
    ['mon mari est décédé je veux sa retraite', 'bereavement'], ['my husband passed away', 'bereavement'],
    ['je sais pas bien lire', 'cannot-read'], ["j'ai du mal à lire", 'cannot-read'], ["I can't read well", 'cannot-read'],
    ["je n'ai pas d'ordinateur", 'no-computer'], ['jai pas de smartphone', 'no-computer'],
    ['jdoi fer mes impot mai jai pa dordi', 'no-computer'], ['g pa dordinateur', 'no-computer'], ['jai pa dinternet', 'no-computer'],
    ['i got no pc', 'no-computer'], ['i dont have a pc for my taxes', 'no-computer'],
    ['je vois mal', 'sight'], ['je suis malvoyante', 'sight'],
    ['aide moi', 'help-me'], ['help', 'help-me'],
    ['je sais pas', 'dont-know'], ['jsp', 'dont-know'], ["I don't know", 'dont-know'], ['aucune idée', 'dont-know'],
    ['effacer mes données', 'erase'], ["ou trouver de l'aide pres de chez moi", 'places'],
    ['je suis dislexique j ecris tres mal', 'cannot-read'], ['c mon voisin qui ecrit pour moi je sais ni lire ni ecrire', 'cannot-read'], ['je suis en colere contre la caf', 'distress'],
    ['bonsoir excusez moi de vous deranger si tard', 'sorry'], ['tous ces papiers ca me depasse completement', 'distress'], ['sorry to bother you so late', 'sorry'],
  ] as Array<[string, SignalKind]>)('%s → %s', (text, kind) => expect(strong(text)).toContain(kind));

  test('"perdue" alone is a feeling, "j\'ai perdu ma carte" a formality', () => {
    expect(kinds('perdue')).toContain('distress');
    expect(kinds("jai perdu ma carte didentite")).not.toContain('distress');
  });

  test('a blurred photo is hard to read, not the citizen; "je sais pas bien lire" said with it still is', () => {
    expect(kinds("the photo is blurry, you can't read anything")).not.toContain('cannot-read');
    expect(kinds('on peut rien lire sur le scan')).not.toContain('cannot-read');
    expect(kinds('je sais pas bien lire et la photo est floue')).toContain('cannot-read');
  });

  test('a code given to a caller is a scam (secret gone), never a request for a person', () => {
    for (const t of ["un conseiller m'a appelé et j'ai donné mon code", 'un monsieur au telephone m a demande mon code']) {
      expect(kinds(t).some((k) => k.startsWith('scam'))).toBe(true);
    }
    expect(kinds("il m'a appelé, je lui ai donné mon code postal")).not.toContain('scam-paid');
  });

  test('"je ne suis pas un robot" (a captcha) is not a request for a person; "pas un écran, une vraie voix" is', () => {
    expect(kinds('le site me demande si je suis pas un robot')).not.toContain('person');
    expect(kinds('je veux entendre une vraie voix pas un ecran')).toContain('person');
    expect(kinds('jveu 1 conseillé')).toContain('person');
  });
});

describe('"c\'est quoi X ?"', () => {
  test.each([
    ['c quoi france connect', 'france connect'], ["c'est quoi la prime d'activité", 'prime d activite'],
    ['what is franceconnect', 'franceconnect'], ['la france connect c est quoi', 'france connect'],
    ['je comprend pas ce que c est le numero fiscal', 'numero fiscal'], ['expliquez moi la prime d activite', 'prime d activite'],
    ["je sais pas c'est quoi l'ANTS", 'ants'],
    ['le rsa kesako', 'rsa'], ['c est qoi la carsat exactement', 'carsat'], ['un rib c est quoi comme truc', 'rib'],
    ['l anef c est quoi deja', 'anef'], ['france connect c est quoi ce machin', 'france connect'], ['what mean MSA', 'msa'],
    // Phonetic and spoken ways of asking (whatisText).
    ['un timbre fiscal sa ve dire quoi', 'timbre fiscal'], ['kes ke c la complementaire sante', 'complementaire sante'],
    ['la c a f c quoi', 'caf'], ['c quoi un r i b', 'rib'], ['france connect c est quoi ca se mange', 'france connect'],
    ['bonjour madame je voulais savoir c est quoi la demarche quand on a perdu sa carte vitale', 'on a perdu sa carte vitale'],
    ['on ma dit d aller a france service c est quoi ca', 'france service'],
  ])('%s → %s', (text, subject) => {
    expect(detectSignals(text).find((s) => s.kind === 'whatis')?.subject).toBe(subject);
  });
  test('"ok j\'ai capté, c\'est gratuit" agrees: it asks neither what nor how much', () => {
    expect(kinds("ok j'ai capté c'est gratuit")).toEqual([]);
    expect(kinds("c'est gratuit ?")).toContain('price');
  });
  test('single letters are joined only in a run of three, and the "c" of "c quoi" stays', () => {
    expect(kinds('il y a un probleme')).not.toContain('whatis');
    expect(detectSignals('c quoi l a a h').find((s) => s.kind === 'whatis')?.subject).toBe('aah');
  });
  test('"je dois faire quoi" asks what to do, not what something is', () => {
    expect(kinds('c quoi que je dois faire')).not.toContain('whatis');
  });
});

describe('language', () => {
  test.each([
    ['hello i need to renew my passport i dont speak french well', 'en'], ['human please', 'en'], ['I lost my ID card', 'en'],
    ['je veux parler francais', 'fr'], ['jai perdu ma carte didentite', 'fr'],
  ])('%s → %s', (text, locale) => expect(detectLanguage(text)).toBe(locale));
  test.each(['hello', 'yes', 'ok', '1', 'franceconnect'])('one word decides nothing: %s', (text) => expect(detectLanguage(text)).toBeUndefined());
});

describe('probe 12: indirect asks for a person, feelings by their words, money in everyday words', () => {
  test.each([
    'ma conseillere caf peut pas le faire pour moi ?', 'la dame de la mediatheque est pas la vous avez quelqu un',
    'je voudrai parler directement avec vous au tel c possible', 'someone to do it for me please', 'il y a personne pour m aider ?',
  ])('a person: %s', (text) => expect(strong(text)).toContain('person'));
  test.each([
    'mon neveu pourrait le faire pour moi', 'ma fille peut pas le faire a ma place plutot ?',
    'quelqu un peut faire mes demarches a ma place', 'je veux faire une carte d identite pour moi',
  ])('not one of ours: %s', (text) => expect(kinds(text)).not.toContain('person'));
  test('tears said with a feeling word are distress', () => expect(kinds('sa fait 2 heures que j essaye je vais pleurer')).toContain('distress'));
  test.each(['ils me demandent des sous pour la commander', 'on m a demande 20 euros pour l envoyer'])(
    'money asked is worth checking: %s', (text) => expect(strong(text)).toContain('pay-doubt'));
  test('a mail that says to type the card is a scam', () =>
    expect(strong('j ai un mail des impots qui dit que j ai un remboursement faut mettre ma carte')).toContain('scam'));
  test.each(['un type m a appelle il veut que je lui donne mon code', 'la personne au telephone dit d entrer mon code secret'])(
    'a caller asking for a code is a scam: %s', (text) => expect(strong(text)).toContain('scam'));
  test('typing one\'s own password on the site is not', () => expect(kinds('il faut mettre mon mot de passe')).not.toContain('scam'));
});

describe('a correction of what the citizen came for', () => {
  const correction = (text: string) => detectSignals(text).find((s) => s.kind === 'correction')?.subject;
  test.each([
    ['non en fait c est pour le passeport', 'le passeport'],
    ['ah non finalement c est la carte grise', 'la carte grise'],
    ['sorry i meant the passport', 'the passport'],
  ])('%s', (text, subject) => expect(correction(text)).toBe(subject));
  test.each(['non', 'non merci', 'oui c est pour moi'])('not a correction: %s', (text) => expect(correction(text)).toBeUndefined());
});

describe('more words for feelings, a person by phone, a visit', () => {
  test.each([['j ai la trouille de me tromper', 'fear'], ['ca me gonfle', 'anger'], ['this is driving me mad', 'anger']])(
    '%s', (text, feeling) => expect(detectSignals(text).find((s) => s.kind === 'distress')?.subject).toBe(feeling));
  test('someone guiding me by phone', () => expect(strong('j ai besoin qu on me guide au telephone')).toContain('person'));
  test('coming to see you is a place', () => expect(strong('je peux venir vous voir')).toContain('places'));
});

describe('probe 39–40 (nlu15b): "c\'est quoi" by ear, help sold for money, the date asked, someone in person', () => {
  const subject = (text: string) => detectSignals(text).find((s) => s.kind === 'whatis')?.subject;
  test.each([
    ['a koi sa sert la carte vital', 'carte vitale'], ['je comprend pas le mot mandat', 'mandat'],
    ['sa veut dire koi le terme mandat', 'mandat'], ['on me demande un rib jsai pa ce ke cest', 'rib'],
    ['c quoi un justificatif de domicile svp jsui perdu', 'justificatif de domicile'],
    ['ma fille ma dit de tout faire sur le site de l ants mais moi je sais meme pas c est quoi l ants', 'ants'],
  ])('%s → %s', (text, s) => expect(subject(text)).toBe(s));
  test('"le mot de passe" stays the password', () => expect(subject('c quoi le mot de passe ameli')).toMatch(/^mot de passe/));
  test.each([
    'un monsieur veut m aider pour mes papiers contre 50 euros', 'une dame ma propose de remplir mon dossier caf pour 20 euros',
    'quelqun sur facebook propose de faire ma carte grise pour 30 euros c bien', 'a guy on facebook offers to do my driving licence for 100 euros',
  ])('help sold, not a person asked for: %s', (text) => {
    expect(kinds(text)).toContain('paid-helper');
    expect(kinds(text)).not.toContain('person');
  });
  test.each(['on me demande 120 euros pour faire mon passeport sur internet', 'il faut payer 86 euros pour faire le passeport c normal'])(
    'a price, not help sold: %s', (text) => expect(kinds(text)).not.toContain('paid-helper'));
  test.each([
    'c est la periode de l actualisation ?', 'c le moment de m actualisé ?', 'jai jusqua quand pour le faire',
    'la declaration d impot c est quand', 'on est dans les temps pour l actualisation ?', 'is it the time to do my france travail update',
  ])('the date asked: %s', (text) => expect(kinds(text)).toContain('when'));
  test.each([['c ouvert l actualisation en ce moment ?', 'open'], ['il est encore temps ?', 'date'], ['la mairie elle est fermee', 'open']])(
    'a date, or only open now: %s → %s', (text, how) => expect(detectSignals(text).find((s) => s.kind === 'when')?.subject).toBe(how));
  test('"c est lequel" asks which one it is', () => expect(subject('le numero de secu c est lequel')).toBe('numero de secu'));
  test.each(['quand je me connecte ca marche pas', 'j ai pas le temps', 'when i log in it says error'])(
    'not the date asked: %s', (text) => expect(kinds(text)).not.toContain('when'));
  test('a blocked-file SMS that says to call a number is a scam', () =>
    expect(strong('jai recu un sms de france travail mon dossier est bloque faut rappeler un numero')).toContain('scam'));
  test.each(['je voudrais voir quelqu un en vrai', 'can i speak to somebody in person'])(
    'someone in person is a person and a place: %s', (text) => expect(kinds(text)).toEqual(expect.arrayContaining(['person', 'places'])));
});
