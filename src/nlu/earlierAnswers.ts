/**
 * Did something the citizen said earlier already answer a guide's question? ("je suis déjà inscrit", "pour ma
 * fille de 12 ans", "j'ai mon timbre"): the answers a message gives in its own words, and what is left of it
 * once an answer used its words. Split from `choices.ts` (the answer to the question on screen).
 */
import type { Locale } from '../i18n/locale';
import { NO_ANSWER_WORDS, type AnswerWords } from './answerWords';
import type { ChoiceOption } from './choices';
import { pickByMonths } from './durations';
import { normalize, stem } from './normalize';
import { plainText } from './signals';
import { NEGATION } from './negation';
import { withoutDenied } from './deniedOrg';


/** Words that open a new clause of a dictated sentence (a negation before them does not reach past them). */
const CLAUSE_BREAK = /\b(?:mais|donc|parce que|car|puis|bref|sauf que|but|because)\b/;

/** An answer found in something said earlier, and the words of the message it used. */
export interface EarlierAnswer {
  option: ChoiceOption;
  weight: number;
  /** The stems that told this answer (not to be used again for the next question). */
  used: string[];
}

/**
 * Did something said earlier already answer this question? Only the citizen's own words count (a label or
 * an `alsoMeans` phrasing found whole in the message, or a time that falls in a range answer), and only
 * words that tell this answer from the others: a word another answer's label also uses proves nothing. A
 * word of the topic (the guide's title and keywords: "inscription pôle emploi" names the guide) proves
 * nothing either — unless the title itself names several answers ("Carte Vitale perdue ou volée": then
 * "j'ai perdu ma carte Vitale" does say "Perdue"). Every candidate, best first.
 */
