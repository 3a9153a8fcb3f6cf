/**
 * The day a question about opening hours names ("c'est ouvert le samedi ?", "ils sont ouverts demain ?", "open on
 * Monday?"), as days from today (0 to 6, Paris wall time), on folded text. Undefined when it names none.
 */
import { parisWall } from '../territories/hours';

const WEEKDAYS: Array<[RegExp, number]> = [
  [/\b(?:lundi|monday)s?\b/, 1],
  [/\b(?:mardi|tuesday)s?\b/, 2],
  [/\b(?:mercredi|wednesday)s?\b/, 3],
  [/\b(?:jeudi|thursday)s?\b/, 4],
  [/\b(?:vendredi|friday)s?\b/, 5],
  [/\b(?:samedi|saturday)s?\b/, 6],
  [/\b(?:dimanche|sunday)s?\b/, 0],
];

export function dayAsked(folded: string, now: Date): number | undefined {
  const t = folded.replace(/['’]/g, ' ');
  if (/\b(?:aujourd hui|aujourdhui|ajd|auj|today|ce matin|cet apres midi|ce soir|this morning|this afternoon|tonight)\b/.test(t)) return 0;
  if (/\b(?:apres demain|day after tomorrow)\b/.test(t)) return 2;
  if (/\b(?:demain|tomorrow)\b/.test(t)) return 1;
  const named = WEEKDAYS.filter(([re]) => re.test(t));
  // "lundi ou mardi": not one day.
  if (named.length !== 1) return undefined;
  return (named[0][1] - parisWall(now).getDay() + 7) % 7;
}
