/**
 * Which of the offered answers did the citizen pick? Numbered replies behave like buttons.
 * Order: the answer's number ("2", "2.", "n°2"); its label or a synonym (case/accent-insensitive);
 * yes/no words for yes/no answers (@microsoft/recognizers-text-choice: "ouais", "d'accord"...);
 * then botbuilder-dialogs' recognizeChoices for numbers in words and ordinals ("deux", "le deuxième").
 */
import { recognizeChoices, type FoundChoice } from 'botbuilder-dialogs';
import { recognizeBoolean } from '@microsoft/recognizers-text-choice';
import { distance } from 'fastest-levenshtein';
import { fold } from '../text/fold';
import type { Locale } from '../i18n/locale';
import { leadingYesNo, normalize, stem, withoutArticles } from './normalize';
import { plainText, saysDontKnow } from './signals';
import { meansOf, NO_ANSWER_WORDS, type AnswerWords, type Explained } from './answerWords';
import { pickByMonths } from './durations';
import { rankSaid } from './numberWords';
import { saysWhereUnknown } from './whereUnknown';
import { dontKnowBecauseSomeoneElse } from './dontKnowBecause';
import { notUnderstood } from './notUnderstood';
import { countsTwice, explainedStems, negatedStems, scoreOptions } from './optionScore';

import type { ChoiceRole } from './roleWords';
export type { ChoiceRole } from './roleWords';

export interface ChoiceOption {
  /** What to type to pick it: "1", "2"... ("0" for the human in the menu). */
  key: string;
  label: string;
  /** Internal meaning: a goto target, a guide id, "yes"... never shown. */
  value: string;
  role?: ChoiceRole;
  synonyms?: string[];
}

const CULTURE: Record<Locale, string> = { fr: 'fr-fr', en: 'en-us' };

export { FAILED_WORDS, GO_ON_SYNONYMS, ROLE_SYNONYMS, saysFailed } from './roleWords';
import { leadingYes, wordsOfRole } from './roleWords';
import { NEGATION } from './negation';
import { refusalSaid } from './refusal';
import { amountOf, amountsClash, type Amount } from './amounts';
import { saysFeeling, saysStuck } from './saidOfSelf';

/** Digits, or a number or ordinal word in French or English (the text is folded: no accents). */
const MAYBE_NUMBER =
  /\d|\b(un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|premier|premiere|second|seconde|\w+iemes?|dernier|derniere|avant|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|third|\w+th|last|milieu|middle|penultimate)\b/;

/** "2", "2.", "n°2", "no 2": one pattern per key, compiled once (keys are "0" to a few dozen). */
const KEY_PATTERNS = new Map<string, RegExp>();

function matchesKey(text: string, key: string): boolean {
  let re = KEY_PATTERNS.get(key);
  if (!re) {
    re = new RegExp(`^(?:n[o°]?\\s*)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[.)]?$`);
    if (KEY_PATTERNS.size < 1000) KEY_PATTERNS.set(key, re);
  }
  return re.test(text);
}

/** What the citizen answered: one of the options, "I don't know" (its own answer, never "no"), or nothing clear. */
export type Answer = { kind: 'option'; option: ChoiceOption } | { kind: 'dont-know' };

export function recognizeAnswer(utterance: string, options: ChoiceOption[], locale: Locale, words: AnswerWords = NO_ANSWER_WORDS): Answer | undefined {
  const option = recognizeChoiceHow(utterance, options, locale, words)?.option;
  if (option) return { kind: 'option', option };
  return isDontKnow(utterance) ? { kind: 'dont-know' } : undefined;
}

/** "je sais pas", "jsp", "aucune idée", "I don't know", "peut-être". */
export function isDontKnow(utterance: string): boolean {
  return saysDontKnow(utterance) || UNSURE.test(plainText(utterance));
}
/** More ways to be unsure than the signal knows: "ptet", "chepa", "pas sûr", "je me rappelle plus". */
const UNSURE =
  /^(?:(?:euh|bah|ben|bof) )?(?:ptet|ptetre|p tet|pt etre|p etre|che pas|chepa|chais pas|sais po|je sais po|je se pas|je sai pas|je ne sai pas|pas sur|pas sure|pas certaine?|(?:i am |i m )?not sure|che po|chez pas|che pa|je me souviens (?:plus|pas)|je me rappel(?:le|les)? (?:plus|plu|pas)|j me (?:souviens|rappel\w*) (?:plus|plu|pas))(?: trop| vraiment| bien| du tout)?$/;

