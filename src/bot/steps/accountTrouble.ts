/**
 * A vague trouble with an account or an office's site, as a first message or at the menu (src/nlu/accountTrouble.ts):
 * "Quel est le souci avec votre compte Ameli ?" (src/prompts/accountTroubleDialog.ts) instead of a guide started at
 * random (no site named: which account first). Each site's guides: the one that creates its account, if any, and the others for "Autre chose".
 */
import { DIALOG } from '../../conversation/dialogIds';
import type { AccountTroubleOptions } from '../../prompts/accountTroubleDialog';
import type { TroubleSite } from '../../nlu/accountTrouble';
import type { GuideCatalog } from '../../guides/catalog';
import type { AnswerStrength } from '../../nlu/choices';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { sayFeeling } from './kindWords';

/** Per site: how it is said, the guide that creates its account (none: the account comes with the first formality). */
const SITES: Record<TroubleSite, AccountTroubleOptions> = {
  ameli: { site: 'trouble.siteAmeli', create: 'ameli-compte', guides: ['ameli-attestation', 'carte-vitale-perdue', 'complementaire-sante'] },
  caf: { site: 'trouble.siteCaf', guides: ['caf-prime-activite', 'caf-aide-logement', 'caf-declaration-trimestrielle'] },
  impots: { site: 'trouble.siteImpots', create: 'impots-declaration', guides: ['impots-declaration'] },
  'france-travail': { site: 'trouble.siteFranceTravail', create: 'france-travail-inscription', guides: ['france-travail-actualisation', 'france-travail-inscription'] },
  ants: { site: 'trouble.siteAnts', guides: ['ants-identite', 'ants-permis', 'ants-carte-grise'] },
};

/** The account-trouble question's options for a site: the guides this catalog has. */
export function troubleOptions(catalog: GuideCatalog, site: TroubleSite): AccountTroubleOptions {
  const { guides, ...rest } = SITES[site];
  const create = rest.create && catalog.get(rest.create) ? rest.create : undefined;
  return { site: rest.site, create, guides: guides.filter((id) => catalog.get(id)) };
}

/**
 * Asked what the problem is (true), or not this situation (false). Only outside any dialog. No site named ("j'ai un
 * problème avec mon compte"): which account first (src/prompts/accountSiteDialog.ts), then the same question.
 */
export async function accountTrouble(kit: Kit, turn: Turn, expects: AnswerStrength | undefined): Promise<boolean> {
  const site = turn.signals.find((s) => s.kind === 'trouble')?.subject as TroubleSite | 'which' | undefined;
  if (!site || (site !== 'which' && !SITES[site]) || expects || turn.dc.activeDialog) return false;
  // "ça m'énerve, ce site de la CAF bug tout le temps": the feeling's sentence first.
  await sayFeeling(kit, turn);
  if (site === 'which') return kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.accountSite)).then(() => true);
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.accountTrouble, troubleOptions(kit.deps.catalog, site)));
  return true;
}
