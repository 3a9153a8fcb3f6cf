/**
 * Money asked by a letter, and not being able to pay it ("ils me demandent de payer 300 euros", "je peux pas payer",
 * "la CAF me demande de rembourser un trop-perçu", "j'ai une amende, j'ai pas les moyens", "I can't afford it"): the
 * organisation can give a delay or instalments. Not a payment that does not work on a website ("je peux pas payer en
 * ligne"), which is a step of a guide. Patterns over `plainText()`.
 */

/** Cannot pay: no money, not able to pay or repay. */
const CANNOT = [
  /\b(?:je|j) (?:ne )?(?:peux|peut|pourrai|pourrais|arrive|arriverai|vais pas pouvoir) (?:pas|plus|jamais) (?:a )?(?:tout )?(?:la |le |les |l |leur |lui )?(?:payer|paye|paie|rembourser|rembourse|rendre|regler)\b/,
  /\b(?:je|j) (?:n )?(?:ai|aurai) (?:pas|plus|jamais|rien|pas assez) (?:pour (?:payer|rembourser)|les moyens|l argent|d argent|assez d argent|de quoi (?:payer|rembourser)|les sous|le sou|de sous|ce qu il faut|cette somme|autant)\b/,
  /\b(?:pas (?:les moyens|assez d argent|de quoi payer)|impossible de (?:payer|rembourser)|trop cher pour moi|je suis (?:fauchee?|a sec|sans argent|dans la dette)|payer en plusieurs fois|un delai (?:de paiement|pour payer)|un echeancier)\b/,
  /\b(?:i )?(?:can t|cannot|can not|won t be able to|am unable to) (?:pay|afford|repay|pay (?:it )?back)\b|\b(?:i )?(?:don t|do not) have (?:the|enough) money\b|\bno money to pay\b|\bpay in instal?ments\b|\bpayment plan\b/,
];
/** A payment on a site or by card that does not go through is a technical step, not a debt. */
const ONLINE = /\b(?:en ligne|sur (?:le |ce )?site|par (?:carte|cb|internet)|avec (?:ma |la )?(?:carte|cb)|sur internet|online|by card|on the (?:site|website))\b/;

/** Money asked: to pay, to repay, a fine, an overpayment. */
const ASKED = [
  /\b(?:me|m|nous) (?:demande\w*|reclame\w*|veu\w*|dema\w*) (?:de |d )?(?:payer|paye|paie|rembourser|rendre|reverser|regler|\d+ ?(?:e|eur|euros?)|des sous|de l argent|(?:une|la) (?:somme|dette))\b/,
  /\b(?:veut|veulent) (?:que je|que j) (?:paye|paie|payer|rembourse|rende|regle)\b/,
  // "ils veulent 300 balles", "la caf réclame 400 euros": an amount claimed, no "me".
  /\b(?:ils|elle|il|on|caf|impots|tresor public) (?:veu\w*|demande\w*|reclame\w*|exige\w*) (?:\d+ ?(?:e|eur|euros?|balles)|des sous|de l argent|du fric)\b/,
  /\b(?:je (?:dois|devrais|vais devoir) |il (?:me )?faut (?:que je )?|faut (?:que je )?)(?:payer|paye|paie|rembourser|rembourse|rendre|reverser|regler) (?:\d|une|un|la|le|les|ca|cette|tout)/,
  /\b(?:trop percu|un indu|une dette|a rembourser|somme a payer|\d+ ?(?:e|eur|euros?) a payer|(?:j ai (?:recu |eu |pris |pris )?|mon |cette )(?:une |un )?(?:amendes?|amandes?|contraventions?|pv)|majoration|mise en demeure|relance de paiement)\b/,
  // A fine received or with its amount ("g recu un avis de contravention", "amende de stationnement 35€ c vrai ?").
  /\b(?:recu|eu|pris) (?:une |un |1 )?(?:avis de )?(?:amendes?|amandes?|contraventions?|pv)\b|\b(?:amendes?|amandes?|contraventions?|pv)\b(?: [a-z]+){0,3} \d+ ?(?:e|eur|euros?|€)(?![a-z])/,
  /\b(?:want|wants|asks?|asking|asked) me to (?:pay|repay|pay back)\b|\bi (?:have|need|must) to (?:pay|repay|pay back)\b|\bi owe\b|\boverpayment\b|\bpay back \d+/,
];

export type MoneyOwed = 'cannot' | 'asked';

/** What the message says about money owed: not able to pay it, or only asked for it. */
export function moneyOwed(t: string): MoneyOwed | undefined {
  if (CANNOT.some((re) => re.test(t)) && !ONLINE.test(t)) return 'cannot';
  if (!ASKED.some((re) => re.test(t))) return undefined;
  // "la CAF me demande de rembourser 800 euros, je peux pas": the "pas" at the end is about paying.
  return /\b(?:je (?:ne )?(?:peux|peut) (?:pas|plus)|c est (?:trop|impossible)|i can t|i cannot)$/.test(t) ? 'cannot' : 'asked';
}

export type DebtTopic = 'taxes' | 'caf' | 'fine' | 'bill';

/** Who asks for the money, when the message names it. */
export function debtTopic(t: string): DebtTopic | undefined {
  if (/\b(?:amendes?|amandes?|contraventions?|pv|proces verbal|antai|radar|stationnement|fine|parking ticket|speeding ticket)\b/.test(t)) return 'fine';
  if (/\b(?:impots?|impot|fisc|finances publiques|tresor public|dgfip|taxe (?:fonciere|d habitation)|tax|taxes|tax office)\b/.test(t)) return 'taxes';
  if (/\b(?:caf|trop percu|indu|overpayment)\b/.test(t)) return 'caf';
  if (/\b(?:factures?|edf|engie|gaz|electricite|eau|loyer|bailleur|operateur|bills?|rent|electricity)\b/.test(t)) return 'bill';
  return undefined;
}
