/**
 * `pasapas validate`: every guide file (schema, goto targets, writing rules), the locale files
 * (missing and unused keys) and the territory files (config/territories/: schema, cross-file
 * claims). Errors make the command exit non-zero; warnings are printed only.
 */
import { join } from 'node:path';
import { ANSWER_WORDS_FILE, loadGuides, type Problem } from '../guides/loader';
import type { GuideCatalog } from '../guides/catalog';
import { stemsOf } from '../nlu/choices';
import { plainText } from '../nlu/signals';
import { LOCALES } from '../i18n/locale';
import { checkWritingRules, loadOfficialDomains } from '../guides/writingRules';
import { Strings } from '../i18n/strings';
import { loadTerritories } from '../territories/load';

export function validateProject(dirs: { dialogs: string; locales: string; config: string; territories?: string }): Problem[] {
  const strings = Strings.load(dirs.locales);
  const problems: Problem[] = strings
    .problems()
    .map((p) => ({ file: p.file, path: p.key, message: p.message, severity: 'error' as const }));
  const { catalog, problems: guideProblems } = loadGuides(dirs.dialogs);
  problems.push(...guideProblems);
  const domains = loadOfficialDomains(join(dirs.config, 'official-domains.yaml'));
  for (const g of catalog.list()) problems.push(...checkWritingRules(g, strings, domains));
  problems.push(...loadTerritories(dirs.territories ?? join(dirs.config, 'territories')).problems);
  problems.push(...unusedAnswerWords(catalog));
  return problems;
}

/**
 * A phrase of dialogs/_answers.yaml whose words no answer of any guide uses (in its label or an `alsoMeans`
 * phrasing) can never help pick an answer: dead weight, or a typo.
 */
export function unusedAnswerWords(catalog: GuideCatalog): Problem[] {
  const out: Problem[] = [];
  for (const locale of LOCALES) {
    const phrasings = catalog.list().flatMap((g) =>
      g.guide.steps.flatMap((s) => (s.check?.choices ?? []).flatMap((c) => [c.label[locale], ...(c.alsoMeans?.[locale] ?? [])])),
    );
    const asText = new Set(phrasings.map(plainText));
    const asStems = phrasings.map((p) => new Set(stemsOf(p, locale)));
    for (const phrase of catalog.answerWords.means(locale)) {
      const stems = stemsOf(phrase, locale);
      const used = asText.has(plainText(phrase)) || (stems.length > 0 && asStems.some((set) => stems.every((st) => set.has(st))));
      if (!used) out.push({ file: ANSWER_WORDS_FILE, path: locale, message: `"${phrase}": no answer of any guide uses these words (label or alsoMeans)`, severity: 'warning' });
    }
  }
  return out;
}