export function recognizeChoice(utterance: string, options: ChoiceOption[], locale: Locale): ChoiceOption | undefined {
  return recognizeChoiceHow(utterance, options, locale)?.option;
}

/**
 * Exactly (a number, a label, a yes/no word), loosely (the citizen's own words, a typo), or vaguely (a yes or
 * no word among many others: "mon téléphone fait pas de photos, c'est un vieux" holds a "pas").
 */
export type AnswerStrength = 'exact' | 'loose' | 'vague';

export function recognizeChoiceHow(
  utterance: string,
  options: ChoiceOption[],
  locale: Locale,
  words: AnswerWords = NO_ANSWER_WORDS,
): { option: ChoiceOption; how: AnswerStrength; bare?: true } | undefined {
  const text = fold(utterance);
  if (!text) return undefined;
  const exact = (option: ChoiceOption | undefined) => (option ? { option, how: 'exact' as const } : undefined);
  const loose = (option: ChoiceOption | undefined) => (option ? { option, how: 'loose' as const } : undefined);
  const byKey = options.find((o) => matchesKey(text, o.key));
  if (byKey) return exact(byKey);
  const plain = plainText(utterance);
  const isSaid = (f: PhraseForms) => f.folded === text || f.plain === plain;
  const afterYes = plain.replace(/^(?:oui|ouais|yes|ok) (?=\S)/, '');
  const labels = options.map((o) => ({ role: o.role, folded: formsOf(o.label, locale).folded, value: o.value }));
  const byLabel = options.find(
    (o, i) =>
      labels[i].folded === text ||
      (o.synonyms ?? []).some((s) => isSaid(formsOf(s, locale))) ||
      (o.role !== undefined && wordsOfRole(o.role, labels).some((s) => isSaid(formsOf(s, locale)))) ||
      // "ouais je l'ai", "oui c'est fait": a yes word, then more of the same yes.
      (o.role === 'yes' && afterYes !== plain && wordsOfRole('yes', labels).some((s) => formsOf(s, locale).plain === afterYes)),
  );
  if (byLabel) return exact(byLabel);
  // "jai pas compris" answers nothing (not "Non" through its "pas", not the "Oui" of "C'est compris ?").
  if (notUnderstood(utterance, options)) return undefined;
  // "non, on rentre dedans le 15" is not "Oui", whatever else it says; "oui mais…" is not a "Non…" answer.
  const lead = leadingYesNo(plain);
  if (lead) options = options.filter((o) => o.role !== (lead === 'yes' ? 'no' : 'yes'));
  // "je sais pas" is an answer of its own: the question's "Je ne sais pas" when it offers one, else a hint or a
  // person; never "non" through the boolean recognizer.
  if (isDontKnow(utterance)) return exact(options.filter((o) => isDontKnow(o.label)).length === 1 ? options.find((o) => isDontKnow(o.label)) : undefined);
  // "dans 2 mois" at "Moins de 4 mois / 4 à 6 mois / Plus de 6 mois".
  const byMonths = pickByMonths(utterance, options, locale);
  if (byMonths) return loose(byMonths);
  // One pass over the everyday words: what the message means comes from the words it explains.
  const explained = words.explained?.(utterance, locale);
  const heard = explained ? meansOf(explained) : words.heard(utterance, locale);
  // "il veu pa de mon iban" is "il refuse mon iban" (src/nlu/refusal.ts): the "pas" does not hide the IBAN.
  const refusal = refusalSaid(utterance);
  const byPhrase = phraseMatch(utterance, options, locale, heard, explained) ?? (refusal ? phraseMatch(refusal, options, locale, heard, explained) : undefined);
  if (byPhrase) {
    // One word of a phrasing in a long message ("ras le bol de ces codes" holds the "codes" of "on me demande
    // mes codes") is weak evidence: the message may say something else.
    // So is one affirmative word in a negated sentence ("ça m'énerve ce site il marche jamais" holds the "site" of
    // "je suis sur le site"), even when most of its other words are small words.
    const said = normalize(utterance, locale).length;
    // A feeling ("ça me gonfle ces codes") says how the citizen is, not which answer: its one word is weak too.
    const many = said >= 4 || (byPhrase.clash && text.split(' ').length >= 5) || saysFeeling(utterance);
    return byPhrase.stems === 1 && many ? { option: byPhrase.option, how: 'vague' as const } : loose(byPhrase.option);
  }

  // "jsp c'est ma fille qui fait tout ça": the question's own "Je ne sais pas" (src/nlu/dontKnowBecause.ts).
  // (The cheap test of the message first: the options' labels are not read at every answer.)
  const dontKnow = dontKnowBecauseSomeoneElse(utterance) ? options.filter((o) => isDontKnow(o.label)) : [];
  if (dontKnow.length === 1) return loose(dontKnow[0]);
  const yes = options.find((o) => o.role === 'yes');
  const no = options.find((o) => o.role === 'no');
  // "nan jsp où elle est" says the thing is lost: its "nan" or "pas" is no answer (src/nlu/whereUnknown.ts).
  if ((yes || no) && !saysWhereUnknown(utterance)) {
    // A lone letter is not a yes: the French recognizer reads the "y" of "j'y arrive pas" as "yes".
    // Nor is the preposition "sur" ("j'ai appuyé sur valider") unless it is "sûr" said as a yes ("bien sûr",
    // "c'est sûr", "sûr", "je suis sûr").
    const sure = (r: { start: number; text: string }) =>
      fold(r.text.trim()) !== 'sur' || text.split(' ').length <= 2 || /\b(?:bien|c est|suis|sure|tout a fait) sur\b/.test(text);
    // The message as written, else as read out ("oé j'y suis" is "ouais j y suis").
    const booleans = (t: string) => recognizeBoolean(t, CULTURE[locale]).filter((r) => r.text.trim().length > 1 && sure(r));
    const asWritten = booleans(utterance);
    const found = asWritten.length > 0 || plain === text ? asWritten : booleans(plain);
    const value = (found[0]?.resolution?.value as boolean | undefined) ?? leadingYes(plain);
    // In a long message, a yes or no word is one word among many: the citizen may be saying something else.
    // `bare`: found only through a yes or no word, or the sentence's negation (src/nlu/negatedAside.ts).
    const strength = (option: ChoiceOption) => ({ option, how: text.split(' ').length > 4 ? ('vague' as const) : ('exact' as const), bare: true as const });
    if (value === true && yes) return strength(yes);
    if (value === false && no) return strength(no);
  }
  // Numbers in words and ordinals ("deux", "le deuxième"), only in short replies: in a sentence,
  // "un" and "une" are articles ("j'ai un problème" is not answer 1).
  if (text.split(' ').length > 3) return loose(fuzzyPick(text, options, locale));
  // Keys that are not 1..n (the menu's "0") are handled above, so map the index back by position.
  const numbered = options.filter((o) => /^[1-9]\d*$/.test(o.key)).sort((a, b) => Number(a.key) - Number(b.key));
  let found: FoundChoice[] = [];
  try {
    // The answers' own words first ("le rouge"), then a rank in words ("deux", "la troisième": numberWords.ts).
    found = recognizeChoices(
      withoutArticles(text),
      numbered.map((o) => ({ value: o.key, synonyms: [formsOf(o.label, locale).folded, ...(o.synonyms ?? []).map((p) => formsOf(p, locale).folded)] })),
      { locale: CULTURE[locale], recognizeNumbers: false, recognizeOrdinals: false },
    ).map((r) => r.resolution);
  } catch {
    found = [];
  }
  const rank = found.length === 0 && MAYBE_NUMBER.test(text) ? rankSaid(text, numbered.length) : undefined;
  if (rank !== undefined) return rank <= numbered.length ? exact(numbered[rank - 1]) : undefined;
  if (found.length === 1 || (found.length > 1 && found.every((f) => f.value === found[0].value))) {
    return exact(numbered.find((o) => o.key === found[0].value));
  }
  return loose(fuzzyPick(text, options, locale));
}

