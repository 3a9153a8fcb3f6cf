/**
 * `pasapas validate`: every guide file (schema, goto targets, writing rules), the locale files
 * (missing and unused keys) and the territory files (config/territories/: schema, cross-file
 * claims). Errors make the command exit non-zero; warnings are printed only.
 */
import { join } from 'node:path';
import { loadGuides, type Problem } from '../guides/loader';
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
  return problems;
}
