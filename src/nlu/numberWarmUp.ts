import { recognizeChoices } from 'botbuilder-dialogs';

/**
 * The number and ordinal models behind `recognizeChoices` compile very large regular expressions on their first
 * runs in a process: seconds of CPU (measured 2–14 s on a loaded 2-CPU machine) for the first citizen who answers
 * "quatre" or "le deuxième", past an SMS webhook's deadline. The server runs them once per language before it
 * listens (src/main.ts). Returns the milliseconds it took.
 */
export function warmUpNumberWords(): number {
  const t0 = Date.now();
  const options = [{ value: '1', synonyms: ['a'] }];
  for (const [text, culture] of [['quatre', 'fr-fr'], ['le septieme', 'fr-fr'], ['four', 'en-us'], ['the seventh', 'en-us']]) {
    // Twice: V8 may interpret a regular expression on its first run and compile it on the next.
    for (let i = 0; i < 2; i++) recognizeChoices(text, options, { locale: culture, recognizeNumbers: true, recognizeOrdinals: true });
  }
  return Date.now() - t0;
}
