/**
 * The recognizers behind the answers (botbuilder-dialogs' recognizeChoices: the number and ordinal models; the
 * yes/no model) compile very large regular expressions on their first runs in a process: seconds of CPU (2–14 s
 * measured on a loaded 2-CPU machine for a first "quatre" under a list of 3) that the first citizen would wait
 * for, past an SMS webhook's deadline. The app runs them at startup when WARMUP_RECOGNIZERS is on (production).
 */
import { recognizeChoice, type ChoiceOption } from './choices';

export function warmUpRecognizers(): void {
  const probe: ChoiceOption[] = [
    { key: '1', label: 'Oui', value: 'yes', role: 'yes' },
    { key: '2', label: 'Non', value: 'no', role: 'no' },
  ];
  // A number that is no answer ("quatre", "the seventh") runs more of the models than one that is; each text
  // twice, as V8 may interpret a regular expression on its first run and compile it on the next.
  const texts = { fr: ['le deuxième', 'deux', 'quatre', 'le septième', 'peut-être bien', 'zzz'], en: ['the second', 'two', 'four', 'the seventh', 'maybe', 'zzz'] };
  for (const locale of ['fr', 'en'] as const) {
    for (const text of texts[locale]) for (let i = 0; i < 2; i++) recognizeChoice(text, probe, locale);
  }
}
