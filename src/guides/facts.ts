/**
 * Plain facts a citizen asks about on the way (dialogs/_facts.yaml): what a word means ("c'est quoi l'ANTS",
 * "le 33700"), and what a formality really costs ("un passeport c'est payant ?", "on me demande 86 euros,
 * c'est normal ?"). A price fact knows the real amounts, so a real fee is answered calmly and only a wrong
 * amount or a fee for a free formality is checked as a possible scam. An info fact is a plain answer with no guide of
 * ours ("prime de Noël", when a pension is paid, what to bring to an appointment), said instead of a guide that only
 * shares a word with it.
 */
import { z } from 'zod';
import { LocalizedText } from '../i18n/localized';
import type { Locale } from '../i18n/locale';
import { normalize } from '../nlu/normalize';
import { plainText } from '../nlu/signals';
import { fold } from '../text/fold';
import type { AnswerWords } from '../nlu/answerWords';
import { INFO_QUESTIONS } from '../nlu/infoQuestions';

const LocalizedPhrases = z.object({ fr: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict();

export const Fact = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z
      .enum(['term', 'price', 'info'])
      .describe('term: what a word means; price: what a formality costs; info: a fact with no guide of ours, said when named (then a person, a place or the menu).'),
    about: LocalizedPhrases.optional().describe('Words that name the subject ("ants", "passeport enfant").'),
    guides: z.array(z.string()).optional().describe('Also the subject when the message names one of these guides.'),
    says: LocalizedText.describe('The answer, in plain words. "{title}" is the named guide\'s title.'),
    guide: z.string().optional().describe('A guide to offer after the answer ("On commence ?").'),
    offers: z
      .array(z.string())
      .optional()
      .describe('An organisation\'s guides, offered as a list after the answer ("c\'est quoi Ameli ?": what it is, then its guides).'),
    amounts: z.array(z.number().nonnegative()).optional().describe('price: the real amounts in euros.'),
    range: z.tuple([z.number(), z.number()]).optional().describe('price: the real amounts lie in this range (euros).'),
    free: z.boolean().optional().describe('price: nothing to pay on the official site.'),
    asks: z
      .array(z.enum(INFO_QUESTIONS))
      .optional()
      .describe('info: said only when the message also asks one of these (its words alone may name a guide: "ma retraite").'),
  })
  .strict()
  .refine((f) => f.about || f.guides, { message: 'a fact needs `about` words or `guides`' });
export type Fact = z.infer<typeof Fact>;

export const FactsFile = z.object({ facts: z.array(Fact) }).strict();

export interface FactQuery {
  text: string;
  locale: Locale;
  kind?: Fact['kind'];
  /** The guide the message names, if the router found one. */
  guideId?: string;
  /** Only facts this accepts (an info fact whose question the message asks). */
  accept?: (fact: Fact) => boolean;
}

export interface Facts {
  /** The fact the message asks about: its most specific `about` words, else the guide it names. */
  find(q: FactQuery): Fact | undefined;
  /**
   * Does one of the fact's `about` phrasings say everything the text says ("l'ANTS" yes, "la CAF et ses aides"
   * no), or lead it ("la pré-demande pour le passeport")?
   */
  covers(fact: Fact, text: string, locale: Locale): boolean;
  /**
   * A quick look before `find` where most messages name no fact: does the text hold a word or a stem of some
   * fact's `about` phrasings (not the everyday words `find` also hears)?
   */
  mayName(text: string, locale: Locale): boolean;
  all(): Fact[];
}

/** The amount of money a message says ("86 euros", "25€", "17 eur"), if any. */
export function amountIn(text: string): number | undefined {
  const t = fold(text).replace(/(\d)[  ](\d{3})\b/g, '$1$2');
  // "86 euros", "25€"; or a bare number right after asking to pay ("on me fait payer 19,90").
  const m = /(\d+(?:[.,]\d+)?) ?(?:e|eur|euros?|€)(?![a-z])/.exec(t) ?? /\b(?:payer|paye|demande|veut|veulent|coute|charge|pay|costs?) (\d+(?:[.,]\d{1,2})?)\b(?! ?(?:ans?|mois|jours?|semaines?|h|heures?|min|km|years?|months?|days?))/.exec(t);
  return m ? Number(m[1].replace(',', '.')) : undefined;
}

