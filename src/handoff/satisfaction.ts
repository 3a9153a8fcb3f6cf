/**
 * Satisfaction after a mediator's help: one short question sent with the end of a handoff ("Le conseiller vous
 * a-t-il aidé ?", three answers), and the citizen's answer, understood as a number, a button or their own words
 * ("très bien", "bof", "pas du tout", "merci c'était top"), in French or English. The answer is counted per
 * territory (the report, the console's figures); a message that is not an answer is simply served as usual.
 * The question is one BotMessage with choices: each channel's renderer shows buttons or "1 … 2 … 3 …".
 */
import type { BotMessage } from '../conversation/message';
import type { ChoiceOption } from '../conversation/choice';
import type { Locale } from '../i18n/locale';
import type { Strings } from '../i18n/strings';
import { fold } from '../text/fold';

export const SATISFACTION = ['good', 'fair', 'poor'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** After this long, a message is no longer taken as the answer to the question (the citizen came back later). */
export const SATISFACTION_WINDOW_MS = 24 * 3_600_000;
/**
 * Words around an answer that say nothing more ("merci, c'était top", "thank you, it was great"). A message whose
 * other words are more than MAX_OTHER_WORDS is something else to say ("non je veux faire ma déclaration"), not an
 * answer.
 */
const FILLERS = new Set(
  ('merci beaucoup c etait est ce ca a ete le la l les conseiller conseillere mediateur mediatrice vraiment tres trop il elle ' +
    'm j ai vous madame monsieur et bon bonne journee au revoir thanks thank you it was is its the advisor really very so i am ' +
    'and have a nice day bye').split(' '),
);
const MAX_OTHER_WORDS = 2;

const KEYS: Record<Satisfaction, { key: string; label: 'handoff.satisfactionGood' | 'handoff.satisfactionFair' | 'handoff.satisfactionPoor' }> = {
  good: { key: '1', label: 'handoff.satisfactionGood' },
  fair: { key: '2', label: 'handoff.satisfactionFair' },
  poor: { key: '3', label: 'handoff.satisfactionPoor' },
};

/**
 * The citizen's own words, folded (no accents, lower case), in both languages. The longest phrase found wins, so
 * "pas bien" is poor although it holds "bien", and "pas mal" is good although it holds "mal".
 */
const WORDS: Record<Satisfaction, string[]> = {
  good: [
    'tres bien', 'bien', 'oui', 'ouais', 'top', 'au top', 'super', 'genial', 'parfait', 'parfaitement', 'excellent', 'nickel',
    'impec', 'impeccable', 'formidable', 'merveilleux', 'content', 'contente', 'tres content', 'satisfait', 'satisfaite',
    'tres satisfait', 'pas mal', 'tres utile', 'utile', 'efficace', 'sympa', 'gentil', 'gentille', 'bravo', 'merci beaucoup',
    'trop bien', 'vraiment bien', 'ca m a aide', 'ca m a bien aide', 'ca a marche', 'c est regle', 'resolu',
    'yes', 'good', 'very good', 'very well', 'great', 'perfect', 'excellent', 'helpful', 'very helpful', 'it helped', 'awesome',
    'amazing', 'brilliant', 'fine', 'well', 'happy', 'satisfied', 'thank you so much',
  ],
  fair: [
    'bof', 'moyen', 'moyenne', 'moyennement', 'un peu', 'un petit peu', 'a peu pres', 'couci couca', 'mouais', 'passable', 'en partie',
    'pas trop', 'pas tellement', 'plus ou moins', 'ca va', 'ca peut aller', 'peut mieux faire', 'mitige',
    'a little', 'a bit', 'so so', 'so-so', 'sort of', 'kind of', 'partly', 'average', 'okay-ish', 'more or less', 'not much',
  ],
  poor: [
    'pas du tout', 'pas bien', 'non', 'non pas du tout', 'mal', 'tres mal', 'nul', 'nulle', 'null', 'pas aide', 'pas vraiment',
    'mauvais', 'horrible', 'pas terrible', 'pas top', 'decu', 'decue', 'pas content', 'pas contente', 'pas satisfait',
    'pas satisfaite', 'ca n a pas marche', 'ca a pas marche', 'ca m a pas aide', 'ca ne m a pas aide', 'inutile',
    'no', 'not at all', 'not really', 'bad', 'poor', 'terrible', 'awful', 'useless', 'not good', 'not helpful', 'did not help',
    "didn't help", 'didnt help', 'disappointed', 'unhappy',
  ],
};

const PHRASES: Array<{ words: string; value: Satisfaction }> = SATISFACTION.flatMap((value) => WORDS[value].map((w) => ({ words: fold(w).replace(/'/g, ' '), value }))).sort(
  (a, b) => b.words.length - a.words.length,
);

/** Folded, apostrophes and punctuation as spaces: "C'était TOP !" → "c etait top". */
function plain(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

export function satisfactionChoices(strings: Strings, locale: Locale): ChoiceOption[] {
  return SATISFACTION.map((value) => ({ key: KEYS[value].key, label: strings.t(locale, KEYS[value].label), value }));
}

/** The question, with its three answers (buttons or numbered lines, as the channel shows them). */
export function satisfactionQuestion(strings: Strings, locale: Locale): BotMessage {
  return { text: '', question: strings.t(locale, 'handoff.satisfactionQuestion'), choices: satisfactionChoices(strings, locale) };
}

/**
 * The answer in this message, or undefined when it is something else (a question, a new request, a long message).
 * A number or a button's label in either language; then the citizen's own words.
 */
export function recognizeSatisfaction(text: string, strings: Strings): Satisfaction | undefined {
  if (text.includes('?')) return undefined;
  const p = plain(text);
  if (!p) return undefined;
  const number = /^(?:n(?:o)? ?)?([123])$/.exec(p)?.[1];
  if (number) return SATISFACTION[Number(number) - 1];
  for (const locale of ['fr', 'en'] as const) {
    const pick = satisfactionChoices(strings, locale).find((c) => plain(c.label) === p);
    if (pick) return pick.value as Satisfaction;
  }
  let rest = ` ${p} `;
  let found: Satisfaction | undefined;
  for (const phrase of PHRASES) {
    if (!rest.includes(` ${phrase.words} `)) continue;
    found ??= phrase.value; // the longest phrase says what the answer is
    rest = rest.split(` ${phrase.words} `).join('  ');
  }
  if (!found) return undefined;
  const others = rest.split(' ').filter((w) => w && !FILLERS.has(w));
  return others.length <= MAX_OTHER_WORDS ? found : undefined;
}

/** Is a message at this time still an answer to the question asked at the handoff's close? */
export function withinSatisfactionWindow(closedAt: number | undefined, now: number): boolean {
  return closedAt !== undefined && now - closedAt >= 0 && now - closedAt <= SATISFACTION_WINDOW_MS;
}
