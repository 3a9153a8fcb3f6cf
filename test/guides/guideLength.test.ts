/**
 * "c long ?" asked at any of a guide's questions: the steps left. The guide's question is asked again after it
 * (test/transcripts/about-the-guide.yaml).
 */
import { loadGuides } from '../../src/guides/loader';
import { lengthAnswer } from '../../src/guides/dialogs/guideLength';
import type { GuideState } from '../../src/guides/dialogs/guideState';
import { Strings } from '../../src/i18n/strings';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/paths';

const { catalog } = loadGuides(DIALOGS_DIR);
const strings = Strings.load(LOCALES_DIR);
const guide = (id: string) => catalog.get(id)!;

describe('"c long ?" in a guide', () => {
  const passport = guide('ants-identite');
  const total = passport.mainSteps.length;
  const state = (over: Partial<GuideState>): GuideState => ({ guideId: passport.guide.id, version: 1, phase: 'needs', history: [], failures: 0, ...over });

  it('at the prerequisites: the whole guide', () => {
    expect(lengthAnswer(strings, passport, state({}), 'c long ?', 'fr')).toContain(`Ce guide a ${total} étapes courtes.`);
  });

  it('at a step: the steps left, with this one; at the last step, that it is the last', () => {
    const second = passport.mainSteps[1].id;
    expect(lengthAnswer(strings, passport, state({ phase: 'step', stepId: second }), 'ça prend combien de temps', 'fr')).toContain(`Il reste ${total - 1} étapes`);
    const last = passport.mainSteps[total - 1].id;
    expect(lengthAnswer(strings, passport, state({ phase: 'step', stepId: last }), 'how long does it take', 'en')).toContain('This is the last step.');
  });

  it('a story about time is no question', () => {
    expect(lengthAnswer(strings, passport, state({}), "ça fait longtemps que j'essaie", 'fr')).toBeUndefined();
  });
});
