/** The free-text router's scoring knobs (src/nlu/fuzzyRouter.ts) and their tuned defaults. */
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
