/**
 * Everyday words for the answers inside guides (dialogs/_answers.yaml): slang, situations and places that
 * mean one of the answers a guide offers without using its words. "on me l'a piquée" means "volée", "mon
 * gamin" means "enfant", "né à Douala" means "à l'étranger", "que dalle" means "rien".
 *
 * A group is `{ words, means }`: when one of the words is in the message (and no negation word stands just
 * before it), each of the `means` phrases is heard too, as if the citizen had also said it. The answer
 * matcher then finds the option whose label or `alsoMeans` phrasing is there, as it does for any message.
 * A word ending in `*` matches any ending ("piqu*": piqué, piquée, piquer); `#` is a number ("# mo": 3 Mo,
 * 3Mo), `#minor` a child's age, 0 to 17 ("ma fille de #minor ans"). Words are matched on the
 * folded text (no accents, no punctuation, SMS spellings expanded). A group with `with` counts only when one
 * of those words is in the message too ("partir en vacances" with "au maroc": a trip outside Europe).
 */
import type { Locale } from '../i18n/locale';
import { plainText } from './signals';

export interface AnswerWordGroup {
  words: string[];
  /** Words one of which must be in the message too (not denied) for the group to count. */
  with?: string[];
  means: string[];
}

/** Words of a message an everyday-word group explains, and what they mean. */
export interface Explained {
  means: string[];
  words: string;
}

export type AnswerWordTable = Partial<Record<Locale, AnswerWordGroup[]>>;

export interface AnswerWords {
  /** The phrases a message also means (none when nothing in it is known). */
  heard(text: string, locale: Locale): string[];
  /** Which words of the message each group explains, and what they mean ("me l a cree" → "j'ai deja un espace"). */
  explained?(text: string, locale: Locale): Explained[];
  /** Every phrase the groups of a language can add (for `pasapas validate`). */
  means(locale: Locale): string[];
}

// "rien dans la boîte aux lettres", "aucune nouvelle", "sans boulot": "rien", "aucun" and "sans" deny what follows too.
const NEGATION = /^(?:pas|plus|jamais|rien|aucun|aucune|sans|not|never|no|without)$/;

interface Compiled {
  patterns: RegExp[];
  negative: boolean[];
  with: RegExp[];
  means: string[];
}

function compileWord(word: string): RegExp {
  const body = plainText(word.replace(/\*/g, ' zzstar ').replace(/#minor/g, ' zzminor ').replace(/#/g, ' zznum '))
    .split(' ')
    .map((w) => (w === 'zzstar' ? '[a-z0-9]*' : w === 'zznum' ? '\\d+' : w === 'zzminor' ? '(?:1[0-7]|[0-9])' : w))
    .join(' ')
    .replace(/ \[a-z0-9\]\*/g, '[a-z0-9]*')
    .replace(/\\d\+ /g, '\\d+ ?');
  return new RegExp(`(?:^| )(${body})(?= |$)`, 'g');
}

/** Where a word is in the folded text, but not just after "pas", "plus", "jamais"... (unless it is negative itself). */
function spansOf(t: string, re: RegExp, negative: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const start = m.index + (m[0].startsWith(' ') ? 1 : 0);
    const span: [number, number] = [start, start + m[1].length];
    if (negative) {
      spans.push(span);
      continue;
    }
    // "on me l'a PAS piquée" does not mean stolen.
    const tokens = t.slice(0, start).split(' ').filter(Boolean);
    const rest = t.slice(m.index).split(' ').filter(Boolean);
    const all = [...tokens, ...rest];
    const from = Math.max(0, tokens.length - 3);
    const negated = tokens.slice(from).some((w, k) => {
      if (!NEGATION.test(w)) return false;
      // "plus de 2 Mo", "more than 2" compare; they do not deny.
      const i = from + k;
      return !(w === 'plus' && /^(?:de|d|que)$/.test(all[i + 1] ?? '') && /\d/.test(all[i + 2] ?? ''));
    });
    if (!negated) spans.push(span);
  }
  return spans;
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

export function compileAnswerWords(table: AnswerWordTable): AnswerWords {
  const byLocale = new Map<Locale, Compiled[]>();
  for (const [locale, groups] of Object.entries(table) as Array<[Locale, AnswerWordGroup[]]>) {
    byLocale.set(
      locale,
      groups.map((g) => ({
        patterns: g.words.map(compileWord),
        negative: g.words.map((w) => /\b(?:pas|plus|jamais|rien|aucun|aucune|sans|not|never|no|nothing)\b/.test(plainText(w))),
        with: (g.with ?? []).map(compileWord),
        means: g.means,
      })),
    );
  }
  return {
    means: (locale) => [...new Set((table[locale] ?? []).flatMap((g) => g.means))],
    heard(text: string, locale: Locale): string[] {
      return meansOf(explain(text, locale));
    },
    explained: explain,
  };

  function explain(text: string, locale: Locale): Explained[] {
    const groups = byLocale.get(locale);
    if (!groups) return [];
    const t = withoutIntensifiers(plainText(text));
    if (!t) return [];
    // Each group's matches (where in the text); a group whose every match lies inside a longer match of
    // another group says less than it ("on voit pas" inside "on voit pas le bas de la feuille").
    const found: Array<{ means: string[]; spans: Array<[number, number]> }> = [];
    for (const g of groups) {
      if (g.with.length > 0 && !g.with.some((re) => spansOf(t, re, false).length > 0)) continue;
      const spans: Array<[number, number]> = [];
      g.patterns.forEach((re, i) => spans.push(...spansOf(t, re, g.negative[i])));
      if (spans.length > 0) found.push({ means: g.means, spans });
    }
    const longer = (a: [number, number], b: [number, number]) => overlaps(a, b) && b[1] - b[0] > a[1] - a[0];
    return found
      .filter((f) => !f.spans.every((a) => found.some((o) => o !== f && o.spans.some((b) => longer(a, b)))))
      .map((f) => ({ means: f.means, words: f.spans.map(([a, b]) => t.slice(a, b)).join(' ') }));
  }
}

/**
 * "rien du tout dans ma boîte", "absolument rien", "pas du tout reçu", "rien de rien": an intensifier says the
 * same thing louder — the groups read "rien dans ma boîte", "rien", "pas reçu".
 */
export function withoutIntensifiers(t: string): string {
  return t
    .replace(/\b(rien|pas|plus|jamais|aucune?) du tout\b/g, '$1')
    .replace(/\brien de rien\b/g, 'rien')
    .replace(/\b(?:absolument|vraiment|strictement|carrement|franchement|toujours toujours) (?=(?:rien|pas|aucune?|jamais)\b)/g, '')
    .replace(/\b(nothing|not) at all\b/g, '$1')
    .replace(/\b(?:absolutely|really) (?=(?:nothing|not)\b)/g, '');
}

/** What the explained words of a message mean, each phrase once: `heard` of the same message. */
export function meansOf(explained: Explained[]): string[] {
  const out: string[] = [];
  for (const f of explained) for (const m of f.means) if (!out.includes(m)) out.push(m);
  return out;
}

export const NO_ANSWER_WORDS: AnswerWords = { heard: () => [], means: () => [], explained: () => [] };
