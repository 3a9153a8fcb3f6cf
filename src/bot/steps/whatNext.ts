/**
 * "et après ?", "c'est quoi la suite ?" inside a guide: the next step comes after this one's answer. Said once a
 * step; asked again at the same step, the question alone with how to answer it (not the whole step word for word);
 * a third time, a person or a place as well (PRODUCT rule 2: no loop repeats the same sentence).
 */
import { REPROMPT_LEAD } from '../../conversation/keys';
import { say } from '../../conversation/turn';
import { territoryOf } from '../../conversation/identity';
import { GuideDialog } from '../../guides/guideDialog';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { guideOnScreen } from './pauseReplies';

export async function sayWhatNext(kit: Kit, turn: Turn): Promise<void> {
  const p = GuideDialog.progress(turn.dc, kit.deps.catalog);
  const here = p ? `${p.guideId}:${p.stepId}` : `${guideOnScreen(turn) ?? ''}:needs`;
  const times = turn.conv.whatNext?.at === here ? turn.conv.whatNext.times + 1 : 1;
  turn.conv.whatNext = { at: here, times };
  if (times === 1) {
    await say(turn.ctx, { text: turn.t('kind.whatNext') });
    return turn.dc.repromptDialog();
  }
  const lines = [turn.t(times === 2 ? 'kind.whatNextAgain' : 'kind.whatNextStuck')];
  if (times > 2) {
    const phone = kit.deps.helpPhone?.(territoryOf(turn.ctx, kit.deps.defaultTerritory));
    lines.push(turn.t('understand.offerHelp'), ...(phone ? [turn.t('understand.offerPhone', { phone })] : []));
  }
  REPROMPT_LEAD.set(turn.ctx, lines.join('\n'));
  return turn.dc.repromptDialog();
}
