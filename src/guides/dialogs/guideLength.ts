/**
 * "C'est long ?" asked inside a guide (src/nlu/howLong.ts), at any of its questions, when nothing else took the
 * message: how many steps are left (all of them at the prerequisites), that a pause keeps the citizen's place, and
 * that the service's own answer time is not ours to promise; then the same question again. Not a miss.
 */
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';
import { asksHowLong } from '../../nlu/howLong';
import { stepNumber, type LoadedGuide } from '../catalog';
import type { GuideState } from './guideState';

/** What the guide says about its length, when the message asks it; undefined otherwise. */
export function lengthAnswer(strings: Strings, g: LoadedGuide, st: GuideState, text: string, locale: Locale): string | undefined {
  if (!asksHowLong(text)) return undefined;
  const total = g.mainSteps.length;
  const onStep = st.phase === 'step' && st.stepId ? g.stepById.get(st.stepId) : undefined;
  const left = onStep ? total - stepNumber(g, onStep.id) + 1 : total;
  const lines = [
    left <= 1 ? strings.t(locale, 'length.last') : strings.t(locale, onStep ? 'length.left' : 'length.all', { n: left }),
    strings.t(locale, 'length.pause'),
    strings.t(locale, 'length.answerTime'),
  ];
  return lines.join('\n');
}
