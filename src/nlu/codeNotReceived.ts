/**
 * "j'ai pas reçu le code", "le code arrive pas", "je reçois pas le sms", "I didn't get the code": a code sent by SMS or
 * e-mail that did not come. At a step whose answers do not take it, it is no "Non": the guide says what to do about
 * the code (src/guides/dialogs/stepAsides.ts), then asks the same question again. Patterns over `plainText()`.
 */
import { plainText } from './plainText';

/** The code, or the message that brings it. */
const CODE = String.raw`(?:code|codes|sms|texto|textos|text|texts|text message|otp)`;
/** Coming, receiving, sending, having (French and English, by ear too: "recoi", "resu"). */
const COME = String.raw`(?:recu|recus|recue|recois|recoit|recoi|resu|eu|arrive|arrivent|arriver|arrivee|vient|viennent|venu|envoie|envoient|envoye|envoyer|get|got|gotten|receive|received|came|come|arrived|arrive|sent|have|had)`;
/** A negation before the verb ("j'ai pas reçu", "je n'ai jamais eu", "I didn't get", "I never got"). */
const NOT = String.raw`(?:pas|jamais|toujours pas|pas encore|toujours rien|rien|not|never|didn t|didnt|haven t|havent|hasn t|hasnt|still not|still haven t)`;

const PATTERNS = [
  // "j'ai pas reçu le code", "je reçois pas le sms", "il m'envoie pas de code", "I didn't get the code"
  new RegExp(String.raw`\b${NOT} (?:\w+ ){0,2}${COME}\b(?: \w+){0,3} ${CODE}\b`),
  new RegExp(String.raw`\b${COME} ${NOT}\b(?: \w+){0,3} ${CODE}\b`),
  // "le code arrive pas", "le code ne vient pas", "the code never arrived", "the code did not come"
  new RegExp(String.raw`\b${CODE} (?:\w+ ){0,2}(?:ne |n )?${COME} (?:toujours |still )?(?:pas|jamais|toujours pas|plus)\b`),
  new RegExp(String.raw`\b${CODE} (?:\w+ ){0,2}(?:never|did not|didn t|didnt|has not|hasn t|hasnt|still hasn t|won t|doesn t|does not|is not|isn t) (?:\w+ )?${COME}\b`),
  // "aucun code", "pas de code", "toujours pas de sms", "no code came", "still no code"
  new RegExp(String.raw`^(?:(?:mais|et|ben|bah|euh|non|no|still|toujours) )*(?:aucun|aucune|pas de|pas d|pas le|pas mon|toujours pas de|no|not a|never a) ${CODE}(?: (?:recu|arrive|came|received|yet|encore|du tout))*$`),
];

/** The message says a code sent by SMS or e-mail did not come. */
export function saysCodeNotReceived(text: string): boolean {
  const t = plainText(text);
  return PATTERNS.some((re) => re.test(t));
}

/** Someone asks for the code, or a link or a payment is told: a scam story, not a code awaited. */
const SCAM_STORY = /\b(?:demande\w*|donne\w*|donner|lien|clique\w*|pay\w*|pai\w*|arnaque\w*|bizarre|suspect|asks?|asked|link|click\w*|scam)\b/;

/**
 * A first message that says a code never came ("jai pa resu mon code", "le code sms n'arrive pas", "I never got the
 * code"): a login trouble, the forgotten-password guide (it asks which site, then where to look and how to ask
 * again). The router reads words, not their negation: "reçu … code … sms" looked like a scam message, "code" alone
 * like the chèque énergie. Not with FranceConnect named (its own guide).
 */
export function codeNeverCame(text: string): 'mot-de-passe-oublie' | undefined {
  const t = plainText(text);
  if (!/\b(?:codes?|otp)\b/.test(t) || SCAM_STORY.test(t) || /\bfrance ?connect\b/.test(t) || t.split(' ').length > 16) return undefined;
  return saysCodeNotReceived(text) ? 'mot-de-passe-oublie' : undefined;
}
