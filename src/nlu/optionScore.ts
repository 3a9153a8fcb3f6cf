/**
 * The last chance for an answer in the citizen's own words, before "je n'ai pas compris": a scored, partial
 * match of the message against every answer's label and `alsoMeans` phrasings.
 *
 * The strict matcher of `choices.ts` wants all the words of one phrasing in the message. People say part of
 * it in other words: "jai pas le certificat de décès" for "Pas d'acte de décès", "le lien il est périmé" for
 * "Lien trop vieux". Here each answer gets a score: the share of one of its phrasings found in the message,
 * each word weighted by the share of its use among the answers' phrasings (a word several answers use
 * counts less), words compared after stemming and with a little spelling tolerance. The best answer is taken only
 * when it covers at least half of a phrasing with at least one word no other answer uses, and clearly beats
 * the second best (a wrong answer is worse than a question asked again).
 */
import { distance } from 'fastest-levenshtein';
import type { Locale } from '../i18n/locale';
import { normalize, stem } from './normalize';
import { plainText } from './signals';
import type { Explained } from './answerWords';
import { NEGATION } from './negation';

export interface ScoredOption<O> {
  option: O;
  /** How many words of the phrasing no other answer uses were found in the message. */
  telling: number;
}

interface Phrased {
  label: string;
  synonyms?: string[];
  role?: string;
}

/** Least share of a phrasing's weight found in the message. */
export const MIN_COVERAGE = 0.5;
/** Least lead of the best answer over the second. */
export const MIN_MARGIN = 0.2;
/** Least share of a word's use that one answer must have for the word to tell that answer. */
export const TELLING_SHARE = 0.66;


function close(a: string, b: string): boolean {
  if (a === b) return true;
  // "faus" (fausses) and "fau" (faux): one letter more at the end of a stem.
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.length === short.length + 1 && long.startsWith(short)) return true;
  if (a.length < 5 || b.length < 5) return false;
  return 1 - distance(a, b) / Math.max(a.length, b.length) >= 0.8;
}

/** `texts`: the message, then what it also means in everyday words (dialogs/_answers.yaml). */
export function scoreOptions<O extends Phrased>(texts: string[], options: O[], locale: Locale): ScoredOption<O> | undefined {
  const plain = plainText;
  const denied = new Set(texts.flatMap((t) => [...negatedStems(t, locale)]));
  const said = [...new Set(texts.flatMap((t) => normalize(t, locale)))];
  if (said.length === 0) return undefined;
  const negated = texts.some((t) => NEGATION.test(plain(t)));
  const has = (st: string) => said.some((s) => close(s, st));
  const phrasesOf = (o: O) => [o.label, ...(o.synonyms ?? [])].map((p) => ({ negative: NEGATION.test(plain(p)), stems: [...new Set(normalize(p, locale))] }));
  const phrased = options.map((o) => ({ o, phrases: phrasesOf(o) }));
  // How much a word points to each answer: the share of the answer's phrasings that use it, over all answers.
  const use = (st: string, phrases: Array<{ stems: string[] }>) => phrases.filter((p) => p.stems.some((x) => close(x, st))).length / phrases.length;
  const shareCache = new Map<string, number[]>();
  const shares = (st: string) => {
    let got = shareCache.get(st);
    if (!got) {
      const uses = phrased.map(({ o, phrases }) => (o.role === 'stuck' ? 0 : use(st, phrases)));
      const total = uses.reduce((a, b) => a + b, 0);
      got = uses.map((u) => (total === 0 ? 0 : u / total));
      shareCache.set(st, got);
    }
    return got;
  };
  const scored = phrased.map(({ o, phrases }, i) => {
    let best = { score: 0, telling: 0, coverage: 0 };
    if (o.role === 'stuck') return { o, ...best };
    const share = (st: string) => shares(st)[i];
    // An answer that says something is missing ("Pas d'acte de décès") lists the missing thing among its
    // phrasings ("certificat de décès"): in a negated message ("j'ai pas le certificat"), that phrasing counts.
    const absence = phrases[0].negative;
    for (const p of phrases) {
      if (p.stems.length === 0 || (p.negative !== negated && !(absence && negated))) continue;
      const matched = p.stems.filter(has);
      if (!p.negative && !absence && matched.some((st) => denied.has(st))) continue;
      // A word that mostly this answer's phrasings use tells it from the others.
      const telling = matched.filter((st) => st.length >= 3 && share(st) >= TELLING_SHARE).length;
      if (telling === 0) continue;
      const coverage = matched.reduce((a, st) => a + share(st), 0) / p.stems.reduce((a, st) => a + Math.max(share(st), 0.05), 0);
      const score = coverage + 0.1 * telling;
      if (score > best.score) best = { score, telling, coverage };
    }
    return { o, ...best };
  });
  scored.sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (!first || first.coverage < MIN_COVERAGE) return undefined;
  if (second && first.score - second.score < MIN_MARGIN) return undefined;
  return { option: first.o, telling: first.telling };
}

