/**
 * Not finding where to click on the page the step shows: "je trouve pa le bouton", "je vois pas où cliquer", "y a pas
 * le bouton", "il est où le lien ?", "I can't find the button", "where do I click?". Over `plainText()` (folded, SMS
 * spellings expanded). Read at a guide's step (src/guides/dialogs/stepAsides.ts): where it is, then a person offered.
 */
import { plainText } from './plainText';

const THING = '(?:bouton|boutons|bouton bleu|lien|onglet|case|rubrique|menu|touche|fleche)';
const CLICK = '(?:cliquer|clique|cliquez|appuyer|appuie|appuyez|toucher|touche|taper|aller)';
const FR = new RegExp(
  [
    `je (?:ne )?(?:trouve|vois|retrouve) (?:pas|plus|rien|toujours pas|pa)(?: (?:le|la|les|un|une|ce|cette|de|du|ou est le|ou est la))? ${THING}`,
    `je (?:ne )?(?:trouve|vois|sais) (?:pas|plus|pa) (?:ou|sur quoi|quoi) (?:il faut |faut |je dois |je peux |on doit |je )?${CLICK}`,
    `(?:il )?(?:n )?(?:y a|ya|y a) (?:pas|plus|aucun|aucune|pa) (?:de |d |le |la |ce |cette )?${THING}`,
    `(?:ou est|ou il est|il est ou|elle est ou|c est ou|ou ce trouve|ou se trouve|ou il y a|ou ya|ou y a) (?:le |la |ce |cette )?${THING}`,
    `(?:le|la|ce|cette) ${THING} (?:il |elle )?(?:est|se trouve|ce trouve) ou`,
    `(?:ou|sur quoi) (?:est ce que |faut il |il faut |faut |je dois |dois je |je |on )?${CLICK}\\b`,
    `pas (?:de|trouve (?:le|la)) ${THING}`,
  ].join('|'),
);
const EN = /\b(?:(?:can t|cannot|can not|don t|do not|couldn t) (?:find|see) (?:the|a|any) (?:button|link|tab|menu)|(?:there is|there s|i see) no (?:button|link)|no (?:button|link) (?:here|there)|where (?:is|s) the (?:button|link)|where (?:do|should|can) i (?:click|tap|press))\b/;

export function saysButtonNotFound(text: string): boolean {
  const t = plainText(text);
  return t.split(' ').length <= 14 && (FR.test(t) || EN.test(t));
}