/**
 * Part of an answer's phrasing, in other words (`optionScore.ts`): loose with two telling words, else vague.
 * For a guide's question once `recognizeChoiceHow` found nothing (not for menus: a guide's name is not an answer).
 */
export function recognizePartialAnswer(
  utterance: string,
  options: ChoiceOption[],
  locale: Locale,
  words: AnswerWords = NO_ANSWER_WORDS,
): { option: ChoiceOption; how: AnswerStrength } | undefined {
  if (isDontKnow(utterance) || notUnderstood(utterance, options)) return undefined;
  const lead = leadingYesNo(plainText(utterance));
  if (lead) options = options.filter((o) => o.role !== (lead === 'yes' ? 'no' : 'yes'));
  const found = scoreOptions([utterance, ...words.heard(utterance, locale)], options, locale);
  return found && { option: found.option, how: found.telling >= 2 ? 'loose' : 'vague' };
}

export { earlierAnswers, recognizeEarlierAnswer, withoutStems, type EarlierAnswer } from './earlierAnswers';

/** Only the citizen's own words (a label or an `alsoMeans` phrasing found whole), never a number, a yes/no word or a typo. */
export function recognizeOwnWords(utterance: string, options: ChoiceOption[], locale: Locale, words: AnswerWords = NO_ANSWER_WORDS): ChoiceOption | undefined {
  return phrasePick(utterance, options, locale, words.heard(utterance, locale));
}

