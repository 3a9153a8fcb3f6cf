/** Back after a long silence in the middle of a guide: "On reprend à l'étape 4 ?" before going on. */
import { DIALOG } from '../../conversation/dialogIds';
import { GuideDialog } from '../../guides/guideDialog';
import type { Step } from '../pipeline';
import { nextNeedAsked } from '../../nlu/resumeAsk';
import { plainText } from '../../nlu/signals';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { expectation } from './understand';

export const resumeAfterBreak = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc } = turn;
  if (dc.activeDialog?.id !== DIALOG.guide || turn.idleFor < kit.deps.resumeAfterMs) return next();
  const p = GuideDialog.progress(dc, kit.deps.catalog);
  if (!p) return next();
  await kit.home.act(turn, () => dc.beginDialog(DIALOG.resume, { guideId: p.guideId, stepId: p.stepId }));
};

/** Whatever is left: the active dialog's answer, else the menu and the free-text router. */
export const dispatch = (kit: Kit): Step<Turn> => async (turn) => {
  // "la suivante": the next of the formalities named together starts (the one under way keeps its step).
  const next = turn.conv.nextNeeds?.[0];
  if (next && !turn.command && nextNeedAsked(plainText(turn.text))) {
    await kit.home.rememberProgress(turn);
    return kit.home.startIntent(turn, next);
  }
  if (turn.command === 'hello') {
    // A greeting in the middle of things: show where we are — unless it is an answer there ("c'est moi" at "Cette
    // connexion, c'est vous ?").
    if (turn.dc.activeDialog) return expectation(turn.dc, turn.text) === 'exact' ? kit.home.dispatch(turn) : turn.dc.repromptDialog();
    return kit.home.showHome(turn);
  }
  if (turn.dc.activeDialog) return kit.home.dispatch(turn);
  return kit.home.landing(turn, { quietOnNone: turn.first === true });
};
