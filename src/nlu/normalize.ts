/**
 * Normalisation of free text for intent matching, French and English.
 *
 * Pipeline: fold (case, accents, apostrophes, hyphens) → multi-word canonical forms ("mot de passe",
 * "pôle emploi", "e-mail") → SMS spellings ("pa", "koi", "mdp", "jveu") → elisions ("l'", "d'", and glued
 * "jai", "dimpot", "lameli") → domain synonyms (from the system-intents file) → stop words → light
 * stemming, so "déclarer", "declaration" and "déclare" all become "declar". A rough phonetic key
 * ("kart" ≈ "carte", "retrete" ≈ "retraite") is offered as a second, fuzzier view.
 * The same functions run on the guides' phrasings and on what citizens type.
 */
import { fold } from '../text/fold';
import type { Locale } from '../i18n/locale';
import { ELIDABLE, EMPTY_LEXICON, FR_PHRASES, FR_SMS, FR_STOP, knownRest, phoneticFr, splitElision, stemFr, type Lexicon } from './french';
import { EN_PHRASES, EN_SMS, EN_STOP, stemEn } from './english';

export { phoneticFr, splitElision, stemFr, type Lexicon } from './french';
export { stemEn } from './english';

/**
 * The content words of some texts (and their stems), for the elision splitter. Glued forms the texts
 * themselves contain ("jarrive", "lattestation") are left out, so they are split like anywhere else.
 */
export function buildLexicon(texts: string[], locale: Locale): Set<string> {
  const all = new Set<string>();
  for (const t of texts) for (const w of words(t, locale)) if (!isStopWord(w, locale)) all.add(w);
  const lexicon = new Set<string>();
  for (const w of all) lexicon.add(stem(w, locale));
  for (const w of all) {
    const m = locale === 'fr' ? ELIDABLE.exec(w) : null;
    if (!m || !knownRest(m[2], lexicon)) lexicon.add(w);
  }
  return lexicon;
}

// ---- Pipeline ------------------------------------------------------------------------------------

function applyPhrases(text: string, rules: Array<[RegExp, string]>): string {
  let t = text;
  for (const [re, repl] of rules) t = t.replace(re, repl);
  return t;
}

/** Folded words after phrase canonicalisation, elision splitting and SMS expansion (stop words kept). */
export function words(text: string, locale: Locale, lexicon: Lexicon = EMPTY_LEXICON): string[] {
  let t = fold(text).replace(/[-_]/g, ' ');
  t = applyPhrases(` ${t} `, locale === 'fr' ? FR_PHRASES : EN_PHRASES);
  const out: string[] = [];
  const sms = locale === 'fr' ? FR_SMS : EN_SMS;
  for (const raw of t.split(/[^a-z0-9']+/)) {
    if (!raw) continue;
    for (const part of raw.split("'")) {
      if (!part) continue;
      const expanded = Object.prototype.hasOwnProperty.call(sms, part) ? sms[part].split(' ') : [part];
      for (const w of expanded) {
        if (locale === 'fr') {
          for (const piece of splitElision(w, lexicon)) {
            const again = Object.prototype.hasOwnProperty.call(sms, piece) && piece.length > 1 ? sms[piece].split(' ') : [piece];
            out.push(...again);
          }
        } else out.push(w);
      }
    }
  }
  return out;
}

/** Domain synonyms (from the system-intents file): variant words or phrases → an extra canonical word. */
export interface Synonyms {
  /** Multi-word variants, by their first word. */
  phrases: Map<string, Array<{ words: string[]; canonical: string }>>;
  words: Map<string, string>;
}

/** Compile `{ canonical: [variants] }`: variants are normalised like any text. */
export function compileSynonyms(table: Record<string, string[]>, locale: Locale): Synonyms {
  const phrases = new Map<string, Array<{ words: string[]; canonical: string }>>();
  const single = new Map<string, string>();
  for (const [key, variants] of Object.entries(table)) {
    const canonical = words(key, locale).join('');
    if (!canonical) continue;
    for (const v of variants) {
      const ws = words(v, locale);
      if (ws.length > 1) {
        const list = phrases.get(ws[0]) ?? [];
        list.push({ words: ws, canonical });
        phrases.set(ws[0], list);
      } else if (ws.length === 1 && stem(ws[0], locale) !== stem(canonical, locale)) {
        single.set(ws[0], canonical);
        single.set(stem(ws[0], locale), canonical);
      }
    }
  }
  return { phrases, words: single };
}

/** Add the canonical word after each variant found (the variant itself stays, typos of it still match). */
export function applySynonyms(ws: string[], syn: Synonyms, locale: Locale): string[] {
  const after: string[][] = ws.map(() => []);
  ws.forEach((w, i) => {
    for (const ph of syn.phrases.get(w) ?? []) {
      const end = i + ph.words.length - 1;
      if (end < ws.length && ph.words.every((pw, k) => ws[i + k] === pw) && !after[end].includes(ph.canonical)) {
        after[end].push(ph.canonical);
      }
    }
  });
  const out: string[] = [];
  ws.forEach((w, i) => {
    out.push(w);
    const c = syn.words.get(w) ?? (isStopWord(w, locale) ? undefined : syn.words.get(stem(w, locale)));
    if (c && stem(c, locale) !== stem(w, locale)) out.push(c);
    for (const p of after[i]) if (p !== c) out.push(p);
  });
  return out;
}

export function isStopWord(word: string, locale: Locale): boolean {
  return (locale === 'fr' ? FR_STOP : EN_STOP).has(word);
}

export function stem(word: string, locale: Locale): string {
  return locale === 'fr' ? stemFr(word) : stemEn(word);
}

export function phonetic(word: string, locale: Locale): string {
  return locale === 'fr' ? phoneticFr(word) : word;
}

export interface NormalizeOptions {
  lexicon?: Lexicon;
  synonyms?: Synonyms;
}

/** Content words of a text, stemmed: the unit of matching. With a lexicon, numbers it lacks are dropped. */
export function normalize(text: string, locale: Locale, opts: NormalizeOptions = {}): string[] {
  const ws = words(text, locale, opts.lexicon);
  return (opts.synonyms ? applySynonyms(ws, opts.synonyms, locale) : ws)
    .filter((w) => !isStopWord(w, locale) && (w.length > 1 || /\d/.test(w)))
    .filter((w) => !/^\d+$/.test(w) || !opts.lexicon || opts.lexicon.has(w))
    .map((w) => stem(w, locale));
}

/** A message that opens with a bare yes or no ("non on rentre le 15", "ben oui ça fait 3 semaines"). */
export function leadingYesNo(plain: string): 'yes' | 'no' | undefined {
  if (/^(?:(?:ben|bah|mais|ah) )?(?:oui|ouais|ouai|yes|yep|yeah)\b/.test(plain)) return 'yes';
  return /^(?:(?:ben|bah|mais|ah) )?(?:non|nan|nn|no|nope)\b/.test(plain) ? 'no' : undefined;
}

/** "un", "une", and a digit written for them ("jvoudré 1 conseyer", "1 rdv"): articles, not answer numbers. */
export function withoutArticles(text: string): string {
  const out = text
    .replace(/\b(un|une)\b/g, ' ')
    .replace(/\b\d+ (?!(?:merci|svp|stp|please|thanks|oui|yes|ok|okay|voila|alors|donc)\b)(?=[a-z]{2,})/g, ' ')
    .trim();
  return out || text;
}
