/**
 * A vague trouble with an account or an office's site ("j'ai un problème avec mon compte ameli", "souci avec la caf",
 * "ça bug sur france travail", "problem with my ameli account"): which site, when nothing else says what the problem
 * is. A real advisor asks what it is (can't log in, no account yet, something else) instead of starting a guide at
 * random. Not when the message says what: a login trouble (the password guide), creating the account, a formality, a
 * payment, a letter or a message. Read over `plainText()`.
 */
import { situationIntent } from './routeGuards';

/** The sites a trouble may be about: ids used by the bot's table of their guides. */
export type TroubleSite = 'ameli' | 'caf' | 'impots' | 'france-travail' | 'ants';

const SITES: Array<[TroubleSite, RegExp]> = [
  ['ameli', /\b(?:ameli\w*|assurance maladie|secu|securite sociale|cpam)\b/],
  ['caf', /\b(?:caf|kaf|allocations familiales)\b/],
  ['impots', /\b(?:impots?|impot gouv|impots gouv|fisc|finances publiques|espace particulier|tax|taxes|tax office)\b/],
  ['france-travail', /\b(?:france travail|francetravail|pole emploi)\b/],
  ['ants', /\b(?:ants|france titres)\b/],
];

/** Something wrong, said without what ("un problème", "un souci", "ça bug", "ça marche pas", "an issue"). */
const TROUBLE =
  /\b(?:problemes?|pbs?|prob|soucis?|souci|bug\w*|beug\w*|bogue\w*|galere\w*|blocage|marche (?:pas|plus|mal)|fonctionne (?:pas|plus|mal)|veut pas|probl[eè]ms?|problem|problems|issues?|trouble|not working|doesn t work|does not work|won t work)\b/;

/** What the problem is, said: then the router or another reading knows better. */
const SAID_WHAT =
  /\b(?:cre(?:er|e|ee|ation)|ouvr\w*|inscri\w*|declar\w*|demande\w*|actualis\w*|attestation\w*|cartes?|vitale|rembours\w*|paie\w*|paye\w*|pay\w*|versement\w*|virement\w*|argent|sous|euros?|apl|rsa|aah|prime\w*|chomage|allocs?|retraite|pension|amendes?|courriers?|lettres?|mails?|e mail|sms|messages?|textos?|appel\w*|codes?|mot de passe|mdp|identifiants?|connex\w*|connect\w*|passeport|permis|grise|rdv|rendez vous|create|register\w*|apply|letter|password|login|log in|refund\w*|money)\b|\d/;

/** An account named without its site ("mon compte", "my account"): which one is asked first. */
const ACCOUNT = /\b(?:compte|comptes|cpte|account|accounts|mon espace|espace perso\w*|espace personnel)\b/;
/** Accounts of other kinds than an office's: a bank, a phone, a social network. */
const NOT_OURS = /\b(?:bancaire|banque|bank|banking|facebook|whatsapp|instagram|google|gmail|apple|telephone|phone|orange|sfr|free|bouygues|amazon|paypal|netflix|edf|engie)\b/;

/** The sites a message names (`plainText()`): "c'est celui des impots" → impots. */
export function sitesNamed(t: string): TroubleSite[] {
  return SITES.filter(([, re]) => re.test(t)).map(([site]) => site);
}

/**
 * The site of a vague trouble, if the message is one; 'which' when it names an account but no site ("j'ai un problème
 * avec mon compte", "mon compte marche pas", "I have a problem with my account").
 */
export function vagueTrouble(t: string): TroubleSite | 'which' | undefined {
  if (!TROUBLE.test(t) || SAID_WHAT.test(t) || t.split(' ').length > 16) return undefined;
  if (situationIntent(t)) return undefined;
  const found = sitesNamed(t);
  if (found.length === 0 && ACCOUNT.test(t) && !NOT_OURS.test(t)) return 'which';
  // Two sites named ("un souci avec la caf et les impôts"): not one trouble to ask about.
  return found.length === 1 ? found[0] : undefined;
}
