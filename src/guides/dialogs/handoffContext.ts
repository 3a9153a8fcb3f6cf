/**
 * Which formality a request for a person comes from, for the mediator: the guide under way, at a step or still before
 * it (the list of papers, checked one by one), or a guide just offered ("On commence ce guide ensemble ?"). Read from
 * the dialog stack, top first, so a question on top of a guide (a confirmation, an offer) does not hide it.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import { DIALOG } from '../../conversation/dialogIds';
import type { HandoffRequest } from '../../conversation/handoffHook';
import { stepNumber, type GuideCatalog } from '../catalog';
import type { GuideState } from './guideState';

export type GuideContext = Omit<HandoffRequest, 'reason'>;

export function guideContextOf(dc: DialogContext, catalog: GuideCatalog): GuideContext | undefined {
  for (const instance of dc.stack) {
    if (instance.id === DIALOG.guide) {
      const st = instance.state as GuideState;
      const g = catalog.get(st.guideId);
      if (!g) continue;
      if (st.phase === 'step' && st.stepId && g.stepById.has(st.stepId)) {
        return { guideId: g.guide.id, stepId: st.stepId, stepNumber: stepNumber(g, st.stepId), stepTotal: g.mainSteps.length, stage: 'step' };
      }
      return { guideId: g.guide.id, stepTotal: g.mainSteps.length, stage: 'needs' };
    }
    // A guide offered: the what-is answer's "On commence ce guide ensemble ?", a help offer naming the formality.
    const offered = instance.state as { guideId?: unknown; guide?: { id?: unknown } } | undefined;
    const id = instance.id === DIALOG.whatIs ? offered?.guideId : instance.id === DIALOG.helpOffer ? offered?.guide?.id : undefined;
    if (typeof id === 'string' && catalog.get(id)) return { guideId: id, stage: 'offer' };
  }
  return undefined;
}
