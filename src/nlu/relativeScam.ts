/**
 * The "Coucou maman, j'ai perdu mon téléphone, voici mon nouveau numéro" scam (Cybermalveillance.gouv.fr: someone
 * writes as the citizen's child or relative from a new number, often on WhatsApp or by SMS, then asks for money or a
 * bill to pay). Told by the citizen: "j'ai reçu un message de mon fils il a perdu son téléphone et il me demande de
 * l'argent", "ma fille a un nouveau numéro et veut que je paie une facture", "message de mon petit fils qui a changé de
 * numéro", or the message quoted ("coucou maman … nouveau numéro … tu peux m'envoyer de l'argent").
 * A relative and a new number (or a lost phone), with money asked or a message told; a quoted "coucou maman" with
 * money asked. A son who writes about his visit, money sent to a son, a son who created an account: none of these.
 * Over `plainText()` (folded, SMS spellings expanded).
 */
import { plainText } from './signals';

/** A relative of the citizen, as they say it. */
const RELATIVE = /\b(?:mon|ma|mes|notre|nos|my|our) (?:fils|fille|filles|enfants?|gamine?|gosses?|petit fils|petite fille|petits enfants|petits fils|neveu|niece|frere|soeur|mari|femme|pere|mere|cousine?|proche|proches|son|sons|daughters?|child|children|kids?|grandson|granddaughter|grandchild|grandchildren|nephew|brother|sister|husband|wife|relative)\b/;
/** The message quoted: "coucou maman", "bonjour papa", "salut mamie", "hi mum". */
const GREETING = /\b(?:coucou|bonjour|salut|cc|slt|hello|hi|hey) (?:maman|papa|mamie|papi|papy|mamy|mum|mom|mummy|mommy|dad|daddy|grandma|grandpa|nan)\b/;
/** A new number, a changed number, a lost or broken phone. */
const NEW_NUMBER = new RegExp(
  [
    '(?:nouveau|nouvel|autre|nouvelle) (?:numero|num|nums|telephone|tel|portable|phone|ligne)',
    'numero (?:temporaire|provisoire|inconnu)',
    'chang\\w* (?:de |d )?(?:numero|num|telephone|tel|portable|ligne)',
    '(?:perdu|casse|cassee|vole|volee|pete) (?:son|sa|mon|ma|leur) (?:telephone|tel|portable|phone|carte sim|puce)',
    '(?:telephone|tel|portable|phone) (?:est |a ete )?(?:perdu|casse|vole|hs|en panne|tombe)',
    'new (?:number|phone|mobile)', 'changed (?:his|her|their|my) (?:number|phone)', '(?:lost|broke) (?:his|her|their|my) phone', 'different number',
  ].join('|'),
);
/** Money asked: sent, transferred, a bill to pay. */
const MONEY = /\b(?:argent|sous|fric|virement|vire[rz]?|virer|\d+ ?(?:e|eur|euros?|€)|euros?|facture|factures|payer|paye|paie|regle[rz]?|money|transfer|bill|pay|cash)\b/;
/** A message told or received. */
const MESSAGE = /\b(?:message|messages|sms|texto|ecrit|m ecrit|m a ecrit|envoye|recu|text|texted|texts|wrote|writes|messaged)\b/;

export function relativeScam(text: string): boolean {
  const t = plainText(text);
  if (t.split(' ').length > 60) return false;
  const relative = RELATIVE.test(t);
  const greeting = GREETING.test(t);
  if (!relative && !greeting) return false;
  const money = MONEY.test(t);
  if (NEW_NUMBER.test(t)) return money || MESSAGE.test(t) || greeting;
  return greeting && money && MESSAGE.test(t);
}
