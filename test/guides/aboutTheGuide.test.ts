/**
 * Questions about the formality itself, asked at any of a guide's questions: "c'est quand ?" (today's date and what
 * it means in this guide) and "c long ?" (the steps left). The guide's question is asked again after them
 * (test/transcripts/about-the-guide.yaml).
 */
import { loadGuides } from '../../src/guides/loader';
import { datesAnswer } from '../../src/guides/dialogs/guideDates';
import { lengthAnswer } from '../../src/guides/dialogs/guideLength';
import type { GuideState } from '../../src/guides/dialogs/guideState';
import { todayIn } from '../../src/guides/when';
import { Strings } from '../../src/i18n/strings';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/paths';

const { catalog } = loadGuides(DIALOGS_DIR);
const strings = Strings.load(LOCALES_DIR);
const guide = (id: string) => catalog.get(id)!;
const at = (iso: string) => todayIn(Date.parse(iso));

describe('"c\'est quand ?" in a guide bound to dates', () => {
  const actualisation = guide('france-travail-actualisation');

  it('inside the window: open until the 15th, with today\'s date', () => {
    expect(datesAnswer(strings, actualisation, at('2027-02-03T10:00:00+01:00'), 'c quand deja', 'fr'))
      .toBe("Nous sommes le mercredi 3 février. L'actualisation est ouverte : vous pouvez la faire maintenant, jusqu'au 15.");
  });

  it('the 15th: the last day (the narrowest range wins)', () => {
    expect(datesAnswer(strings, actualisation, at('2027-02-15T10:00:00+01:00'), "jusqu'a quand ?", 'fr')).toContain("C'est le dernier jour");
  });

  it('before the 28th: not open yet, in English too', () => {
    expect(datesAnswer(strings, actualisation, at('2027-02-20T10:00:00+01:00'), 'when is the deadline?', 'en')).toContain('It opens on the 28th');
  });

  it('a dated notice answers when no answer is dated (the tax return in November)', () => {
    expect(datesAnswer(strings, guide('impots-declaration'), at('2026-11-20T10:00:00+01:00'), "c'est quand ?", 'fr')).toContain('en avril');
  });

  it('says nothing in a guide without dates, or when the message is no question about dates', () => {
    expect(datesAnswer(strings, guide('ameli-compte'), at('2027-02-03T10:00:00+01:00'), "c'est quand ?", 'fr')).toBeUndefined();
    expect(datesAnswer(strings, actualisation, at('2027-02-03T10:00:00+01:00'), 'quand je clique ça marche pas', 'fr')).toBeUndefined();
  });
});

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
