/**
 * Offline free-text router: what a citizen typed → the closest guide or system intent, with a calibrated score.
 *
 * Index (one per locale, built from the loaded guides and dialogs/_system-intents.yaml): MiniSearch documents
 * per intent whose fields hold the stems of its sample phrasings, keywords, title and other-language keywords,
 * their phonetic keys and stem bigrams; out-of-scope samples form the "none" documents. BM25 across intents
 * makes a word that belongs to one intent weigh more than a word many share.
 * Matching: each query word is looked up exactly (stem or phonetic key), and only if no sample has it, by
 * prefix ("actu" → "actualis") and with typos. Per intent: evidence = sum of its words' scores + bigrams,
 * times the share of the query it explains; plus a bonus when the query contains one of its samples whole.
 * Calibration: a softmax over intents and a "nothing fits" logit that grows with the share of unknown words,
 * so a weak or unexplained message gives "none", and a close second lowers the score.
 */
import { LOCALES, type Locale } from '../i18n/locale';
import type { IntentRouter, RouteResult, Scored } from './router';
import { withoutFraming } from './framing';
import { LocaleIndex, type Evidence, type Source } from './localeIndex';
import { DEFAULT_PARAMS, type RouterParams } from './routerParams';
import { loadSystemIntents, NONE } from './systemIntents';
import { namedFormality, ruledOut, situationIntent } from './routeGuards';
import { codeNeverCame } from './codeNotReceived';
import { spelledByEar } from './phonetic';

export { NONE, SYSTEM_INTENTS_FILE, loadSystemIntents, type SystemIntents } from './systemIntents';
export { DEFAULT_PARAMS, type RouterParams } from './routerParams';
export type { Evidence } from './localeIndex';

/** What the router reads of the guides (the guide catalog fits it): their ids, phrasings, keywords and titles. */
export interface IntentCatalog {
  list(): Array<{ guide: { id: string; title: Record<Locale, string>; phrasings: Record<Locale, string[]>; keywords?: Record<Locale, string[]> } }>;
  get(id: string): unknown;
}

export class FuzzyRouter implements IntentRouter {
  /** The title of a system intent ("Apprendre à utiliser le numérique"), to offer it as a choice. */
  title(intent: string, locale: Locale): string | undefined {
    return this.systemTitles.get(intent)?.[locale];
  }

  private readonly indexes: Record<Locale, LocaleIndex>;
  private readonly params: RouterParams;
  private readonly systemTitles = new Map<string, Record<Locale, string>>();

  constructor(catalog: IntentCatalog, systemIntentsFile: string, params: Partial<RouterParams> = {}) {
    this.params = { ...DEFAULT_PARAMS, ...params };
    const system = loadSystemIntents(systemIntentsFile);
    for (const [intent, def] of Object.entries(system.intents)) if (def) this.systemTitles.set(intent, def.title);
    const build = (locale: Locale): LocaleIndex => {
      const sources: Source[] = catalog.list().map(({ guide }) => ({
        intent: guide.id,
        phrasings: guide.phrasings[locale],
        keywords: guide.keywords?.[locale] ?? [],
        crossKeywords: guide.keywords?.[other(locale)] ?? [],
        title: guide.title[locale],
      }));
      for (const [intent, def] of Object.entries(system.intents)) {
        if (!def || catalog.get(intent)) continue;
        sources.push({
          intent,
          phrasings: def.phrasings[locale],
          keywords: def.keywords?.[locale] ?? [],
          crossKeywords: def.keywords?.[other(locale)] ?? [],
          title: def.title[locale],
        });
      }
      if (system.none) sources.push({ intent: NONE, phrasings: system.none[locale], keywords: [], crossKeywords: [], title: '' });
      return new LocaleIndex(locale, sources, system.synonyms?.[locale] ?? {}, this.params);
    };
    this.indexes = Object.fromEntries(LOCALES.map((l) => [l, build(l)])) as Record<Locale, LocaleIndex>;
  }

  /** Uncalibrated evidence, for tuning and debugging. */
  evidence(text: string, locale: Locale): Evidence {
    return this.indexes[locale].evidence(text);
  }

  route(text: string, locale: Locale): RouteResult {
    const index = this.indexes[locale];
    // Who sent the citizen, a call they made, someone sitting with them: not the need (framing.ts).
    // Names of formalities written by ear ('mé impo', 'la kaf') are read as written (phonetic.ts).
    const ev = index.evidence(withoutFraming(spelledByEar(text)));
    const { temperature, noneLogit, coverageExp, unknownWeight, recallWeight } = this.params;
    const logits = new Map<string, number>();
    for (const intent of index.intents) {
      const cover = ev.words > 0 ? (ev.matched.get(intent) ?? 0) / ev.words : 0;
      const recall = ev.recall.get(intent) ?? 0;
      logits.set(intent, ((ev.scores.get(intent) ?? 0) / temperature) * cover ** coverageExp + recallWeight * recall * recall);
    }
    const unknownShare = ev.words ? ev.unknown / ev.words : 1;
    logits.set(NONE, Math.max(noneLogit + unknownWeight * unknownShare, logits.get(NONE) ?? 0));
    // A guide whose subject the message does not name at all (a survivor's pension without a death) is left out.
    for (const intent of ruledOut(text, [...logits.keys()].filter((i) => (ev.scores.get(i) ?? 0) > 0))) logits.delete(intent);
    // A situation that names its guide (a login trouble on an account one has) wins by a clear margin.
    // So does a code that never came (src/nlu/codeNotReceived.ts).
    // A formality named by its own name ('ma déclaration trimestrielle … pour la prime') is its guide.
    const situation = situationIntent(text) ?? codeNeverCame(text) ?? namedFormality(text);
    if (situation && logits.has(situation)) logits.set(situation, Math.max(...logits.values()) + SITUATION_MARGIN);
    const max = Math.max(...logits.values());
    let sum = 0;
    for (const v of logits.values()) sum += Math.exp(v - max);
    const ranked: Scored[] = [...logits.entries()]
      .map(([intent, l]) => ({ intent, score: Math.exp(l - max) / sum }))
      .sort((a, b) => b.score - a.score || a.intent.localeCompare(b.intent));
    const [best, ...rest] = ranked;
    return {
      intent: best.intent,
      score: round(best.score),
      alternatives: rest.slice(0, ALTERNATIVES).map((s) => ({ ...s, score: round(s.score) })),
    };
  }
}

/** Logit margin of a situation's guide over the best other reading (≈ 0.95 when it was second). */
const SITUATION_MARGIN = 3;

/** How many alternatives a result lists (the bot offers 2–3 of them). */
const ALTERNATIVES = 5;

const other = (locale: Locale): Locale => (locale === 'fr' ? 'en' : 'fr');

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
