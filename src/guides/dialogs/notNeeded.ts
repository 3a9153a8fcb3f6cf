/**
 * "jai pas france connect" at the Ameli login: a way in that this guide does not use. Many people think every
 * public site needs FranceConnect; when neither the guide's prerequisites nor the step on screen speak of it, the
 * citizen is told it is not needed here ("Pas besoin de FranceConnect ici…"), then the same question — not a miss.
 */
import type { Locale } from '../../i18n/locale';
import { plainText } from '../../nlu/signals';
import type { LoadedGuide } from '../catalog';
import type { Step } from '../schema';

/** Ways in (and papers) that people believe they need, as a message names them, and as the bot writes them. */
const WAYS_IN: Array<{ said: RegExp; name: string }> = [
  { said: /\b(?:france ?connect\w*|franc connect\w*|fr connect)\b/, name: 'FranceConnect' },
  // Many think every formality asks for bank details ("j'ai tout sauf le rib" at the tax return).
  { said: /\b(?:rib|iban|releve d identite bancaire|bank details)\b/, name: 'RIB' },
];

/** The way in the message names that neither the guide's prerequisites nor this step use, or undefined. */
export function wayInNotNeeded(text: string, g: LoadedGuide, step: Step | undefined, locale: Locale): string | undefined {
  const way = WAYS_IN.find((w) => w.said.test(plainText(text)));
  if (!way) return undefined;
  const choices = step?.check?.choices ?? [];
  const guideSays = [
    ...g.guide.needs.map((n) => n.text[locale]),
    step?.text[locale],
    step?.help?.[locale],
    step?.check?.question?.[locale],
    ...choices.flatMap((c) => [c.label[locale], ...(c.alsoMeans?.[locale] ?? [])]),
  ].join(' ');
  return way.said.test(plainText(guideSays)) ? undefined : way.name;
}

/** "j'ai tout sauf le rib", "I have everything except my bank details": all there, but for one thing. */
const ALL_BUT = /\b(?:tout|tous|toutes|everything|all)\b.*\b(?:sauf|a part|excepte|hormis|but|except|apart from)\b/;

/**
 * At "Vous avez tout ?", "j'ai tout sauf le rib" where the guide needs no RIB: all that is needed is there. The way
 * in said missing, which the guide does not need (the caller says so, then goes on to the first step).
 */
export function allButNotNeeded(text: string, g: LoadedGuide, locale: Locale): string | undefined {
  return ALL_BUT.test(plainText(text)) ? wayInNotNeeded(text, g, undefined, locale) : undefined;
}