/** The stems of a text, as the matching sees them (to leave some out of `recognizeOwnWords`). */
export function stemsOf(text: string, locale: Locale): string[] {
  return normalize(text, locale);
}


/** What the matching needs of an answer's phrasing, worked out once: labels and phrasings are the guides' data. */
interface PhraseForms {
  folded: string;
  plain: string;
  stems: string[];
  negative: boolean;
  /** "trop", "peu": an amount the stems leave out (src/nlu/amounts.ts). */
  amount: Amount;
  /** The long words' stems, those the stems leave out too ("arrive" of "code arrive", which a message may deny). */
  words: string[];
  /** The long words of the phrasing, each on its own (typos of one word of a label). */
  longWords: Array<{ folded: string; negative: boolean }>;
}

/** Bounded, and only ever holds the guides' and locales' own phrasings (never a citizen's message). */
const PHRASE_FORMS_MAX = 20_000;
const phraseForms = new Map<string, PhraseForms>();

function formsOf(phrase: string, locale: Locale): PhraseForms {
  const key = `${locale}\u0000${phrase}`;
  let got = phraseForms.get(key);
  if (!got) {
    const plain = plainText(phrase);
    const folded = fold(phrase);
    const longWords = folded.split(' ').filter((w) => w.length >= 5).map((w) => ({ folded: w, negative: NEGATION.test(plainText(w)) }));
    got = { folded, plain, stems: normalize(phrase, locale), negative: NEGATION.test(plain), amount: amountOf(plain), words: plain.split(' ').map((w) => stem(w, locale)).filter((w) => w.length >= 5), longWords };
    if (phraseForms.size >= PHRASE_FORMS_MAX) phraseForms.clear();
    phraseForms.set(key, got);
  }
  return got;
}

/**
 * The citizen's own words: an option whose label or one of its `alsoMeans` phrasings is found in the
 * message, word for word after normalisation ("on me l'a volée hier soir" holds "volée"; "j'ai changé de
 * numéro de téléphone" holds "changé de numéro"). The most specific phrasing wins; a tie between two
 * options picks nothing. A negated message only matches negated phrasings ("je l'ai pas perdue").
 * `heard`: what the message also means in everyday words (dialogs/_answers.yaml), matched like the message.
 */
function phrasePick(utterance: string, options: ChoiceOption[], locale: Locale, heard: string[] = []): ChoiceOption | undefined {
  return phraseMatch(utterance, options, locale, heard)?.option;
}

