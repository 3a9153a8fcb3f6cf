/**
 * "Ça coûte combien ?" asked inside a guide, in the citizen's spelling: "c combien", "cé konbien", "sa coute cher",
 * "c payant ?", "faut payer kelke chose ?", "y a des frais", "how much is it", "do I have to pay". The guide
 * answers with its own price fact, then asks its question again (src/guides/dialogs/guidePrice.ts).
 *
 * Only a question about the price: an amount ("on me demande 39 euros") is a doubt about a payment, checked as a
 * possible scam before any guide sees it; "j'ai payé" or "je peux pas payer" are answers or stories; "ok c'est
 * gratuit" agrees with what was said.
 */
import { smsWords } from './smsWords';

/** Spellings by ear of the few words a price question uses, token by token (folded text, no apostrophes). */
const SPELLINGS: Record<string, string> = {
  cest: 'c est', sest: 'c est', ces: 'c est',
  sa: 'ca', ssa: 'ca',
  koute: 'coute', coutes: 'coute', coute: 'coute', kout: 'coute', cout: 'coute', couter: 'coute', coutera: 'coute', kouter: 'coute',
  kombien: 'combien', konbien: 'combien', conbien: 'combien', combiens: 'combien', combi1: 'combien', komben: 'combien', combien: 'combien', cbien: 'combien',
  peye: 'payer', paye: 'payer', payer: 'payer', paie: 'payer', paier: 'payer', peyer: 'payer',
  payan: 'payant', peyan: 'payant', payent: 'payant', payante: 'payant',
  gratos: 'gratuit', gratui: 'gratuit', gratuis: 'gratuit', gratuite: 'gratuit', gratuits: 'gratuit', grtuit: 'gratuit',
  fo: 'faut', fau: 'faut', faudra: 'faut', faudrait: 'faut', jdoi: 'je dois', jdois: 'je dois', doi: 'dois',
  che: 'cher', chere: 'cher', ya: 'il y a', kelke: 'quelque', kelk: 'quelque', qqch: 'quelque chose', qqc: 'quelque chose',
  pri: 'prix', tarifs: 'tarif', frai: 'frais', fre: 'frais', cb: 'carte',
};

/** What "c", "cé", "sé", "s" introduce as "c'est" here ("c combien", "cé payant"). */
const AFTER_C_EST = /^(?:combien|payant|gratuit|cher)$/;

function written(text: string): string {
  return smsWords(text, SPELLINGS, AFTER_C_EST).join(' ');
}

const FR = [
  // "combien", "c'est combien", "combien ça coûte", "combien d'euros" — not "combien de temps / de jours / de papiers"
  /\bcombien\b(?! (?:de|d) (?!euros?|argent|sous|frais)\w)(?! (?:ca|c est|il faut de) (?:prend|dure|temps))(?! (?:temps|jours?|mois|semaines?|heures?|fois))/,
  /\b(?:ca|c est|cela|il|elle|le|la) (?:coute|vaut|revient)\b/,
  /\b(?:coute|couter) (?:cher|combien|quelque chose|de l argent|des sous)\b/,
  /\b(?:c est|est ce|c|ca|trop|tres) cher\b/,
  /\b(?:c est |est ce (?:que c est )?|ca (?:va etre|sera|reste) |c est (?:bien|vraiment) |c est toujours )?(?:payant|gratuit)\b/,
  /\b(?:faut|dois|doit|devoir|devrai|devrais|on doit|je dois|il faut|faut il) (?:il |t il )?(?:encore )?(?:payer|sortir des sous|raquer|debourser|donner de l argent)\b/,
  /\b(?:on|je|ca se|est ce qu on|est ce que je) (?:paye|payer|paie)\b(?! (?:par|en|avec|sur|ma|mon|le|la|les|des)\b)/,
  /\b(?:payer quelque chose|quelque chose a payer|a payer)\b/,
  /\bsortir (?:la carte|ma carte|des sous|de l argent|le porte monnaie)\b/,
  /\b(?:il y a|y a|des|les|quels|quel) (?:des )?frais\b/,
  /\b(?:le |quel |un )?(?:prix|tarif)\b/,
];
const EN = [
  /\bhow much\b(?! (?:time|longer))/,
  /\b(?:does it|will it|what does it|what s the|what is the) cost\b|\bcosts?\b/,
  /\b(?:price|fee|fees|expensive)\b/,
  /\b(?:is it|is this|is that|it s|its) (?:free|paid)\b|\bfree of charge\b/,
  /\b(?:do i|will i|must i|should i|have to|need to|got to) (?:have to |need to )?pay\b/,
];

/**
 * "combien" or "how much" about the citizen's own money — "je sais pas combien j'ai gagné", "combien je vais toucher",
 * "how much did I earn", "le rsa c'est combien" — is an amount to declare or to receive, not a price, unless paying
 * is said too.
 */
const OWN_AMOUNT = /\b(?:combien (?:j|je|tu|il|ils|elle|elles|on|nous|vous|me|m|mon|ma|mes)|how much (?:i|did i|do i|have i|i ve|will i|they|my))\b/;
/** "le rsa c'est combien par mois", "how much is the housing benefit": the amount of a benefit, received, not paid. */
const BENEFIT = String.raw`(?:rsa|apl|als|alf|aah|aspa|prime|primes|allocations?|allocs?|alloc|aide au logement|aides au logement|retraite|pension|reversion|chomage|are|indemnites?|cheque energie|benefits?|allowance|pension|bonus)`;
const BENEFIT_AMOUNT = new RegExp(String.raw`\b${BENEFIT}\b.*\b(?:combien|how much)\b|\b(?:combien|how much)\b.*\b${BENEFIT}\b`);
const PAYING = /\b(?:pay\w*|paie\w*|peye\w*|coute|cost\w*|prix|price|frais|fees?|cher|tarif|gratuit|free|charge\w*|dois|doit)\b/;

/** Is "combien" / "how much" about the citizen's own money rather than a price? (folded text) */
export function asksOwnAmount(folded: string): boolean {
  return (OWN_AMOUNT.test(folded) || BENEFIT_AMOUNT.test(folded)) && !PAYING.test(folded);
}

/** "c combien la prime ?", "how much is the housing benefit": the amount of a benefit asked (not a price). */
export function asksBenefitAmount(text: string): boolean {
  const t = written(text);
  return Boolean(t) && BENEFIT_AMOUNT.test(t) && !PAYING.test(t);
}

/** An agreement with what was said ("ok c'est gratuit", "d'accord merci c'est payant") is no question. */
const AGREES = /^(?:ok|okay|d accord|dac|super|parfait|top|cool|genial|merci|ah ok|ah d accord|bon|tres bien|great|thanks|fine|alright|right)\b/;

/** Does the message ask what the formality costs (or whether it is free)? */
export function asksPrice(text: string): boolean {
  if (/\d/.test(text) || text.length > 160) return false;
  const t = written(text);
  if (!t || (AGREES.test(t) && !/\?/.test(text))) return false;
  if (asksOwnAmount(t)) return false;
  return FR.some((re) => re.test(t)) || EN.some((re) => re.test(t));
}
