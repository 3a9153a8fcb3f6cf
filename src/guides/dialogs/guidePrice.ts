/**
 * "C'est combien ?" asked inside a guide (src/nlu/priceAsk.ts), at any of its questions — the prerequisites too —
 * when nothing else took the message: the guide's own price fact from dialogs/_facts.yaml (the real fee and where
 * to pay it, or "free on the official site"), then the same question again. Not a miss.
 */
import type { Locale } from '../../i18n/locale';
import { asksPrice } from '../../nlu/priceAsk';
import { plainText } from '../../nlu/signals';
import type { Fact } from '../facts';
import type { GuideCatalog, LoadedGuide } from '../catalog';
import { heardOf, type GuideState } from './guideState';

/** What the guide says about its price, when the message asks it; undefined otherwise (or no fact is known). */
export function priceAnswer(catalog: GuideCatalog, g: LoadedGuide, st: GuideState, text: string, locale: Locale): string | undefined {
  if (!asksPrice(text)) return undefined;
  const facts = catalog.facts;
  const id = g.guide.id;
  // The message names its subject ("et le passeport c'est combien"), or the guide has one price fact for it.
  const named = facts.find({ text, locale, kind: 'price', guideId: id });
  const chosen = named ? [named] : ownFacts(catalog, g, st, locale);
  if (chosen.length === 0) return undefined;
  const title = g.guide.title[locale];
  return chosen.map((f) => f.says[locale].replace('{title}', title)).join('\n');
}

/**
 * The price facts of a guide that serves several titles (a passport, an ID card): the one the citizen spoke of in
 * this guide, else every one its title names (never a child's price unless said).
 */
function ownFacts(catalog: GuideCatalog, g: LoadedGuide, st: GuideState, locale: Locale): Fact[] {
  const own = catalog.facts.all().filter((f) => f.kind === 'price' && f.guide === g.guide.id);
  if (own.length <= 1) return own;
  const said = heardOf(st).map((h) => h.said).join(' ');
  const spoken = said ? catalog.facts.find({ text: said, locale, kind: 'price' }) : undefined;
  if (spoken && own.includes(spoken)) return [spoken];
  const title = ` ${plainText(g.guide.title[locale])} `;
  return own.filter((f) => (f.about?.[locale] ?? []).some((p) => title.includes(` ${plainText(p)} `)));
}