/** Is this amount what the fact says it costs? */
export function isRealPrice(fact: Fact, amount: number): boolean {
  if (fact.free) return false;
  if (fact.amounts?.some((a) => Math.abs(a - amount) < 0.01)) return true;
  return Boolean(fact.range && amount >= fact.range[0] && amount <= fact.range[1]);
}

/** Little words that name nothing: a phrase may lose them to the normaliser. */
const LINKS = new Set('le la les l un une des de du d a au aux en et ou sur pour par the a an of to for on in and or'.split(' '));

/**
 * The stems a phrase is matched by, or none when the normaliser kept only its first word ("numéro de demande" →
 * "numero" alone would match any "numéro de …"): then only the phrase itself, written out, matches.
 */
function stemsOrLiteral(p: string, locale: Locale): string[] {
  const stems = normalize(p, locale).filter((s) => s !== 'codepostal');
  const words = plainText(p).split(' ').filter((w) => w && !LINKS.has(w));
  // Its first word alone is left (not a merged form: "pôle emploi" → "francetravail" keeps matching).
  const lost = stems.length === 1 && words.length >= 2 && normalize(words[0], locale)[0] === stems[0];
  return lost ? [] : stems;
}

export function compileFacts(facts: Fact[], words?: AnswerWords): Facts {
  const compiled = facts.map((f) => ({
    f,
    about: (['fr', 'en'] as const).map((locale) => ({
      locale,
      phrases: (f.about?.[locale] ?? []).map((p) => ({ text: plainText(p), stems: stemsOrLiteral(p, locale) })),
    })),
  }));
  const named = new Map<Locale, Set<string>>();
  for (const c of compiled) {
    for (const a of c.about) {
      const set = named.get(a.locale) ?? new Set<string>();
      named.set(a.locale, set);
      for (const p of a.phrases) for (const w of [...p.stems, ...p.text.split(' ')]) if (w && !LINKS.has(w)) set.add(w);
    }
  }
  return {
    all: () => facts,
    mayName(text: string, locale: Locale): boolean {
      const set = named.get(locale);
      return Boolean(set && (plainText(text).split(' ').some((w) => set.has(w)) || normalize(text, locale).some((st) => set.has(st))));
    },
    covers(fact: Fact, text: string, locale: Locale): boolean {
      const said = normalize(text, locale);
      const plain = plainText(text);
      return (fact.about?.[locale] ?? []).some((p) => {
        const stems = new Set(normalize(p, locale));
        // "la pré-demande pour le passeport": the word asked about, then what it is for, is still that word.
        const leads = new RegExp(`^${plainText(p)} (?:pour|de|du|des|d|a|au|aux|sur|for|of|on) `).test(plain);
        return plainText(p) === plain || leads || (said.length > 0 && said.every((s) => stems.has(s)));
      });
    },
    find(q: FactQuery): Fact | undefined {
      // The answer words' phrasings ("on me l'a piquée" → "volée") are for facts asked at a guide's question; an info
      // fact is named in the citizen's own words, and hearing them costs ~1 ms (measured: a third of a web chat
      // turn's CPU when every "impots" looked for one).
      const texts = q.kind === 'info' ? [q.text] : [q.text, ...(words?.heard(q.text, q.locale) ?? [])];
      const plain = ` ${texts.map(plainText).join(' ')} `;
      const stems = new Set(texts.flatMap((t) => normalize(t, q.locale)));
      let best: { f: Fact; score: number } | undefined;
      for (const c of compiled) {
        if ((q.kind && c.f.kind !== q.kind) || (q.accept && !q.accept(c.f))) continue;
        for (const p of c.about.find((a) => a.locale === q.locale)?.phrases ?? []) {
          const literal = plain.includes(` ${p.text} `);
          const byStems = p.stems.length > 0 && p.stems.every((s) => stems.has(s));
          if (!literal && !byStems) continue;
          const score = Math.max(p.stems.length, 1) + (literal ? 0.5 : 0);
          if (!best || score > best.score) best = { f: c.f, score };
        }
      }
      if (best) return best.f;
      if (!q.guideId) return undefined;
      return facts.find((f) => (!q.kind || f.kind === q.kind) && f.guides?.includes(q.guideId!));
    },
  };
}

export const NO_FACTS: Facts = { find: () => undefined, covers: () => false, mayName: () => false, all: () => [] };
