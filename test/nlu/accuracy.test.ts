/**
 * Accuracy on the tuning sets (the held-out sets are only reported by `pasapas eval-nlu`, never tuned on).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadGuides } from '../../src/guides/loader';
import { DIALOGS_DIR } from '../../src/paths';
import { evaluate, loadEvalSet } from '../../src/cli/evalNlu';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../../src/nlu/fuzzyRouter';
import { SYSTEM_INTENTS } from '../../src/nlu/router';

const { catalog } = loadGuides(DIALOGS_DIR);
const router = new FuzzyRouter(catalog, join(DIALOGS_DIR, SYSTEM_INTENTS_FILE));

const SETS = [
  { file: 'fr.tune.yaml', locale: 'fr' as const },
  { file: 'en.tune.yaml', locale: 'en' as const },
];

describe.each(SETS)('accuracy on $file', ({ file, locale }) => {
  const path = join(__dirname, file);
  const run = existsSync(path) ? it : it.skip;

  run('top-1 ≥ 90 % and top-3 ≥ 97 % (rows whose guide is not loaded are left out)', () => {
    const rows = loadEvalSet(path).filter(
      (r) => r.intent === 'none' || catalog.get(r.intent) || (SYSTEM_INTENTS as readonly string[]).includes(r.intent),
    );
    const report = evaluate(router, rows, locale);
    expect(report.n).toBeGreaterThan(0);
    expect(report.top1).toBeGreaterThanOrEqual(0.9);
    expect(report.top3).toBeGreaterThanOrEqual(0.97);
  });
});

describe('evaluate', () => {
  it('counts top-1, top-3 and confusions', () => {
    const fake = {
      route: (text: string) => ({
        intent: text === 'a' ? 'x' : 'y',
        score: 0.9,
        alternatives: [
          { intent: 'z', score: 0.05 },
          { intent: 'x', score: 0.03 },
          { intent: 'w', score: 0.02 },
        ],
      }),
    };
    const rows = [
      { text: 'a', intent: 'x' },
      { text: 'b', intent: 'x' },
      { text: 'c', intent: 'w' },
    ];
    expect(evaluate(fake, rows, 'fr')).toEqual({
      top1: 1 / 3,
      top3: 2 / 3,
      n: 3,
      confusions: [
        { expected: 'w', got: 'y', count: 1 },
        { expected: 'x', got: 'y', count: 1 },
      ],
    });
  });
});
