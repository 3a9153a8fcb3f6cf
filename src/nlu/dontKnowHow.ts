/**
 * "je sais pas comment on fait", "je comprends pas comment faire", "comment je fais ?", "j'y arrive pas", "I don't
 * know how to do it": the citizen says they do not know how to do what is asked, or cannot. At a step question that
 * offers "Je bloque" it is that answer (src/guides/guideDialog.ts); at "On commence ?" not knowing how is why the
 * guide is there, and it starts (with src/nlu/whereToStart.ts). A bare "je sais pas" is not this: it stays unsure.
 * Patterns over `plainText()` (SMS spellings written out: "jsp cmt on fai" is "je sais pas comment on fait").
 */
import { plainText } from './plainText';

/** What "comment" is about: doing it, going about it, how it works ("comment on fait", "comment il faut faire"). */
const DOING = String.raw`(?:(?:on|je|j|il|faut|ca|le|la|l|les|y|s|m|me|en|dois|doit|peux|peut|vais|va) ){0,3}(?:fait|fais|faire|fo|marche|fonctionne|procede|proceder|prendre|arriver|aller|passer|remplir|rempli|rentrer|entrer|continuer|avancer)\b`;

const HOW = [
  // "je sais pas comment on fait", "je (ne) comprends pas comment faire", "je vois pas trop comment il faut faire"
  new RegExp(String.raw`\b(?:je|j) (?:ne |n )?(?:sais|sait|sai|comprends|comprend|vois|voit) (?:pas|plus|rien)(?: (?:trop|vraiment|bien|du tout|tres bien))? comment(?: ${DOING}|$)`),
  // "je sais pas faire", "je sais pas le faire"
  /\b(?:je|j) (?:ne |n )?sais (?:pas|plus) (?:le |la |les |l )?faire\b/,
  // "comment je fais ?", "comment on fait", "comment faire", "bon comment il faut faire" (the whole message), "comment je
  // fais pour le mot de passe" (the thing it is for, in a few words; not "comment on fait pour payer": another question)
  new RegExp(String.raw`^(?:(?:mais|et|alors|bon|euh|ok|oui|non|d accord) )*comment ${DOING}(?: (?:ca|cela|svp|alors|maintenant|la|ici))*(?: pour (?:le|la|les|l|mon|ma|mes|ce|cette|cet)(?: \w+){1,4})?$`),
  // English: "I don't know how to do it", "idk how", "I don't understand how it works", "how do I do that?"
  /\b(?:do not|don t|dont|can not|cannot) (?:know|understand|see|get|figure out) how\b(?! (?:long|much|many|old|far|often))/,
  /^(?:(?:so|and|but|ok|well) )*how (?:do|can|should) (?:i|we) do (?:it|this|that)(?: now)?$/,
];

/** "j'y arrive pas", "je n'y arrive plus", "j'arrive pas à le faire", "I can't do it": not managing. */
const CANNOT = [
  /\b(?:je |j )?(?:n )?y arrive (?:pas|plus)\b/,
  /\b(?:je |j )(?:n )?arrive (?:pas|plus) a (?:le |la |les |l )?faire\b/,
  /\bi (?:can not|cannot|can t) (?:do|manage) (?:it|this|that)\b/,
];

/** The message says the citizen does not know how to do it (not: cannot). */
export function saysDontKnowHow(text: string): boolean {
  const t = plainText(text);
  return HOW.some((re) => re.test(t));
}

/** The message says the citizen does not know how to do it, or cannot: stuck, at a question offering that answer. */
export function saysStuckHow(text: string): boolean {
  const t = plainText(text);
  return HOW.some((re) => re.test(t)) || CANNOT.some((re) => re.test(t));
}
