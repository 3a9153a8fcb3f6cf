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
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/locale';
import { buildLexicon, compileSynonyms, normalize, phonetic, type Lexicon, type Synonyms } from './normalize';
import { SYSTEM_INTENTS, type IntentRouter, type RouteResult, type Scored } from './router';
import { withoutReferral } from './referral';

const List = z.object({ fr: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict();

const SystemIntentsFile = z
  .object({
    intents: z.record(
      z.enum(SYSTEM_INTENTS),
      z
        .object({
          title: z.object({ fr: z.string(), en: z.string() }).strict(),
          phrasings: List,
          keywords: List.optional(),
        })
        .strict(),
    ),
    none: List.optional(),
    synonyms: z
      .object({ fr: z.record(z.string(), z.array(z.string().min(1))), en: z.record(z.string(), z.array(z.string().min(1))) })
      .partial()
      .optional(),
  })
  .strict();
export type SystemIntents = z.infer<typeof SystemIntentsFile>;

/** Read and check the system-intents file (dialogs/_system-intents.yaml). */
export function loadSystemIntents(file: string): SystemIntents {
  const parsed = SystemIntentsFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file}: ${issues}`);
  }
  return parsed.data;
}

/** Knobs of the scoring; the defaults were tuned on test/nlu/*.tune.yaml and on cross-validation over the samples. */
export interface RouterParams {
  boostKeywords: number;
  boostTitle: number;
  boostCrossKeywords: number;
  boostPhonetic: number;
  boostBigram: number;
  /** Shortest stem matched with 1 typo, and with 2. */
  fuzzy1: number;
  fuzzy2: number;
  fuzzyWeight: number;
  prefixWeight: number;
  /** Evidence is multiplied by (share of the query the intent explains) ** coverageExp. */
  coverageExp: number;
  /**
   * Shares are weighted: a word weighs its best score for any intent (a telling word weighs more than
   * "fais" or "mari"); a word no intent knows weighs unknownMass.
   */
  unknownMass: number;
  /** Added to the "none" logit, times the (weighted) share of the query no intent knows. */
  unknownWeight: number;
  /** Try prefixes and typos only for words that match no sample exactly. */
  exactFirst: boolean;
  /** Weight of the squared recall of the best sample in the logit. */
  recallWeight: number;
  /** A sample lighter than this (sum of IDF) counts as only partly matched even when fully found. */
  recallMass: number;
  /** Samples per index document (long lists are split so BM25 length normalisation stays fair). */
  chunkSize: number;
  /** Softmax temperature applied to raw scores. */
  temperature: number;
  /** Logit of "nothing fits": a best raw score below about this gives "none". */
  noneLogit: number;
}

export const DEFAULT_PARAMS: RouterParams = {
  boostKeywords: 1.5,
  boostTitle: 1,
  boostCrossKeywords: 1,
  boostPhonetic: 0.4,
  boostBigram: 1,
  fuzzy1: 6,
  fuzzy2: 9,
  fuzzyWeight: 0.45,
  prefixWeight: 0.375,
  coverageExp: 1,
  unknownMass: 12,
  unknownWeight: 2,
  exactFirst: true,
  recallWeight: 5,
  recallMass: 5,
  chunkSize: 20,
  temperature: 3,
  noneLogit: 2.5,
};

interface Analysed {
  stems: string[];
  phon: string[];
  bigrams: string[];
}

interface Source {
  intent: string;
  phrasings: string[];
  keywords: string[];
  /** Keywords of the other language ("carte grise", "attestation de droits" in an English message). */
  crossKeywords: string[];
  title: string;
}

export const NONE = 'none';

/** Name of the system-intents file in the dialogs folder. */
export const SYSTEM_INTENTS_FILE = '_system-intents.yaml';

/** One document of the index: the stems of (part of) an intent's samples, by field. */
interface IndexDoc {
  id: string;
  phr: string;
  kw: string;
  title: string;
  xkw: string;
  phon: string;
  bi: string;
}

/** A sample phrasing or keyword of an intent, as stems with their weights (for the recall feature). */
interface Entry {
  terms: string[];
  phon: string[];
  weights: number[];
  total: number;
}

/** The index of one locale. */
class LocaleIndex {
  readonly lexicon: Lexicon;
  private readonly synonyms: Synonyms;
  private readonly ms: MiniSearch<IndexDoc>;
  readonly intents: string[];
  /** Document id → intent (an intent with many samples is split into several documents). */
  private readonly docIntent = new Map<string, string>();
  private readonly entries = new Map<string, Entry[]>();
  /** Per intent: index term (stem or phonetic key) → its places [entry, term] in the samples. */
  private readonly postings = new Map<string, Map<string, Array<[number, number]>>>();
  private readonly cache = new Map<string, TermHit[]>();

  constructor(
    private readonly locale: Locale,
    sources: Source[],
    synonyms: Record<string, string[]>,
    private readonly params: RouterParams,
  ) {
    this.synonyms = compileSynonyms(synonyms, locale);
    this.lexicon = buildLexicon(
      sources.flatMap((s) => [...s.phrasings, ...s.keywords, s.title]),
      locale,
    );
    this.intents = sources.map((s) => s.intent);
    this.ms = new MiniSearch<IndexDoc>({
      fields: ['phr', 'kw', 'title', 'xkw', 'phon', 'bi'],
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
    });
    const docs: IndexDoc[] = [];
    const df = new Map<string, number>();
    const analysed = sources.map((s) => ({
      s,
      phrasings: s.phrasings.map((t) => this.analyse(t)),
      keywords: s.keywords.map((t) => this.analyse(t)),
      title: this.analyse(s.title),
    }));
    for (const { s, phrasings, keywords, title } of analysed) {
      const seen = new Set([...phrasings, ...keywords, title].flatMap((a) => a.stems));
      for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
      const chunk = params.chunkSize;
      for (let start = 0, k = 0; start === 0 || start < phrasings.length; start += chunk, k += 1) {
        const part = phrasings.slice(start, start + chunk);
        const extra = k === 0 ? [...keywords, title] : [];
        const id = `${s.intent}#${k}`;
        this.docIntent.set(id, s.intent);
        docs.push({
          id,
          phr: part.map((a) => a.stems.join(' ')).join(' '),
          kw: k === 0 ? keywords.map((a) => a.stems.join(' ')).join(' ') : '',
          title: k === 0 ? title.stems.join(' ') : '',
          xkw: k === 0 ? s.crossKeywords.map((t) => this.analyse(t).stems.join(' ')).join(' ') : '',
          phon: [...part, ...extra].map((a) => a.phon.join(' ')).join(' '),
          bi: [...part, ...extra].map((a) => a.bigrams.join(' ')).join(' '),
        });
      }
    }
    this.ms.addAll(docs);
    const n = sources.length;
    const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 1));
    for (const { s, phrasings, keywords, title } of analysed) {
      const list: Entry[] = [];
      for (const a of [...phrasings, ...keywords, title]) {
        const terms = [...new Set(a.stems)];
        if (terms.length === 0) continue;
        const weights = terms.map(idf);
        list.push({ terms, phon: terms.map((t) => phonetic(t, locale)), weights, total: weights.reduce((x, y) => x + y, 0) });
      }
      this.entries.set(s.intent, list);
      const post = new Map<string, Array<[number, number]>>();
      list.forEach((e, ei) =>
        e.terms.forEach((t, ti) => {
          for (const key of new Set([t, e.phon[ti]])) {
            const places = post.get(key) ?? [];
            places.push([ei, ti]);
            post.set(key, places);
          }
        }),
      );
      this.postings.set(s.intent, post);
    }
  }

  analyse(text: string): Analysed {
    const stems = normalize(text, this.locale, { lexicon: this.lexicon, synonyms: this.synonyms });
    const phon = stems.map((s) => phonetic(s, this.locale));
    const bigrams: string[] = [];
    for (let i = 1; i < stems.length; i += 1) bigrams.push(`${stems[i - 1]}_${stems[i]}`);
    return { stems, phon, bigrams };
  }

  /**
   * Evidence for every intent: the sum over query words of that word's BM25 score, plus bigrams; which
   * (weighted) share of the query the intent explains; how completely the query contains one of its samples.
   */
  evidence(text: string): Evidence {
    const a = this.analyse(text);
    const p = this.params;
    const scores = new Map<string, number>();
    const matched = new Map<string, number>();
    const hit = new Map<string, Set<string>>();
    let unknown = 0;
    let total = 0;
    const unique = [...new Set(a.stems)];
    for (const term of unique) {
      let known = false;
      const hits = this.termHits(term);
      // How telling this word is: its strongest evidence for an intent (an unknown word: unknownMass).
      const mass = Math.max(p.unknownMass, ...hits.map((h) => h.score));
      total += mass;
      for (const h of hits) {
        scores.set(h.intent, (scores.get(h.intent) ?? 0) + h.score);
        matched.set(h.intent, (matched.get(h.intent) ?? 0) + mass);
        let set = hit.get(h.intent);
        if (!set) hit.set(h.intent, (set = new Set()));
        for (const t of h.terms) set.add(t);
        if (h.intent !== NONE) known = true;
      }
      if (!known) unknown += mass;
    }
    if (a.bigrams.length > 0) {
      const best = new Map<string, number>();
      for (const r of this.ms.search({ queries: a.bigrams, fields: ['bi'], boost: { bi: p.boostBigram } })) {
        const intent = this.docIntent.get(String(r.id)) ?? String(r.id);
        best.set(intent, Math.max(best.get(intent) ?? 0, r.score / Math.max(1, r.queryTerms.length)));
      }
      for (const [intent, sc] of best) scores.set(intent, (scores.get(intent) ?? 0) + sc);
    }
    const recall = new Map<string, number>();
    for (const [intent, h] of hit) recall.set(intent, this.bestRecall(intent, h));
    return { scores, matched, recall, words: total, unknown };
  }

  /** What one query word matches, per intent (best document): cached, a word always matches the same. */
  private termHits(term: string): TermHit[] {
    const cached = this.cache.get(term);
    if (cached) return cached;
    const p = this.params;
    const ph = phonetic(term, this.locale);
    const search = (loose: boolean) =>
      this.ms.search({
        combineWith: 'OR',
        queries: [
          {
            queries: [term],
            fields: ['phr', 'kw', 'title', 'xkw'],
            fuzzy: loose && (term.length >= p.fuzzy2 ? 2 : term.length >= p.fuzzy1 ? 1 : false),
            prefix: loose && term.length >= 4,
            boost: { kw: p.boostKeywords, title: p.boostTitle, xkw: p.boostCrossKeywords },
            weights: { fuzzy: p.fuzzyWeight, prefix: p.prefixWeight },
          },
          { queries: [ph], fields: ['phon'], fuzzy: loose && ph.length >= 6 ? 1 : false, boost: { phon: p.boostPhonetic } },
        ],
      });
    // A word the samples use as such is taken as spelled right; prefixes and typos are tried otherwise.
    let results = p.exactFirst ? search(false) : [];
    if (!results.some((r) => this.docIntent.get(String(r.id)) !== NONE)) results = search(true);
    const byIntent = new Map<string, TermHit>();
    for (const r of results) {
      const intent = this.docIntent.get(String(r.id)) ?? String(r.id);
      // MiniSearch multiplies by the number of query terms matched (here the stem and its phonetic key).
      const score = r.score / Math.max(1, r.queryTerms.length);
      const prev = byIntent.get(intent);
      if (!prev) byIntent.set(intent, { intent, score, terms: Object.keys(r.match) });
      else {
        prev.score = Math.max(prev.score, score);
        prev.terms.push(...Object.keys(r.match));
      }
    }
    const out = [...byIntent.values()];
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(term, out);
    return out;
  }

  /** IDF-weighted share of the best sample of `intent` whose terms were all matched (0..1). */
  private bestRecall(intent: string, matchedTerms: Set<string>): number {
    const entries = this.entries.get(intent) ?? [];
    const postings = this.postings.get(intent);
    if (!postings) return 0;
    const got = new Float64Array(entries.length);
    const counted = new Set<number>();
    for (const t of matchedTerms) {
      for (const [e, i] of postings.get(t) ?? []) {
        const key = e * 4096 + i;
        if (counted.has(key)) continue;
        counted.add(key);
        got[e] += entries[e].weights[i];
      }
    }
    let top = 0;
    got.forEach((g, e) => {
      const total = entries[e].total;
      top = Math.max(top, (g / total) * Math.min(1, total / this.params.recallMass));
    });
    return top;
  }
}

