/**
 * What a caller or a visitor wanted from the citizen (src/nlu/signals.ts reads these with its scam patterns): a card,
 * a code, a password. "Un monsieur au téléphone m'a demandé mon code" is a scam story, not a request for a person,
 * even when the caller said he was "un conseiller". Patterns over `plainText()` (folded, SMS spellings expanded).
 */

/** A person (at the door, on the phone) who wanted "ma carte": any card but an ID is worth a warning. */
export const PERSON_WANTS_CARD = /\b(?:il|elle|ils|elles|quelqu un|un monsieur|une dame|le monsieur|la dame|un homme|une femme|le type|un type)(?: m)? (?:voulai(?:t|ent)|veu(?:t|lent)|a demande|ont demande|demandai(?:t|ent)|reclamai(?:t|ent)) (?:ma|mes|votre|vos) cartes?\b(?! (?:grise|d identite|de sejour|d electeur|de transport|de resident|d invalidite|mobilite))/;
/** A call made to get a secret ("il m'a appelé pour le code qu'on m'a envoyé"). */
export const CALLED_FOR_SECRET = /\b(?:appele|appelle|appel|telephone|contacte|ecrit|called|phoned|rang)\b.{0,20}\b(?:pour|afin d|to get|for) (?:avoir |obtenir |recuperer |me demander |verifier |confirmer )?(?:le|la|les|mon|ma|mes|votre|vos|un|une|my|the|your) (?:code|codes|mot de passe|carte bancaire|numero de carte|coordonnees bancaires|rib|iban|identifiants?|password|card number|bank details)\b/;

/** Someone who called ("m'a appelé", "au téléphone"). */
const CALLER = '(?:m a (?:appele|appelee|telephone|contacte)|m ont (?:appele|appelee|telephone|contacte)|au telephone|par telephone|au tel|un appel|coup de fil|on m a appele|called me|phoned me|on the phone)';
/** The secret given to that caller ("un conseiller m'a appelé et j'ai donné mon code", "je lui ai lu le code"). */
const GIVEN = '(?:j ai|je (?:lui|leur) ai|i) (?:deja |meme |bien )?(?:donne|dit|communique|lu|envoye|transmis|file|gave|told|read|sent)\\b.{0,15}\\b(?:mon |ma |mes |le |les |ce |son |my |the )?(?:codes?(?! postal)|mot de passe|numero de (?:ma )?carte|identifiants?|code pin|password|pin|card number)\\b';
export const GAVE_TO_CALLER = new RegExp(`\\b${CALLER}\\b.{0,60}\\b${GIVEN}|\\bje (?:lui|leur) ai (?:deja |meme |bien )?(?:donne|dit|communique|lu|envoye|transmis) (?:mon |ma |mes |le |les |ce )?(?:codes?(?! postal)|mot de passe|numero de (?:ma )?carte)\\b|\\b${GIVEN}.{0,40}\\b${CALLER}`);
