/**
 * A payment that did not come ("ma retraite a pas été versée", "toujours rien touché de la CAF", "my pension has not
 * been paid"): not an application to make again, but the caisse to contact, or a person. Read over `plainText()`.
 */

/** A payment that did not come ("pas été versée", "toujours rien reçu", "not paid"). */
export const NOT_PAID =
  /\b(?:pas (?:encore )?(?:ete |etait )?(?:versee?s?|payee?s?|virees?|vire|tombee?s?|arrivee?s?)|(?:pas|rien|jamais) (?:encore )?(?:recu|touche|percu|eu)|(?:touche|touchons|percois|recois) (?:plus|pas|rien|plus rien|toujours rien|jamais)\b|(?:pas|plus) de (?:versement|paiement|virement)|(?:versement|paiement|virement)s? (?:en retard|bloquee?s?|suspendue?s?|manquante?s?)|not (?:been )?(?:paid|received|arrived)|(?:did not|didn t|haven t|have not|hasn t|has not) (?:been )?(?:receive\w*|get|got|paid|arrived|come))\b/;

/** Asking to apply ("demander ma retraite", "partir à la retraite", "apply"): a guide, not a payment missing. */
export const APPLY = /\b(?:demande[rz]?|faire (?:ma|la|une) demande|depart|partir|prendre (?:ma|sa) retraite|liquid\w*|apply\w*|applic\w*|claim)\b/;

/** What is paid: a pension, an allowance, benefits. */
const PAID_THING =
  /\b(?:retraites?|pensions?|reversion|allocs?|allocations?|apl|aah|rsa|prime d activite|chomage|indemnites?|aides? (?:au )?logement|versements?|virements?|paiements?|argent|sous|benefits?|allowance|unemployment|money)\b|\btouch(?:e|ons)\b/;
/** Something received that is not money ("pas reçu le mail de la CAF", "pas reçu ma carte"). */
const NOT_MONEY =
  /\b(?:mail|e mail|email|courriel|code|sms|texto|message|courrier|lettre|lien|attestation|carte|notification|reponse|dossier|formulaire|papiers?|identifiant|mot de passe|letter|card|text|link|code)\b/;

/** A payment of a pension or an allowance that did not come (not asked for, not applied for). */
export function paymentMissing(t: string): boolean {
  return PAID_THING.test(t) && NOT_PAID.test(t) && !APPLY.test(t) && !NOT_MONEY.test(t);
}
