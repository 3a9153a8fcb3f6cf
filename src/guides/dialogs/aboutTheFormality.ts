/**
 * Questions about the formality itself, asked at any of a guide's questions when no answer took the message: the
 * guide answers, then asks its question again (not a miss). "c combien ?" (its own price, guidePrice.ts), "jai pas
 * france connect" where it needs none (notNeeded.ts), "c long ?" (the steps left, guideLength.ts), "c combien la
 * prime ?" (the amount received depends on the citizen), "je suis à la cmu" (a word we can explain, said in a few
 * words that answer nothing: its explanation), "pourquoi ?" (why it is asked). "C'est quand ?" is answered before any question (src/nlu/dateAsk.ts,
 * the bot's understanding step).
 */
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';
import type { Step } from '../schema';
import type { GuideCatalog, LoadedGuide } from '../catalog';
import { lengthAnswer } from './guideLength';
import { priceAnswer } from './guidePrice';
import type { GuideState } from './guideState';
import { wayInNotNeeded } from './notNeeded';
import { asksBenefitAmount } from '../../nlu/priceAsk';
import { plainText } from '../../nlu/plainText';

export interface AboutAsked {
  g: LoadedGuide;
  st: GuideState;
  /** The step on screen (undefined at the prerequisites). */
  step: Step | undefined;
  text: string;
  locale: Locale;
}

/** The guide's answer to a question about the formality, or undefined when the message asks none. */
export function aboutTheFormality(catalog: GuideCatalog, strings: Strings, a: AboutAsked): string | undefined {
  const way = wayInNotNeeded(a.text, a.g, a.step, a.locale);
  return priceAnswer(catalog, a.g, a.st, a.text, a.locale)
    ?? (way ? strings.t(a.locale, 'guide.notNeeded', { thing: way }) : undefined)
    ?? lengthAnswer(strings, a.g, a.st, a.text, a.locale)
    // "c combien la prime ?": the amount received is the site's to work out (never "C'est gratuit").
    ?? (asksBenefitAmount(a.text) ? strings.t(a.locale, 'guide.amountDepends') : undefined)
    ?? namedTerm(catalog, a)
    ?? whyAnswer(strings, a);
}

/** "pourquoi ?", "pourquoi faire ?", "pk", "pourquoi vous demandez ça ?", "why?": a question answered with a question. */
const WHY = /^(?:(?:mais|et|ben|bah|euh|ok|and|but) )*(?:pourquoi|pour quoi faire|why|what for)(?: (?:ca|faire|donc|tout ca|il faut ca|vous (?:demandez|voulez|me demandez) (?:ca|tout ca|cela)|c est pour quoi|is that|do you (?:need|want|ask) (?:that|this|it|all that)|do i need (?:that|this|it)))?$/;

/** Why the list of what is needed, or a step, is asked: the site will ask for it; the step is part of the formality. */
function whyAnswer(strings: Strings, a: AboutAsked): string | undefined {
  if (!WHY.test(plainText(a.text))) return undefined;
  return a.st.phase === 'step' && a.step ? strings.t(a.locale, 'guide.whyStep', { title: a.g.guide.title[a.locale] }) : strings.t(a.locale, 'guide.whyNeeds');
}

/** Longer than this, a message says more than a word to explain (it is a miss, asked again). */
const FEW_WORDS = 6;

/** "je suis à la cmu", "et la c2s": what a word we can explain means (`dialogs/_facts.yaml`, kind `term`). */
function namedTerm(catalog: GuideCatalog, a: AboutAsked): string | undefined {
  const plain = plainText(a.text);
  if (plain.split(' ').length > FEW_WORDS || !catalog.facts.mayName(plain, a.locale)) return undefined;
  const fact = catalog.facts.find({ text: a.text, locale: a.locale, kind: 'term', guideId: a.g.guide.id });
  return fact?.about ? fact.says[a.locale].replace('{title}', a.g.guide.title[a.locale]) : undefined;
}
