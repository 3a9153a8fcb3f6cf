/**
 * A letter the citizen does not understand ("j'ai reçu un courrier des impôts je comprends pas", "une lettre de la
 * CAF, je comprends rien à ce qu'ils veulent", "I got a letter from the tax office and I don't understand it"):
 * the need is someone to read it together — a person or a place — not the formality the sender is known for
 * (the tax return guide). A letter with what to do in it ("un courrier avec mon numéro fiscal, je veux déclarer")
 * names the formality and is routed as usual. Patterns over `plainText()`.
 */

/** A paper received (not an e-mail or an SMS: those are checked for scams); "un papier" only when received. */
const LETTER = /\b(?:courriers?|lettres?|avis d (?:impot|imposition|echeance|situation)|recommandee?|letters?)\b/;
const PAPER_RECEIVED = /\b(?:recu|recois|got|received) (?:un|une|des|ce|le|cette) (?:papiers?|feuilles?|documents?|formulaires?)\b/;
/** A paper from an office ("un papier de la caf", "une feuille des impots") is a letter received from it. */
const PAPER_FROM = /\b(?:un|une|des|ce|cette|le|la) (?:papiers?|feuilles?|documents?|formulaires?|paper|form) (?:de la |du |des |de l |d |from (?:the )?)(?:caf|impots?|cpam|ameli|secu|securite sociale|assurance maladie|france travail|pole emploi|prefecture|mairie|urssaf|msa|carsat|caisse\w*|retraite|tresor public|tax office|huissier)\b/;
/** A letter to write is not one to read. */
const TO_WRITE = /\b(?:envoyer|ecrire|faire|rediger|poster|write|send) (?:une|un|la|le|ma|mon|a) (?:lettre|courrier|letter)\b/;
/** Not understood. */
const NOT_UNDERSTOOD = /\b(?:je (?:ne )?comprends? (?:pas|rien|pas tout|pas bien|pas ce qu|rien a ce qu)|j y comprends? rien|je (?:ne )?sais pas ce que (?:ca|sa|c|cela) (?:veut dire|dit)|je (?:ne )?sais pas ce qu (?:ils|elle|il|on) (?:veut|veulent|demande\w*|me veu\w*)|c est (?:du chinois|incomprehensible)|je (?:n )?arrive pas a (?:le |la )?(?:lire|comprendre)|i (?:do not|don t|can not|cannot|can t) understand|no idea what it (?:means|says)|what (?:it|this) means)\b/;

/** The message tells of a letter received and not understood. */
export function letterNotUnderstood(t: string): boolean {
  return (LETTER.test(t) || PAPER_RECEIVED.test(t) || PAPER_FROM.test(t)) && !TO_WRITE.test(t) && NOT_UNDERSTOOD.test(t);
}
