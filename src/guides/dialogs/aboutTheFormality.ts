/**
 * Questions about the formality itself, asked at any of a guide's questions when no answer took the message: the
 * guide answers, then asks its question again (not a miss). "c combien ?" (its own price, guidePrice.ts), "jai pas
 * france connect" where it needs none (notNeeded.ts), "c long ?" (the steps left, guideLength.ts), "c combien la
 * prime ?" (the amount received depends on the citizen). "C'est quand ?"
 * is answered before any question (src/nlu/dateAsk.ts, the bot's understanding step).
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
    ?? (asksBenefitAmount(a.text) ? strings.t(a.locale, 'guide.amountDepends') : undefined);
}
