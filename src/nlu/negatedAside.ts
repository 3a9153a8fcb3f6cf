/**
 * "je gagne pas beaucoup", "j'ai pas reçu le code", "je n'ai pas de chéquier" at a yes/no question ("Le test dit que
 * vous avez droit ?", "Le site accepte votre RIB ?"): a negated sentence that says more than "non", about something
 * the question does not ask. Read as a bare "Non" only when what it denies is what the question (or its step) is
 * about: "j'ai pas droit", "il commence pas par 7" stay the question's no. Used for a "no" found only through the
 * sentence's negation (`bare`, src/nlu/choices.ts), never for an answer's own words.
 */
import type { Locale } from '../i18n/locale';
import { NEGATION } from './negation';
import { normalize, phonetic } from './normalize';
import { negatedStems } from './optionScore';
import { plainText } from './plainText';

/** A message that opens with a no word is a no, whatever follows ("non je gagne trop"). */
const NO_FIRST = /^(?:non|nan|nn|no|nope|nah|pas encore|toujours pas|not yet|pas du tout)\b/;

/** An amount said small ("pas beaucoup", "pas grand chose", "not much"): a situation, not a step's result. */
const LITTLE = /\b(?:pas beaucoup|pas bcp|pas assez|pas grand chose|pas tant|pas des masses|pas lourd|not much|not enough|not a lot|not many)\b/;

/** Verbs of doing, seeing, finding and working: what a step's "no" denies; they name nothing of their own. */
const DOING: Record<Locale, string> = {
  fr: 'trouve trouver trouvé vois voir vu passe passer marche marcher fonctionne arrive arriver arrivé peux pu pouvoir réussi réussir ' +
    'fini finir fait faire terminé compris comprends comprendre sais savoir veut voulu accepte accepté ouvre ouvert ouvrir charge ' +
    'affiche clique cliqué tapé taper rempli remplir envoyé envoyer validé valider eu reçu reçois recevoir vient venu marqué écrit avancé avancer crois croire pense penser semble',
  en: 'find found see seen saw work worked works do did done get got receive received come came arrive arrived open opened click ' +
    'clicked type typed fill filled send sent accept accepted understand know knew load loaded show shows think believe',
};
const doing = new Map<Locale, Set<string>>();
function doingStems(locale: Locale): Set<string> {
  let got = doing.get(locale);
  if (!got) doing.set(locale, (got = new Set(normalize(DOING[locale], locale))));
  return got;
}

/** A failure said in words ("il me dit chèque non valable", "refusé"): the question's no, whatever else is said. */
const FAILED = /\b(?:non|nan|refus\w*|erreur|rejet\w*|invalide|valable|marche pas|marche plus|ne marche|passe pas|accepte pas|echec|refused|rejected|error|invalid|failed)\b/;

/**
 * The message denies something the question does not ask about: none of its own words is a word of `about` (the
 * question, its step's text, the answers' labels, the guide's prerequisites). A message with no word of its own ("je
 * crois pas", "j'ai pas fini"), one that opens with "non" or says it failed is no aside. An amount said small ("je
 * gagne pas beaucoup") is one, unless the question speaks of amounts.
 */
export function negatedAside(text: string, about: string[], locale: Locale): boolean {
  const plain = plainText(text);
  if (!NEGATION.test(plain) || NO_FIRST.test(plain) || FAILED.test(plain)) return false;
  // "je trouve pas la case", "j'ai pas fini": the step not done, whatever it is about — the question's no.
  const verbs = doingStems(locale);
  if ([...negatedStems(plain, locale)].some((s) => verbs.has(s))) return false;
  if (LITTLE.test(plain) && !about.some((a) => LITTLE.test(plainText(a)))) return true;
  const own = normalize(plain, locale).filter((s) => !verbs.has(s));
  // Stems as written or as they sound ("imprimente" is the "imprimante" of a prerequisite).
  const aboutStems = new Set(about.flatMap((a) => normalize(a, locale)).flatMap((s) => [s, phonetic(s, locale)]));
  return own.length > 0 && !own.some((s) => aboutStems.has(s) || aboutStems.has(phonetic(s, locale)));
}
