/**
 * The free-text router's index of one language (see src/nlu/fuzzyRouter.ts): MiniSearch documents per intent
 * (stems of its phrasings, keywords, title, other-language keywords, phonetic keys, stem bigrams) and the
 * evidence a message gives each intent.
 */
import MiniSearch from 'minisearch';
import type { Locale } from '../i18n/locale';
import { buildLexicon, compileSynonyms, normalize, phonetic, type Lexicon, type Synonyms } from './normalize';
import type { RouterParams } from './routerParams';
import { NONE } from './systemIntents';

interface Analysed {
  stems: string[];
  phon: string[];
  bigrams: string[];
}

export interface Source {
  intent: string;
  phrasings: string[];
  keywords: string[];
  /** Keywords of the other language ("carte grise", "attestation de droits" in an English message). */
  crossKeywords: string[];
  title: string;
}

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
export class LocaleIndex {
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