/** The option found, and how many words of its phrasing the message holds. */
function phraseMatch(
  utterance: string,
  options: ChoiceOption[],
  locale: Locale,
  heard: string[] = [],
  explained: Explained[] = [],
): { option: ChoiceOption; stems: number; clash?: boolean } | undefined {
  const texts = [utterance, ...heard];
  const textStems = new Set(texts.flatMap((t) => normalize(t, locale)));
  const groups = explainedStems(explained, utterance, locale);
  if (textStems.size === 0) return undefined;
  const negated = texts.some((t) => NEGATION.test(plainText(t)));
  const denied = new Set(texts.flatMap((t) => [...negatedStems(t, locale)]));
  const saidWords = new Set(texts.flatMap((t) => plainText(t).split(' ')));
  const amount = amountOf(plainText(utterance));
  // What a negated phrasing may be made of: the message, and what it means in negated everyday words — not an
  // affirmative meaning ("réglé 90 euros" means "j'ai payé": that does not make "je peux pas payer en ligne").
  const negatable = new Set([utterance, ...heard.filter((h) => NEGATION.test(plainText(h)))].flatMap((t) => normalize(t, locale)));
  let best: { o: ChoiceOption; weight: number; stems: number; clash: boolean } | undefined;
  let tie = false;
  for (const o of options) {
    for (const phrase of [o.label, ...(o.synonyms ?? [])]) {
      const forms = formsOf(phrase, locale);
      const negativePhrase = forms.negative;
      if ((negativePhrase && !negated) || amountsClash(forms.amount, amount)) continue;
      const stems = forms.stems;
      if (stems.length === 0 || (stems.length === 1 && stems[0].length < 3)) continue;
      if (!stems.every((st) => textStems.has(st))) continue;
      // A word an everyday-word group explains does not count again next to what it means.
      if (countsTwice(stems, groups)) continue;
      if (negativePhrase && !stems.every((st) => negatable.has(st))) continue;
      // "Je suis bloqué" is about the citizen: a parcel, a card or an account that is "bloqué" is not.
      if (o.role === 'stuck' && !saysStuck(utterance)) continue;
      // An affirmative phrasing whose words the message denies is not what it says.
      if (!negativePhrase && (stems.some((st) => denied.has(st)) || forms.words.some((w) => denied.has(w)))) continue;
      // In a negated message, a negated phrasing beats an affirmative one with the same words; then the phrasing
      // whose words are there as written ("j'ai payé" over "payer" in "j'ai payé 29 euros").
      const written = forms.plain.split(' ').every((w) => saidWords.has(w));
      const weight = stems.length + stems.join('').length / 100 + (negativePhrase && negated ? 0.001 : 0) + (written ? 1e-4 : 0);
      if (!best || weight > best.weight) {
        tie = false;
        best = { o, weight, stems: stems.length, clash: negated && !negativePhrase };
      } else if (best.o !== o && Math.abs(weight - best.weight) < 1e-9) tie = true;
    }
  }
  if (best) return tie ? undefined : { option: best.o, stems: best.stems, clash: best.clash };
  // What the message means in everyday words may be an answer that stemming cannot see ("que dalle" → "rien",
  // "on signe le bail la semaine prochaine" → "pas encore"): word for word.
  for (const h of heard) {
    const said = plainText(h);
    const exact = options.filter((o) => [o.label, ...(o.synonyms ?? [])].some((p) => formsOf(p, locale).plain === said));
    if (exact.length === 1) return { option: exact[0], stems: 2 };
  }
  return undefined;
}

/** Similarity 0..1 from the edit distance ("rouje" vs "rouge" = 0.8). */
export function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - distance(a, b) / max;
}

export const FUZZY_MIN = 0.75;

/** Typos: the label (or a synonym, or a long word of the label) closest to the reply, if clearly closest. */
function fuzzyPick(text: string, options: ChoiceOption[], locale: Locale): ChoiceOption | undefined {
  if (text.length < 3) return undefined;
  const negated = NEGATION.test(plainText(text));
  const scored = options
    .map((o) => {
      const label = formsOf(o.label, locale);
      const candidates = [label, ...(o.synonyms ?? []).map((p) => formsOf(p, locale)), ...label.longWords]
        .filter((c) => c.negative === negated)
        .map((c) => c.folded);
      if (candidates.length === 0) return { o, score: 0 };
      return { o, score: Math.max(...candidates.map((c) => similarity(text, c))) };
    })
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score < FUZZY_MIN) return undefined;
  if (second && best.score - second.score < 0.1) return undefined;
  return best.o;
}
