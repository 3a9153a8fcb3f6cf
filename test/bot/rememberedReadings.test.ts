/**
 * Readings of short messages remembered (src/bot/shortTextMemo.ts): the router's (RememberedRouter) and the menu's
 * answer at the landing (Home.menuPick) must give what the uncached reading gives, every time, and a caller changing
 * what it got must not change what the next one gets.
 */
import { join } from 'node:path';
import { loadGuides } from '../../src/guides/loader';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../../src/nlu/fuzzyRouter';
import { recognizeChoiceHow } from '../../src/nlu/choices';
import { RememberedRouter } from '../../src/bot/rememberedRouter';
import { ShortTextMemo } from '../../src/bot/shortTextMemo';
import { Home } from '../../src/bot/home';
import type { BotDeps } from '../../src/bot/deps';
import { loadMenu } from '../../src/app/bot';
import { Strings } from '../../src/i18n/strings';
import { DIALOGS_DIR, LOCALES_DIR } from '../../src/paths';

const { catalog } = loadGuides(DIALOGS_DIR);
const fuzzy = new FuzzyRouter(catalog, join(DIALOGS_DIR, SYSTEM_INTENTS_FILE));
const TEXTS = ['1', 'menu', 'impots', 'mé impo', 'je veux declarer mes impots', 'la kaf', 'carte vitale perdue', 'renew passport',
  'aucun', 'oui', 'Déclarer mes impôts en ligne', 'un conseiller svp', 'effacer mes données', 'jsp', '',
  `${'une phrase bien plus longue que soixante-quatre caractères '.repeat(2)}pour les impots`];

describe('RememberedRouter', () => {
  it('reads every message as the router does, the first time and the next ones', () => {
    const remembered = new RememberedRouter(fuzzy);
    for (let round = 0; round < 3; round++) {
      for (const text of TEXTS) for (const locale of ['fr', 'en'] as const) expect(remembered.route(text, locale)).toEqual(fuzzy.route(text, locale));
    }
  });

  it('gives each caller its own result, and the router\'s titles', () => {
    const remembered = new RememberedRouter(fuzzy);
    const first = remembered.route('impots', 'fr');
    first.intent = 'changed';
    first.alternatives[0].score = -1;
    expect(remembered.route('impots', 'fr')).toEqual(fuzzy.route('impots', 'fr'));
    expect(remembered.title?.('mediateur', 'fr')).toBe(fuzzy.title?.('mediateur', 'fr'));
  });
});

describe("Home's menu answer at the landing", () => {
  const deps = { menu: loadMenu(), catalog, strings: Strings.load(LOCALES_DIR) } as unknown as BotDeps;
  const home = new Home(deps, async () => undefined);
  const pick = (text: string, locale: 'fr' | 'en') => (home as unknown as { menuPick(t: string, l: string): unknown }).menuPick(text, locale);

  it('is what recognizeChoiceHow reads over the menu, the first time and the next ones', () => {
    for (let round = 0; round < 3; round++) {
      for (const text of TEXTS) for (const locale of ['fr', 'en'] as const) expect(pick(text, locale)).toEqual(recognizeChoiceHow(text, home.menuChoices(locale), locale));
    }
    expect(pick('1', 'fr')).toBeDefined();
  });

  it('gives each caller its own answer', () => {
    const first = pick('1', 'fr') as { option: { value: string } };
    first.option.value = 'changed';
    expect(pick('1', 'fr')).toEqual(recognizeChoiceHow('1', home.menuChoices('fr'), 'fr'));
  });
});

describe('ShortTextMemo', () => {
  it('remembers short texts per scope, reads long ones each time, and remembers "nothing" too', () => {
    const memo = new ShortTextMemo<number | undefined>();
    let reads = 0;
    const read = (v: number | undefined) => () => {
      reads += 1;
      return v;
    };
    expect(memo.get('oui', 'fr', read(1))).toBe(1);
    expect(memo.get('oui', 'fr', read(2))).toBe(1);
    expect(memo.get('oui', 'en', read(3))).toBe(3);
    expect(memo.get('rien', 'fr', read(undefined))).toBeUndefined();
    expect(memo.get('rien', 'fr', read(4))).toBeUndefined();
    const long = 'x'.repeat(65);
    memo.get(long, 'fr', read(5));
    expect(memo.get(long, 'fr', read(6))).toBe(6);
    expect(reads).toBe(5);
  });
});