interface TermHit {
  intent: string;
  score: number;
  /** Index terms the word matched (exactly, by prefix, fuzzily, or by sound). */
  terms: string[];
}

/** Distinct query words remembered per locale (a word always matches the same way). */
const CACHE_SIZE = 20000;

export interface Evidence {
  scores: Map<string, number>;
  /** Per intent, the weight of the query words it matched (see RouterParams.unknownMass). */
  matched: Map<string, number>;
  /** Per intent, 0..1: how completely the query contains its best-matching sample. */
  recall: Map<string, number>;
  /** Total weight of the query words. */
  words: number;
  /** Weight of the query words no intent knows. */
  unknown: number;
}

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
    // "Ma fille m'a dit de venir ici pour la CAF": who sent the citizen is not the need (referral.ts).
    const ev = index.evidence(withoutReferral(text));
    const { temperature, noneLogit, coverageExp, unknownWeight, recallWeight } = this.params;
    const logits = new Map<string, number>();
    for (const intent of index.intents) {
      const cover = ev.words > 0 ? (ev.matched.get(intent) ?? 0) / ev.words : 0;
      const recall = ev.recall.get(intent) ?? 0;
      logits.set(intent, ((ev.scores.get(intent) ?? 0) / temperature) * cover ** coverageExp + recallWeight * recall * recall);
    }
    const unknownShare = ev.words ? ev.unknown / ev.words : 1;
    logits.set(NONE, Math.max(noneLogit + unknownWeight * unknownShare, logits.get(NONE) ?? 0));
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

/** How many alternatives a result lists (the bot offers 2–3 of them). */
const ALTERNATIVES = 5;

const other = (locale: Locale): Locale => (locale === 'fr' ? 'en' : 'fr');

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
