/**
 * Who the citizen is, or who the formality is for, when that changes what is true (`situations` of a guide): a retired
 * person at the France Travail actualisation ("je suis à la retraite, je dois encore m'actualiser ?"), a spouse at the
 * Ameli attestation ("et pour ma femme ?"), someone without French nationality at the identity card. Said at any
 * question of the guide, it gets its own sentence and the question again; said in the message that starts the guide,
 * a `first` situation is said instead of the guide (it does not apply to them). A situation with a `goto` is a way of
 * its own in the guide ("je suis à la MSA" at the lost carte Vitale): the guide goes to that step, at once when it is
 * said with (or just before) the message that starts the guide.
 */
import type { Locale } from '../../i18n/locale';
import { withoutDenied } from '../../nlu/deniedOrg';
import { NEGATION } from '../../nlu/negation';
import { normalize } from '../../nlu/normalize';
import { plainText } from '../../nlu/signals';
import type { LoadedGuide } from '../catalog';
import type { Guide } from '../schema';

export type Situation = Guide['situations'][number];

/** "c'est pour ma mère pas pour moi", "la msa pas la sécu": a contrast, no verb denied. */
const CONTRAST = /\b(?:pas|non|not) (?:pour|for) \w+/g;

/** A question about someone named before ("et c'est elle qui doit venir ?", "does he need to come?"). */
const ABOUT_SOMEONE = /\b(?:elle|lui|she|her|him)\b/; // not "il", "he": "il faut", "il marche pas"

/**
 * The guide's situation the message tells, if any (the first one, in file order); a question about "elle" or "lui"
 * takes the person from what was said before (`earlier`: the messages the guide heard).
 */
export function situationSaid(
  g: LoadedGuide,
  text: string,
  locale: Locale,
  firstOnly = false,
  earlier: { said: string }[] = [],
  /** The lines said just before the guide started ("je dépends de la MSA", then "j'ai perdu ma carte vitale"). */
  before: { said: string }[] = [],
): Situation | undefined {
  const now = told(g, text, locale, firstOnly) ?? before.map((b) => told(g, b.said, locale, firstOnly)).find((s) => s?.goto);
  if (now || !ABOUT_SOMEONE.test(plainText(text))) return now;
  for (let i = earlier.length - 1; i >= 0; i -= 1) {
    const before = told(g, earlier[i].said, locale, firstOnly);
    if (before) return before;
  }
  return undefined;
}

function told(g: LoadedGuide, text: string, locale: Locale, firstOnly: boolean): Situation | undefined {
  const plain = plainText(text);
  const said = new Set(normalize(plain, locale));
  if (said.size === 0) return undefined;
  const negated = NEGATION.test(withoutDenied(plain).replace(CONTRAST, ''));
  for (const s of g.guide.situations ?? []) {
    if (firstOnly && !s.first) continue;
    for (const phrase of s.means[locale]) {
      const p = plainText(phrase);
      if (NEGATION.test(p) !== negated) continue;
      const stems = normalize(p, locale);
      if (stems.length === 0 || !stems.every((st) => said.has(st))) continue;
      if (stems.length === 1 && !new RegExp(`\\b${p}\\b`).test(plain)) continue;
      return s;
    }
  }
  return undefined;
}