export function earlierAnswers(
  utterance: string,
  options: ChoiceOption[],
  locale: Locale,
  topic: string,
  words: AnswerWords = NO_ANSWER_WORDS,
  title = topic,
  now?: number,
): EarlierAnswer[] {
  const texts = [utterance, ...words.heard(utterance, locale)].map(plainText);
  const heard = new Set(texts.slice(1));
  const said = new Set(texts.flatMap((t) => normalize(t, locale)));
  if (said.size === 0) return [];
  // "c'est la msa pas la sécu": a contrast between two organisations, no verb denied.
  const negated = NEGATION.test(withoutDenied(plainText(utterance)));
  // A negation denies its own clause only: "je voudrais faire ma carte d'identité mais je sais pas comment" does
  // say "Carte d'identité". A phrasing is negated when a clause holding one of its words is.
  const clauses = utterance
    .split(/[,;.!?]+/)
    .flatMap((c) => plainText(c).split(CLAUSE_BREAK))
    .map((c) => ({ stems: new Set(normalize(c, locale)), negated: NEGATION.test(withoutDenied(c)) }));
  const negatedAround = (stems: string[]): boolean => {
    const holding = clauses.filter((c) => stems.some((st) => c.stems.has(st)));
    return holding.length > 0 ? holding.some((c) => c.negated) : negated;
  };
  // What an affirmative phrasing may be made of: the message and its affirmative meanings — not a negated one
  // ("je le vois nulle part" means "je trouve pas": that does not make "j'ai trouvé le bouton").
  const affirmable = new Set(texts.filter((t, k) => k === 0 || !NEGATION.test(withoutDenied(t))).flatMap((t) => normalize(t, locale)));
  const topicStems = new Set(normalize(topic, locale));
  const labelStems = options.map((o) => new Set(normalize(o.label, locale)));
  // The topic names several answers ("perdue ou volée"): its words then tell them apart.
  const titleStems = new Set(normalize(title, locale));
  const topicNamesAnswers = labelStems.filter((stems) => [...stems].some((st) => titleStems.has(st))).length >= 2;
  const byOption = new Map<ChoiceOption, EarlierAnswer>();
  const byMonths = pickByMonths(utterance, options, locale, now);
  if (byMonths) byOption.set(byMonths, { option: byMonths, weight: 2, used: [] });
  options.forEach((o, i) => {
    const others = new Set(labelStems.flatMap((set, k) => (k === i ? [] : [...set])));
    for (const phrase of [o.label, ...(o.synonyms ?? [])]) {
      // What the message means in everyday words counts as said, negated or not ("licencié" → "je n'ai plus d'emploi").
      const stems = normalize(phrase, locale);
      if (NEGATION.test(plainText(phrase)) !== negatedAround(stems) && !heard.has(plainText(phrase))) continue;
      if (stems.length === 0 || !stems.every((st) => said.has(st))) continue;
      if (!NEGATION.test(plainText(phrase)) && !stems.every((st) => affirmable.has(st))) continue;
      // One word in common is weak: the phrasing must then be there word for word ("j'ai déjà un espace"),
      // not just its one content word ("pendant la pré-demande" is not in "je dois faire une pré-demande").
      if (stems.length === 1 && !texts.some((t) => inOrder(plainText(phrase), t))) continue;
      const telling = stems.filter((st) => st.length >= 2 && !others.has(st) && (!topicStems.has(st) || topicNamesAnswers));
      // An answer that joins others ("Les deux": "carte d'identité et passeport") has no word of its own: its
      // phrasing said whole, in order, tells it — and says more than each of the answers it joins.
      const joins = telling.length === 0 && stems.length >= 2 && !labelStems.some((set, k) => k !== i && stems.every((st) => set.has(st)));
      const joined = joins && texts.some((t) => inOrder(plainText(phrase), t)) ? stems.length : 0;
      if (telling.length === 0 && !joined) continue;
      // On a tie, words that are not the guide's own name say more ("ma carte d'identité … volée" is "Carte
      // perdue ou volée": the card names the formality, the theft the situation).
      const weight = joined || telling.length + stems.length / 10 + telling.filter((st) => !topicStems.has(st)).length / 20;
      const current = byOption.get(o);
      if (!current || weight > current.weight) byOption.set(o, { option: o, weight, used: stems });
    }
  });
  // What the message means in everyday words may be an answer that has no word of its own to stem ("je
  // déménage dans 2 semaines" means "pas encore"): word for word.
  for (const h of heard) {
    const exact = options.filter((o) => [o.label, ...(o.synonyms ?? [])].some((p) => plainText(p) === h && normalize(p, locale).length === 0));
    if (exact.length === 1 && !byOption.has(exact[0])) byOption.set(exact[0], { option: exact[0], weight: 1, used: [] });
  }
  // A yes is the general path: a specific answer said in the same message says more ("j'ai reçu mon chèque,
  // pour acheter du fioul" is "Pour du fioul ou du bois").
  const found = [...byOption.values()];
  const specific = found.some((f) => f.option.role === undefined);
  return found.filter((f) => !(specific && f.option.role === 'yes')).sort((a, b) => b.weight - a.weight);
}

/** The words of a phrasing, in order in the text, at most one other word between two ("j'ai déjà un compte" holds "j'ai un compte"). */
function inOrder(phrase: string, text: string): boolean {
  const want = phrase.split(' ').filter(Boolean);
  const have = text.split(' ');
  for (let start = 0; start < have.length; start += 1) {
    if (have[start] !== want[0]) continue;
    let at = start;
    let ok = true;
    for (let k = 1; k < want.length && ok; k += 1) {
      if (have[at + 1] === want[k]) at += 1;
      else if (have[at + 2] === want[k]) at += 2;
      else ok = false;
    }
    if (ok) return true;
  }
  return false;
}

/** The unique best answer found in something said earlier (see `earlierAnswers`). */
export function recognizeEarlierAnswer(utterance: string, options: ChoiceOption[], locale: Locale, topic: string, words: AnswerWords = NO_ANSWER_WORDS): ChoiceOption | undefined {
  const [best, second] = earlierAnswers(utterance, options, locale, topic, words);
  return best && (!second || second.weight < best.weight - 1e-9) ? best.option : undefined;
}

/** What is left of a message once some of its words have been used ("passeport pour mon bébé" minus "bébé"). */
export function withoutStems(utterance: string, used: string[], locale: Locale): string {
  const gone = new Set(used);
  return plainText(utterance)
    .split(' ')
    .filter((w) => !gone.has(stem(w, locale)))
    .join(' ');
}
