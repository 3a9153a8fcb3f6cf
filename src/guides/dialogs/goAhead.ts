/**
 * "On commence ? 1 Oui, on commence 2 Plus tard": a question that only asks whether to start. Its go-ahead answer,
 * for a message that tells the citizen's case instead ("je voudrais toucher la retraite de mon mari" at the survivor's
 * pension guide's first question): telling it is going ahead, and the later question takes the words.
 */
import type { ChoiceOption } from '../../conversation/choice';
import { plainText } from '../../nlu/signals';
import { START_NOW_SYNONYMS } from '../../nlu/startWords';

const YES = /^(?:oui|yes)\b/;

/** The question's go-ahead answer ("Oui, on commence", "Yes, let's start"), if it asks only whether to start. */
export function goAhead(options: ChoiceOption[]): ChoiceOption | undefined {
  const starts = options.filter((o) => {
    const label = ` ${plainText(o.label)} `;
    return YES.test(label.trim()) && START_NOW_SYNONYMS.some((w) => label.includes(` ${plainText(w)} `));
  });
  return starts.length === 1 ? starts[0] : undefined;
}
