/** The child or relative on a new number asking for money (session 18, src/nlu/relativeScam.ts). */
import { relativeScam } from '../../src/nlu/relativeScam';
import { askedAgainAfterHelp } from '../../src/nlu/afterGuide';

describe('relativeScam', () => {
  it.each([
    "j'ai reçu un message de mon fils il a perdu son téléphone et il me demande de l'argent",
    'ma fille a un nouveau numéro et veut que je paie une facture',
    'message de mon petit fils qui a changé de numéro',
    "coucou maman j'ai perdu mon telephone voici mon nouveau numero tu peux m'envoyer de l'argent",
    "sur whatsapp mon fils m'ecrit d'un autre numero il veut que je lui vire 300 euros",
    'g recu un sms de ma fille elle a changer de num et elle veut des sous',
    'I got a text from my son on a new number asking me to send money',
  ])('%s', (text) => expect(relativeScam(text)).toBe(true));

  it.each([
    "mon fils m'a écrit pour me dire qu'il arrive dimanche",
    "comment envoyer de l'argent à mon fils",
    "mon fils m'a créé un compte ameli mais j'ai oublié le mot de passe",
    'mon fils a changé de numéro comment le mettre sur mon compte caf',
    "j'ai perdu mon téléphone",
  ])('not: %s', (text) => expect(relativeScam(text)).toBe(false));
});

describe('askedAgainAfterHelp', () => {
  it.each([
    "j'ai encore besoin d'aide pour le même problème",
    "c'est encore pour mon dossier de tout à l'heure",
    'je voudrais reparler au conseiller',
    'je veux recontacter la conseillère',
    "j'ai encore besoin du conseiller",
    'can I talk to the adviser again',
  ])('%s', (text) => expect(askedAgainAfterHelp(text)).toBe(true));

  it.each(['je veux parler à un conseiller', 'bonjour', 'je veux déclarer mes impôts'])('not: %s', (text) => expect(askedAgainAfterHelp(text)).toBe(false));
});
