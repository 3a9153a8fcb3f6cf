/**
 * A civil-status act that is not a birth certificate ("il me faut un acte de décès pour la banque", "une copie de
 * l'acte de mariage", "a death certificate"): the router finds the birth certificate guide for "acte", the wrong
 * answer. These acts have their plain facts in dialogs/_facts.yaml (where to ask, that it is free); this finds
 * the act named, so the bot gives that fact instead of the wrong guide. Patterns over `plainText()`.
 */

const ACT_FR = /\b(?:(?:un |une |l |le |la |son |sa |mon |ma )?(?:copies? (?:integrale |de l )?|extraits? (?:de l |d )?)?(?:acte|actes|certificat|certificats|extrait|extraits|copie|papier|attestation) (?:de |d |du )(?:deces|mariage|pacs)|(?:acte|certificat) de (?:son |sa |mon |ma )?(?:deces|mariage))\b/;
const ACT_EN = /\b(?:death|marriage) certificates?\b/;

/** The act named ("acte de deces", "death certificate"), as written in the message, or nothing. */
export function otherActNamed(t: string): string | undefined {
  return (ACT_FR.exec(t) ?? ACT_EN.exec(t))?.[0];
}
