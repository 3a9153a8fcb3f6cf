/**
 * A minimal router: a guide whose keyword or sample phrasing appears, folded, in the message.
 * Enough to start a guide from "impots" or "franceconnect"; the fuzzy router replaces it.
 */
import type { GuideCatalog } from '../guides/catalog';
import type { Locale } from '../i18n/locale';
import { fold } from '../text/fold';
import type { IntentRouter, RouteResult, Scored } from './router';

export class KeywordRouter implements IntentRouter {
  private readonly entries: Array<{ intent: string; locale: Locale; phrase: string }> = [];

  constructor(catalog: GuideCatalog) {
    for (const { guide } of catalog.list()) {
      for (const locale of ['fr', 'en'] as const) {
        const phrases = [...guide.phrasings[locale], ...(guide.keywords?.[locale] ?? []), guide.title[locale]];
        for (const p of phrases) this.entries.push({ intent: guide.id, locale, phrase: fold(p) });
      }
    }
  }

  route(text: string, locale: Locale): RouteResult {
    const t = ` ${fold(text)} `;
    const scores = new Map<string, number>();
    for (const e of this.entries) {
      if (e.phrase && t.includes(` ${e.phrase} `)) {
        const s = (e.locale === locale ? 0.9 : 0.8) * Math.min(1, 0.5 + e.phrase.length / 20);
        scores.set(e.intent, Math.max(scores.get(e.intent) ?? 0, s));
      }
    }
    const ranked: Scored[] = [...scores.entries()]
      .map(([intent, score]) => ({ intent, score }))
      .sort((a, b) => b.score - a.score);
    const best = ranked[0] ?? { intent: 'none', score: 1 };
    return { ...best, alternatives: ranked.slice(1) };
  }
}