/**
 * The stems of a message that a negation word just before denies ("je l'ai PAS perdue", "NOT stolen"): the
 * rest of the message stays affirmative ("sorry I don't understand French, it was stolen" is "stolen").
 */
export function negatedStems(utterance: string, locale: Locale): Set<string> {
  const tokens = plainText(utterance).split(' ');
  const out = new Set<string>();
  // "don t", "can t", "won t": the apostrophe gone, the negation is two tokens.
  const denies = (j: number) => NEGATION.test(tokens[j]) || (tokens[j] === 't' && /^(?:don|can|won|ain)$/.test(tokens[j - 1] ?? ''));
  tokens.forEach((tok, i) => {
    const after = tokens.slice(Math.max(0, i - 3), i).some((_, k) => denies(Math.max(0, i - 3) + k));
    // "je NE trouve PAS": the verb between "ne" and "pas" is denied too.
    const between = tokens.slice(Math.max(0, i - 2), i).some((w) => w === 'ne' || w === 'n') && tokens.slice(i + 1, i + 3).some((w) => NEGATION.test(w));
    // Spoken French drops the "ne": "il accepte pas mon mot de passe", "ça marche jamais", "je travaille plus" deny
    // the verb before ("le code arrive toujours pas": an adverb between them; "je travaille plus de 20 heures" and
    // "plus tard" compare).
    const at = /^(?:toujours|encore|vraiment|trop)$/.test(tokens[i + 1] ?? '') ? i + 2 : i + 1;
    const next = tokens[at];
    const noLonger = next === 'plus' && NEGATION.test(tokens.slice(at, at + 2).join(' ')) && !/^(?:de|d|que|qu)$/.test(tokens[at + 1] ?? '');
    const spoken = locale === 'fr' && (/^(?:pas|jamais)$/.test(next ?? '') || noLonger) && !/^(?:pas|plus|jamais|toujours|encore|pourquoi|ou|oui|non|si)$/.test(tok);
    if (after || between || spoken) out.add(stem(tok, locale));
  });
  return out;
}

/**
 * The words an everyday-word group explains, and the words of what it means (not already in the message):
 * a phrasing made of both counts the same words twice ("c'est ma fille qui me l'a créé": "me l'a créé" means
 * "j'ai déjà un espace"; its "créé" with that "espace" is not "je crée mon espace").
 */
export function explainedStems(explained: Explained[], utterance: string, locale: Locale): Array<{ words: Set<string>; meant: Set<string> }> {
  const said = new Set(normalize(utterance, locale));
  return explained.map((e) => {
    const meant = new Set(e.means.flatMap((m) => normalize(m, locale)));
    return { words: new Set(normalize(e.words, locale).filter((st) => !meant.has(st))), meant: new Set([...meant].filter((st) => !said.has(st))) };
  });
}

/**
 * Does this phrasing take all the words a group explains and also that group's meaning? (Some of them with the
 * meaning is the message said over: "zappé la déclaration" is "oublié la déclaration".)
 */
export function countsTwice(stems: string[], groups: Array<{ words: Set<string>; meant: Set<string> }>): boolean {
  return groups.some((g) => g.words.size > 0 && [...g.words].every((st) => stems.includes(st)) && stems.some((st) => g.meant.has(st)));
}
