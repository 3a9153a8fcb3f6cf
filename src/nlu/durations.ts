/**
 * Durations in months, for answers that are ranges of time ("Moins de 4 mois", "4 à 6 mois", "Plus de 6
 * mois"): "je pars dans 2 mois", "dans un an et demi", "in 5 months", "dans 3 semaines". Only a time ahead
 * or a length ("dans", "in", "d'ici", "encore") counts; a date or an age does not ("j'ai 62 ans").
 */
import type { Locale } from '../i18n/locale';
import { plainText } from './signals';

const WORD_NUMBERS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
  quinze: 15, dixhuit: 18, vingt: 20, quelques: 3, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7,
  eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, eighteen: 18, couple: 2, few: 3,
};

const UNIT_MONTHS: Array<[RegExp, number]> = [
  [/^(?:mois|months?)$/, 1],
  [/^(?:ans?|annees?|years?)$/, 12],
  [/^(?:semaines?|weeks?)$/, 12 / 52],
  [/^(?:jours?|days?)$/, 12 / 365],
];

const AHEAD = /\b(?:dans|d ici|encore|in|within|another|en)\b$/;

/** How many months ahead the message says, if it says one ("dans un an et demi" = 18). */
export function monthsAhead(text: string, _locale: Locale): number | undefined {
  const t = plainText(text).replace(/\bdix huit\b/g, 'dixhuit').replace(/\ba half\b/g, 'half');
  const words = t.split(' ');
  for (let i = 1; i < words.length; i += 1) {
    const unit = UNIT_MONTHS.find(([re]) => re.test(words[i]));
    if (!unit) continue;
    const n = /^\d+$/.test(words[i - 1]) ? Number(words[i - 1]) : WORD_NUMBERS[words[i - 1]];
    if (n === undefined) continue;
    // "dans 2 mois", "in 5 months", "d'ici 3 mois"; "in a few months", "dans quelques mois".
    const before = words.slice(Math.max(0, i - 4), i - 1).join(' ');
    if (!AHEAD.test(before) && !AHEAD.test(words.slice(Math.max(0, i - 3), i - 1).join(' '))) continue;
    let months = n * unit[1];
    const after = words.slice(i + 1, i + 4).join(' ');
    if (/^(?:et demie?|and (?:a )?half|half)\b/.test(after)) months += unit[1] / 2;
    return months;
  }
  return undefined;
}

/** The range of months an answer label names: "Moins de 4 mois" [0, 4), "4 à 6 mois" [4, 6], "Plus de 6 mois" (6, ∞). */
export function monthRange(label: string): { min: number; max: number } | undefined {
  const t = plainText(label);
  let m = /^(?:moins de|less than|under) (\d+) (mois|months?|ans?|years?)$/.exec(t);
  if (m) return { min: 0, max: Number(m[1]) * scale(m[2]) - 1e-9 };
  m = /^(?:plus de|more than|over) (\d+) (mois|months?|ans?|years?)$/.exec(t);
  if (m) return { min: Number(m[1]) * scale(m[2]) + 1e-9, max: Infinity };
  m = /^(?:entre )?(\d+) (?:a|to|et|and) (\d+) (mois|months?|ans?|years?)$/.exec(t);
  if (m) return { min: Number(m[1]) * scale(m[3]), max: Number(m[2]) * scale(m[3]) };
  return undefined;
}

function scale(unit: string): number {
  return /^(?:ans?|years?)$/.test(unit) ? 12 : 1;
}

/** The one answer whose range holds the months the message says. */
export function pickByMonths<T extends { label: string }>(text: string, options: T[], locale: Locale): T | undefined {
  // Most messages say no time ahead: nothing to compare then (this runs at every answer).
  const months = monthsAhead(text, locale);
  if (months === undefined) return undefined;
  const ranged = options.map((o) => ({ o, r: monthRange(o.label) })).filter((x) => x.r);
  if (ranged.length < 2) return undefined;
  const hits = ranged.filter((x) => months >= x.r!.min && months <= x.r!.max);
  return hits.length === 1 ? hits[0].o : undefined;
}
