/**
 * The choices of a step are built once per step and locale (guideMessages.ts): what later calls return must be
 * what a fresh build gives, for every step of every guide, in both languages, and a caller changing its array
 * must not change the next one's.
 */
import { loadGuides } from '../../src/guides/loader';
import { GuideMessages } from '../../src/guides/dialogs/guideMessages';
import { Strings } from '../../src/i18n/strings';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/paths';

const { catalog } = loadGuides(DIALOGS_DIR);
const strings = Strings.load(LOCALES_DIR);

describe('GuideMessages.stepChoices, remembered per step and locale', () => {
  it('gives what a fresh build gives, for every step of every guide', () => {
    const warm = new GuideMessages(strings);
    let compared = 0;
    for (const g of catalog.list()) {
      for (const step of g.guide.steps) {
        for (const locale of ['fr', 'en'] as const) {
          warm.stepChoices(step, locale);
          const remembered = warm.stepChoices(step, locale);
          const fresh = new GuideMessages(strings).stepChoices(step, locale);
          expect(remembered).toEqual(fresh);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('gives each caller its own array', () => {
    const m = new GuideMessages(strings);
    const step = catalog.list()[0].guide.steps[0];
    const first = m.stepChoices(step, 'fr');
    const n = first.length;
    first.push({ key: '0', label: 'x', value: 'x' });
    expect(m.stepChoices(step, 'fr')).toHaveLength(n);
  });
});
