/**
 * "C'est long ?" asked inside a guide, in the citizen's spelling: "c long ?", "ça prend combien de temps", "y en a
 * pour longtemps ?", "il reste beaucoup d'étapes ?", "how long does it take". The guide says how many steps are
 * left and that the service's answer time is its own (src/guides/dialogs/guideLength.ts), then asks its question
 * again.
 *
 * Only a question: "ça fait longtemps que j'attends" or "j'ai pas le temps" are feelings or stories, read elsewhere.
 */
import { plainText } from './plainText';

const FR = [
  /\b(?:c|ce|se|c est|ces|sest|cest|ca va etre|ca sera|c est encore|est ce|est ce que c est|c est tres|c est trop) (?:long|longtemps|encore long)\b/,
  /\b(?:ca|sa|cela|il|elle) (?:prend|prends|dure|va prendre|va durer|demande) (?:combien de temps|longtemps|du temps|beaucoup de temps|des heures)\b/,
  /\bcombien de (?:temps|minutes|heures|jours|semaines|mois|etapes)\b/,
  /\b(?:en combien de temps|y en a pour (?:longtemps|combien)|on en a pour (?:longtemps|combien)|(?:il )?(?:reste|y a) (?:encore )?(?:beaucoup|combien) d etapes)\b/,
  /\b(?:quel est le |quel |le |les )?delais?\b/,
  /\bquand (?:est ce que )?(?:je (?:vais|l|la|les) (?:le |la |les )?(?:avoir|aurai|recevoir|recevrai|recois)|(?:ca|sa|elle|il) (?:arrive|arrivera|va arriver)|j aurai (?:la reponse|une reponse|ma carte|mon passeport|mon argent))\b/,
];
const EN = [
  /\bhow (?:long|many steps)\b/,
  /\b(?:is it|will it be|does it take) (?:long|a long time)\b/,
  /\bwhen will i (?:get|receive|have)\b/,
];
/** Stories about time, not questions about the formality's length. */
const NOT_A_QUESTION = /\b(?:ca fait (?:longtemps|des (?:heures|jours|semaines|mois))|depuis (?:longtemps|des)|j ai pas le temps|je n ai pas le temps|pas le temps|for (?:a long time|ages|hours|days))\b/;

/** Does the message ask how long the formality takes (or how many steps are left)? */
export function asksHowLong(text: string): boolean {
  if (/\d/.test(text) || text.length > 120) return false;
  const t = plainText(text);
  if (!t || NOT_A_QUESTION.test(t)) return false;
  return FR.some((re) => re.test(t)) || EN.some((re) => re.test(t));
}
