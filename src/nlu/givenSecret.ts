/**
 * What the citizen gave away, to fit the advice (PRODUCT.md rule 3): a bank card, its number or its code → call the
 * bank to block the card; the code or password of an account (the code received by SMS for a parcel, the Ameli
 * code, identifiers) → change the password on the real site and warn the organisation — no card to block.
 * Patterns over `plainText()`.
 */

/** A bank card, its details, money or a bank transfer. */
const CARD = /\b(?:carte (?:bancaire|bleue|de credit|visa)|numero de (?:ma |la )?carte|cb|cryptogramme|code (?:de (?:ma |la )?carte|bancaire|pin|secret de (?:ma |la )?carte|confidentiel)|codes? (?:de )?(?:ma )?(?:carte|cb|banque)|coordonnees bancaires|rib|iban|paye|payer|paiement|virement|euros?|€|banque|bank|card|payment|paid)\b/;
/** The code or password of an account. */
const ACCOUNT = /\b(?:mot de passe|mdp|identifiants?|codes? (?:recu|sms|de connexion|de validation|de confirmation|d acces|ameli|caf|france connect|franceconnect|impots|whatsapp|a \d+ chiffres)|code (?:qu (?:il|elle|ils|on) m a (?:envoye|donne))|(?:le|un|ce|mon|son) code\b|password|login|verification code|code)\b/;

export type Given = 'card' | 'account';

/** What was given away: "card" (block it), "account" (change its password), or nothing known. */
export function givenSecret(t: string): Given | undefined {
  if (CARD.test(t)) return 'card';
  return ACCOUNT.test(t) ? 'account' : undefined;
}
