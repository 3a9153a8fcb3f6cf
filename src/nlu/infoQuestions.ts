/**
 * What a message asks about a subject that has a plain answer and no guide of ours (`kind: info` facts of
 * dialogs/_facts.yaml, their `asks`), over `plainText()`:
 * - `payday`: when money comes ("ma retraite arrive quand", "quand est versée ma retraite", "when is my pension paid");
 * - `unpaid`: money that did not come ("ma pension a pas été payée", "my pension has not been paid");
 * - `bring`: what to bring ("je dois apporter quoi", "qu'est ce que j'amène", "what should I bring");
 * - `pay`: how to pay or sign up for a service ("comment on paye la cantine", "inscrire mon fils à la cantine");
 * - `apply`: how to get something, or the right to it ("je veux faire ma demande de RSA", "j'ai droit au RSA ?").
 * Applying ("demander ma retraite", "partir à la retraite") asks neither date nor payment: that is the guide.
 */
import { APPLY, NOT_PAID } from './unpaid';

export const INFO_QUESTIONS = ['payday', 'unpaid', 'bring', 'pay', 'apply'] as const;
export type InfoQuestion = (typeof INFO_QUESTIONS)[number];

const WHEN = /\b(?:quand|kan|qd|quel jour|quelle date|a quelle date|date|dates|le combien|calendrier|when|what day|what date|which day)\b/;
const PAID = /\b(?:verse\w*|versement\w*|paye\w*|paie\w*|paiement\w*|vire\w*|virement\w*|arrive\w*|tombe\w*|touche\w*|recoi\w*|recev\w*|percoi\w*|percev\w*|paid|pay|payment\w*|arriv\w*|come\w*|get)\b/;
/** Another pension than the retirement one: alimony, disability. */
const OTHER_MONEY = /\b(?:pension alimentaire|pension d invalidite|pension invalidite|alimony|child support|disability pension)\b/;
const BRING = new RegExp(
  '\\b(?:(?:dois|doit|faut|faudra|faudrait|vais|je) (?:\\w+ )?(?:apporter|amener|ramener|emmener|emporter|prendre)|(?:apporter|amener|ramener|emmener|emporter|prendre) quoi|' +
    'qu est ce que (?:j |je )?(?:apporte|amene|ramene|emmene|emporte|prends|prend|dois apporter|dois amener|dois prendre)|quoi (?:apporter|amener|prendre|emporter)|' +
    'quels? (?:papiers?|documents?|pieces?) (?:apporter|amener|prendre|emporter|faut il|il faut|je dois)|' +
    '(?:what|which (?:papers|documents)) (?:should|do|must|shall) (?:i|we) (?:bring|take)|what to (?:bring|take)|bring with me)\\b',
);

const PAY =
  /\b(?:comment (?:on |je |faire pour |dois je |je dois )?(?:pai\w*|paye\w*|regle\w*|inscri\w*)|(?:payer|paye|paie|regler|inscrire|inscription|reserver|reservation) (?:\w+ ){0,2}(?:(?:la|le|les|a la|au|de la|de|du|mon|ma|mes) )?(?:cantine|repas|restauration|demi pension)|how (?:do i|to|can i|do you) (?:pay|sign up|register|book)|pay for|sign up for)\b/;

const APPLY_ASKED =
  /\b(?:(?:faire|fais|fait|faut|veux|voudrais|dois|comment|peux|pouvoir) (?:ma |une |la |un )?(?:demande|dossier)|demander (?:le|la|l|les|un|une)|comment (?:avoir|obtenir|toucher|demander)|(?:j ai|ai je|avoir|a t on) (?:le )?droit|(?:suis je|je suis|serais je) eligible|apply|claim|(?:am i|are we) (?:entitled|eligible)|how (?:do i|can i|to) get)\b/;

/** Already receiving it ("je touche le RSA, j'ai droit à la prime ?"): the right asked is to something else. */
const RECEIVES = /\b(?:je touche|touche deja|je percois|je suis au|suis au|j ai (?:deja )?(?:le|la|l)|je (?:suis )?beneficiaire|je recois|i get|i receive|i m on|i am on|i already get)\b/;

/** The questions a message asks (see above). */
export function infoQuestions(t: string): Set<InfoQuestion> {
  const out = new Set<InfoQuestion>();
  if (BRING.test(t)) out.add('bring');
  if (PAY.test(t)) out.add('pay');
  if (APPLY_ASKED.test(t) && !RECEIVES.test(t)) out.add('apply');
  if (APPLY.test(t) || OTHER_MONEY.test(t)) return out;
  if (WHEN.test(t) && PAID.test(t)) out.add('payday');
  if (NOT_PAID.test(t)) out.add('unpaid');
  return out;
}
