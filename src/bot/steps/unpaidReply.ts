/**
 * A pension or an allowance that did not come, stopped, or gives trouble (src/nlu/unpaid.ts): not a new application.
 * The caisse that pays it, a person or a place — and, for a trouble, the formality named offered as one of the answers.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { plainText, type Signal } from '../../nlu/signals';
import { paysMoney } from '../../nlu/unpaid';
import type { AnswerStrength } from '../../nlu/choices';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { guideNamed, offerHelp } from './helpWays';
import { lossTold } from './kindWords';

/** The guide on screen is about money paid to the citizen (a pension, the CAF, France Travail). */
function payingGuideOnScreen(kit: Kit, turn: Turn): boolean {
  const active = turn.dc.activeDialog;
  if (active?.id !== DIALOG.guide) return false;
  const guide = kit.deps.catalog.get((active.state as { guideId?: string }).guideId ?? '')?.guide;
  return Boolean(guide && paysMoney(plainText(guide.title.fr)));
}

/**
 * Answers a payment missing when the message says one: outside a guide, or inside one whose question does not take
 * the message; "paid no more" with what is left unsaid only at a formality about money paid (even at its checklist,
 * where "plus rien" could read as "nothing"), never over an exact answer. A widow's "je touche plus rien" is her
 * loss first (condolences, the survivor's pension). Returns false when it is not for here.
 */
export async function unpaidReply(kit: Kit, turn: Turn, signals: Signal[], expects: AnswerStrength | undefined): Promise<boolean> {
  const unpaid = signals.find((s) => s.kind === 'unpaid' && s.strength === 'strong');
  if (!unpaid || lossTold(turn) || expects === 'exact') return false;
  const underway = Boolean(turn.dc.activeDialog);
  if (unpaid.subject === 'stopped') {
    if (underway && !payingGuideOnScreen(kit, turn)) return false;
  } else if (underway && expects) return false;
  if (unpaid.subject === 'trouble') {
    if (underway) return false;
    await offerHelp(kit, turn, 'kind.paidTrouble', false, undefined, guideNamed(kit, turn));
    return true;
  }
  await offerHelp(kit, turn, 'kind.unpaid', false);
  return true;
}
