/**
 * The yes/no model behind the answers (@microsoft/recognizers-text-choice) compiles large regular expressions on
 * its first runs in a process: time the first citizen would wait for. The app runs it at startup when
 * WARMUP_RECOGNIZERS is on (production). (Numbers in words no longer use the number models: numberWords.ts.)
 */
import { recognizeChoice, type ChoiceOption } from './choices';

export function warmUpRecognizers(): void {
  const probe: ChoiceOption[] = [
    { key: '1', label: 'Oui', value: 'yes', role: 'yes' },
    { key: '2', label: 'Non', value: 'no', role: 'no' },
  ];
  // Each text twice: V8 may interpret a regular expression on its first run and compile it on the next.
  const texts = { fr: ['le deuxième', 'deux', 'quatre', 'le septième', 'peut-être bien', 'zzz'], en: ['the second', 'two', 'four', 'the seventh', 'maybe', 'zzz'] };
  for (const locale of ['fr', 'en'] as const) {
    for (const text of texts[locale]) for (let i = 0; i < 2; i++) recognizeChoice(text, probe, locale);
  }
}
