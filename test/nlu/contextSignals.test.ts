/**
 * The citizen's situation that is not a formality (src/nlu/contextSignals.ts and its modules, probe set 21): a
 * health question, someone sitting with the citizen, a letter not understood, a civil-status act that is not a
 * birth certificate, a call the citizen made, what was given to a scammer. Each family with its look-alikes.
 */
import { detectSignals, plainText } from '../../src/nlu/signals';
import { withoutFraming } from '../../src/nlu/framing';
import { givenSecret } from '../../src/nlu/givenSecret';
import { healthAsked } from '../../src/nlu/health';

const kinds = (text: string) => detectSignals(text).map((s) => s.kind);
const subject = (text: string, kind: string) => detectSignals(text).find((s) => s.kind === kind)?.subject;

describe('a health question: a doctor, a pharmacist, or the 15 / 112', () => {
  test.each([
    "j'ai mal au dos je dois prendre quoi", 'mon traitement me fait tousser c normal', 'quel medicament prendre pour la fievre',
    'le doliprane je peux en prendre combien par jour', 'jai mal a la tete que faire', 'what medicine should i take for my headache',
    'these pills give me side effects is it normal', 'jai de la fievre depuis 3 jours c grave', 'i have a bad cough what should i take',
  ])('care: %s', (text) => expect(healthAsked(plainText(text))).toBe('care'));

  test.each([
    'mon mari a tres mal a la poitrine', 'ma mere respire mal', "il n'arrive plus a respirer", 'my husband has chest pain', 'she is unconscious', 'ma mere a fait un malaise elle repond plus',
  ])('urgent: %s', (text) => expect(subject(text, 'health')).toBe('urgent'));

  test.each([
    "mon medecin m'a dit de creer mon compte ameli", 'je suis malade je peux pas me deplacer pour ma carte d identite',
    'mes medicaments sont ils rembourses', 'comment avoir mon attestation pour la pharmacie', 'le traitement de mon dossier c est normal que ce soit long',
    "j'ai mal compris que faire", 'c est normal que le site demande mon numero fiscal', 'my doctor told me to make an ameli account',
  ])('not a health question: %s', (text) => expect(kinds(text)).not.toContain('health'));
});

describe('someone sitting with the citizen is not a request for places', () => {
  test.each([
    "ma fille est a cote de moi elle peut m'aider", 'mon fils est a coter de moi il va m aider', "ma voisine est la avec moi elle s'y connait",
    "mon fils m'aide, il est à côté de moi", 'il est a cote de moi', 'je suis avec ma petite fille', 'my son is next to me he can help me',
    'my daughter is here with me', 'my wife is sitting next to me she will help', 'mon mari est a mes cotes',
  ])('%s', (text) => {
    expect(kinds(text)).toContain('companion');
    expect(kinds(text)).not.toContain('places');
  });

  test.each([
    "y a t il quelqu'un a cote de chez moi qui peut m'aider", 'ma fille habite a cote de chez moi', 'un endroit pres de chez moi',
    'ma carte elle est la', 'le papier est a cote de moi mais je comprends rien', 'ma fille est partie', 'my son lives near me',
  ])('not a companion: %s', (text) => expect(kinds(text)).not.toContain('companion'));

  test('what is routed is the need said with it', () => {
    expect(withoutFraming('ma fille est a cote de moi, on veut faire ma carte grise')).toBe('on veut faire ma carte grise');
    expect(withoutFraming("ma petite fille est avec moi elle va m'aider pour le passeport")).toBe('pour le passeport');
  });
});

describe('a letter not understood needs someone to read it', () => {
  test.each([
    'jai recu un courrier des impots je comprend pas', "j'ai une lettre de la caf et je comprends rien a ce qu'ils veulent",
    'i got a letter from the tax office and i dont understand what it says', "j'ai reçu un papier d'ameli je sais pas ce que ca veut dire",
    // A paper or a sheet from an office is a letter from it (probe 43).
    "j'ai un papier de la caf je comprends pas", 'jai une feuille des impots j y comprend rien',
  ])('%s', (text) => expect(kinds(text)).toContain('letter'));

  test.each([
    "j'ai recu un courrier des impots avec mon numero fiscal, je veux declarer en ligne", 'je comprends pas le site des impots',
    'je dois envoyer une lettre a la caf je comprends pas comment', 'je comprends pas comment faire mes papiers',
    "j'ai reçu un sms je comprends pas", 'je dois envoyer une lettre a la caf', 'je dois remplir un papier de la caf',
  ])('not a letter to read: %s', (text) => expect(kinds(text)).not.toContain('letter'));
});

describe('a death or marriage certificate is not a birth certificate', () => {
  test.each([
    ['il me faut un acte de deces pour la banque', 'acte de deces'], ['comment avoir son certificat de deces', 'certificat de deces'],
    ['ou on demande une copie d acte de deces', 'acte de deces'], ['a death certificate for the bank', 'death certificate'],
    ["un extrait d'acte de mariage", 'acte de mariage'],
  ])('%s', (text, act) => expect(subject(text, 'document')).toContain(act));

  test.each(['il me faut un acte de naissance pour la banque', 'mon pere est decede', 'birth certificate'])('not another act: %s', (text) =>
    expect(kinds(text)).not.toContain('document'));
});

describe('a call the citizen made names no scam and asks for no person', () => {
  test.each([
    ["j'ai appele la caf hier", 'la caf hier'], ['jai eu la caf au tel', 'la caf'], ["j'ai telephone aux impots ce matin", 'aux impots ce matin'],
    ["on m'a appelé pour un rendez vous à la caf", 'pour un rendez vous a la caf'], ['i called the tax office', 'the tax office'],
  ])('%s', (text, routed) => expect(withoutFraming(text)).toBe(routed));

  test('a call received about the file, with no secret asked, is no scam', () => expect(kinds("la caf m'a appelé hier pour mon dossier")).not.toContain('scam'));

  test.each(["la caf m'a appele pour mon mot de passe", 'un monsieur m a appele il veut mon code', 'on m a appele pour me demander ma carte bancaire'])(
    'a call received asking a secret stays a scam: %s', (text) => expect(kinds(text)).toContain('scam'),
  );
});

describe('what was given to a scammer fits the advice', () => {
  test.each([
    'j ai donne le code recu par sms pour mon colis', 'jai donne le code ameli', 'j ai donne mon mot de passe', 'i gave the code from the text for my ameli account',
  ])('an account: %s', (text) => expect(givenSecret(plainText(text))).toBe('account'));
  test.each([
    'j ai donne mon numero de carte bleue et le code', 'j ai donne le code de ma carte', 'j ai paye 39 euros', 'i gave my card number', "j'ai donné le code envoyé par ma banque",
  ])('a card: %s', (text) => expect(givenSecret(plainText(text))).toBe('card'));
});
