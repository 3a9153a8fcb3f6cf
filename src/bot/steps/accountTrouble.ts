/**
 * A vague trouble with an account or an office's site, as a first message or at the menu (src/nlu/accountTrouble.ts):
 * "Quel est le souci avec votre compte Ameli ?" (src/prompts/accountTroubleDialog.ts) instead of a guide started at
 * random. Each site's guides: the one that creates its account, if any, and the others for "Autre chose".
 */
import { DIALOG } from '../../conversation/dialogIds';
import type { AccountTroubleOptions } from '../../prompts/accountTroubleDialog';
import type { TroubleSite } from '../../nlu/accountTrouble';
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

/** Asked what the problem is (true), or not this situation (false). Only outside any dialog. */
export async function accountTrouble(kit: Kit, turn: Turn, expects: AnswerStrength | undefined): Promise<boolean> {
  const site = turn.signals.find((s) => s.kind === 'trouble')?.subject as TroubleSite | undefined;
  if (!site || !SITES[site] || expects || turn.dc.activeDialog) return false;
  const { guides, ...rest } = SITES[site];
  const known = guides.filter((id) => kit.deps.catalog.get(id));
  // "ça m'énerve, ce site de la CAF bug tout le temps": the feeling's sentence first.
  await sayFeeling(kit, turn);
  const create = rest.create && kit.deps.catalog.get(rest.create) ? rest.create : undefined;
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.accountTrouble, { site: rest.site, create, guides: known } satisfies AccountTroubleOptions));
  return true;
}
