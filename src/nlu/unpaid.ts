/**
 * A payment that did not come ("ma retraite a pas été versée", "toujours rien touché de la CAF", "la caf ne me verse
 * plus rien", "my pension has not been paid"): not an application to make again, but the caisse to contact, or a
 * person. And a trouble with a pension or an allowance one gets ("j'ai un problème avec ma retraite"): the caisse
 * that pays it too, the application only offered. Read over `plainText()`.
 */

/** What is paid: a pension, an allowance, benefits. */
const PAID_WORDS = 'retraites?|pensions?|reversion|allocs?|allocations?|apl|aah|rsa|prime d activite|chomage|indemnites?|aides? (?:au )?logement|benefits?|allowance|unemployment';

/** Paid no more: the payer stopped ("me verse plus rien", "a arrêté de me payer", "je touche plus rien", "m'a coupé les APL"). */
const STOPPED_WORDS =
  '(?:touche|touchons|recois|recoit|recevons|percois|percoit) (?:plus|plus rien|toujours rien|rien depuis)|' +
  '(?:me |nous |m )?(?:verse|versent|paie|paye|paient|payent|vire|virent) (?:plus|plus rien|rien)\\b|' +
  '(?:arrete|arretee|arretent|cesse|stoppe|coupe)\\w* (?:de |d )?(?:me |nous )?(?:payer|verser|virer|paiements?|versements?)|' +
  'plus (?:rien )?(?:touche|recu|percu|verse|paye)|' +
  // "j'ai plus d'alloc depuis mars", "la caf m'a coupé les apl", "ils ont suspendu ma pension".
  `(?:j ai|j a|on a|nous avons|nous n avons|je n ai) plus (?:d |de |mon |ma |mes |le |la |les |l )?(?:${PAID_WORDS})\\b|` +
  // Done, not feared ("j'ai peur qu'on me coupe mes allocations" is a feeling): said with its auxiliary, or after
  // ("ma", "mont": "m'a", "m'ont" as SMS writes them).
  `(?:a|ont|m a|m ont|ma|mont|nous a|nous ont|ete) (?:coupe|supprime|suspendu|stoppe)\\w* (?:les |mes |mon |ma |le |la |l |my )?(?:${PAID_WORDS})\\b|` +
  `(?:${PAID_WORDS}) (?:est |sont |a ete |ont ete )?(?:coupee?s?|supprimee?s?|suspendue?s?)\\b|` +
  '(?:benefits?|pension|allowance|payments?|money) (?:has |have )?(?:stopped|been stopped|been cut)|stopped (?:paying|coming)|' +
  '(?:no longer|not any ?more) (?:paid|receiv\\w*|get\\w*)';
const STOPPED = new RegExp(`\\b(?:${STOPPED_WORDS})`);

/** A payment that did not come ("pas été versée", "toujours rien reçu", "not paid"), or stopped. */
export const NOT_PAID = new RegExp(
  '\\b(?:pas (?:encore )?(?:ete |etait )?(?:versee?s?|payee?s?|virees?|vire|tombee?s?|arrivee?s?)|(?:pas|rien|jamais) (?:encore )?(?:recu|touche|percu|eu)|' +
    '(?:touche|touchons|percois|recois) (?:plus|pas|rien|plus rien|toujours rien|jamais)\\b|(?:pas|plus) de (?:versement|paiement|virement)|' +
    '(?:versement|paiement|virement)s? (?:en retard|bloquee?s?|suspendue?s?|manquante?s?)|not (?:been )?(?:paid|received|arrived)|' +
    `(?:did not|didn t|haven t|have not|hasn t|has not) (?:been )?(?:receive\\w*|get|got|paid|arrived|come))\\b|\\b(?:${STOPPED_WORDS})`,
);

/** Asking to apply ("demander ma retraite", "partir à la retraite", "apply"): a guide, not a payment missing. */
export const APPLY = /\b(?:demande[rz]?|faire (?:ma|la|une) demande|depart|partir|prendre (?:ma|sa) retraite|liquid\w*|apply\w*|applic\w*|claim)\b/;

/** What is paid, or money in general ("pas reçu les virements", "touche plus rien"). */
const PAID_THING = new RegExp(`\\b(?:${PAID_WORDS}|versements?|virements?|paiements?|argent|sous|money)\\b|\\btouch(?:e|ons)\\b`);
/** One of the things paid, as a word. */
const PAID_WORD = new RegExp(`\\b(?:${PAID_WORDS})\\b`);
/** Who pays it: named instead of what it pays ("la caf ne me verse plus rien", "pole emploi me paie plus"). */
const PAYER = /\b(?:caf|msa|carsat|cnav|cnracl|agirc|arrco|ircantec|france travail|pole emploi|caisse(?: de retraite)?|cpam|pension fund)\b/;
/** Something received that is not money ("pas reçu le mail de la CAF", "pas reçu ma carte"). */
const NOT_MONEY =
  /\b(?:mail|e mail|email|courriel|code|sms|texto|message|courrier|lettre|lien|attestation|carte|notification|reponse|dossier|formulaire|papiers?|identifiant|mot de passe|letter|card|text|link|code)\b/;

/** A payment of a pension or an allowance that did not come (not asked for, not applied for). */
export function paymentMissing(t: string): boolean {
  return (PAID_THING.test(t) || PAYER.test(t)) && NOT_PAID.test(t) && !APPLY.test(t) && !NOT_MONEY.test(t);
}

/**
 * Paid no more, with what is paid left unsaid ("je ne reçois plus rien depuis 2 mois"): a payment missing when a
 * formality about that money is on screen (`paysMoney` of its title), even at its checklist.
 */
export function paymentStopped(t: string): boolean {
  return STOPPED.test(t) && !APPLY.test(t) && !NOT_MONEY.test(t);
}

/** A formality about money paid to the citizen (its title names a pension, an allowance or who pays them). */
export function paysMoney(title: string): boolean {
  return PAID_WORD.test(title) || PAYER.test(title);
}

const TROUBLE = new RegExp(
  `\\b(?:probleme|problemes|souci|soucis|pb|bug|galere|erreur|blocage|difficultes?|problem|issue|trouble) (?:avec|sur|de|concernant|with|about) ` +
    `(?:ma |mon |mes |la |le |les |l |my |the )?(?:${PAID_WORDS})\\b`,
);

/** A trouble with a pension or an allowance one gets ("un souci avec ma pension de réversion"), no application said. */
export function paidTrouble(t: string): boolean {
  return TROUBLE.test(t) && !APPLY.test(t) && !NOT_PAID.test(t);
}
