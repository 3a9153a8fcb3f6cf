/**
 * Durations in months, for answers that are ranges of time ("Moins de 4 mois", "4 à 6 mois", "Plus de 6
 * mois"): "je pars dans 2 mois", "dans un an et demi", "in 5 months", "dans 3 semaines". Only a time ahead
 * or a length ("dans", "in", "d'ici", "encore") counts; a date or an age does not ("j'ai 62 ans").
 */
import type { Locale } from '../i18n/locale';
import { plainText } from './signals';
import { parisFields } from '../territories/hours';

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
  // "dans environ trois mois", "in about three months": an approximation says the same time.
  const t = plainText(text)
    .replace(/\b(?:environ|a peu pres|plus ou moins|a peu pret|genre|about|around|roughly|approximately|approx)\b ?/g, '')
    .replace(/\bdix huit\b/g, 'dixhuit')
    .replace(/\ba half\b/g, 'half');
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

const MONTHS: Array<[RegExp, number]> = [
  [/^(?:janvier|janv|january|jan)$/, 1], [/^(?:fevrier|fevr|fev|february|feb)$/, 2], [/^(?:mars|march)$/, 3],
  [/^(?:avril|avr|april|apr)$/, 4], [/^mai$/, 5], [/^(?:juin|june)$/, 6], [/^(?:juillet|juil|july)$/, 7],
  [/^(?:aout|august|aug)$/, 8], [/^(?:septembre|sept|september)$/, 9], [/^(?:octobre|oct|october)$/, 10],
  [/^(?:novembre|nov|november)$/, 11], [/^(?:decembre|dec|december)$/, 12], [/^may$/, 5],
];
// "en mars", "au mois de mars", "debut septembre", "in march", "next may" — not "mars" alone ("Mars" the brand).
// A day of the month counts too ("le 1er mars", "au 15 avril", "on the 1st of May").
const BEFORE_MONTH = /^(?:en|au mois de|mois de|a partir de|pour|debut|fin|mi|courant|in|next|early|late|by|from|1er|premier|(?:[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th)?|of)$/;

// A month in the past ("il est décédé en mars", "né en mai", "last March") is no departure date.
const PAST = /\b(?:decede|decedee|deces|mort|morte|ne|nee|naissance|depuis|dernier|derniere|passe|etait|avait|fini|finie|arrete|last|ago|died|born|since|was)\b/;
const NEXT_YEAR = /\b(?:l annee prochaine|l an prochain|annee pro|next year)\b/;

/**
 * How many months until the month the message names ("je pars en mars", "en septembre prochain", "in May
 * 2028"), counted to its 1st day (a retirement starts on the 1st of a month). The month this is: not a time
 * ahead unless "prochain"/"next" says next year's.
 */
export function monthsUntilNamed(text: string, now: number): number | undefined {
  const plain = plainText(text);
  if (PAST.test(plain)) return undefined;
  const words = plain.replace(/\b(?:au )?mois de\b/g, 'en').split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const month = MONTHS.find(([re]) => re.test(words[i]))?.[1];
    if (month === undefined) continue;
    const before = words.slice(Math.max(0, i - 2), i);
    if (!before.some((w) => BEFORE_MONTH.test(w))) continue;
    const today = parisFields(new Date(now));
    const after = words.slice(i + 1, i + 3).join(' ');
    const year = /^(20\d\d)\b/.exec(after)?.[1];
    let ahead = (month - today.mo + 12) % 12;
    if (year) ahead = (Number(year) - today.y) * 12 + month - today.mo;
    else if (ahead === 0 || /^(?:prochain|next)\b/.test(after) || before.includes('next')) ahead = ahead === 0 ? 12 : ahead;
    else if (NEXT_YEAR.test(plain)) ahead += 12;
    if (ahead <= 0) return undefined;
    return Math.max(0, ahead - today.d / 30);
  }
  return undefined;
}

/** The one answer whose range holds the months the message says (a month named counts from `now`, when known). */
export function pickByMonths<T extends { label: string }>(text: string, options: T[], locale: Locale, now?: number): T | undefined {
  // Most messages say no time ahead: nothing to compare then (this runs at every answer).
  const months = monthsAhead(text, locale) ?? (now === undefined ? undefined : monthsUntilNamed(text, now));
  if (months === undefined) return undefined;
  const ranged = options.map((o) => ({ o, r: monthRange(o.label) })).filter((x) => x.r);
  if (ranged.length < 2) return undefined;
  const hits = ranged.filter((x) => months >= x.r!.min && months <= x.r!.max);
  return hits.length === 1 ? hits[0].o : undefined;
}
