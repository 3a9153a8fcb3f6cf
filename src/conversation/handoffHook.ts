/**
 * The seam between the bot and human help. The guide engine and the bot call it when a citizen asks
 * for a human ("conseiller"), is stuck on a step, or fails a step again and again. The
 * implementation is HandoffDialog (src/handoff/dialog.ts): consent, the territory's queue, callback.
 */
import type { DialogContext } from 'botbuilder-dialogs';

export type HandoffReason = 'command' | 'stuck' | 'failures' | 'intent';

export interface HandoffRequest {
  reason: HandoffReason;
  guideId?: string;
  stepId?: string;
  /** "étape 4/9", for the mediator. */
  stepNumber?: number;
  stepTotal?: number;
  /**
   * Where in the guide: offered (not started yet), before its first step (the list of papers), or at a step. The
   * mediator sees it (a guide offered or being prepared is still the formality the citizen is doing).
   */
  stage?: GuideStage;
  /** The guide was named by the citizen while a person was being arranged, outside any guide (src/handoff/topic.ts). */
  named?: boolean;
  /** A problem told with no application guide (a payment stopped, a letter), in the citizen's masked words: served
   *  if they go on with the bot (src/handoff/topic.ts). Never sent to the queue. */
  told?: string;
}

export type GuideStage = 'offer' | 'needs' | 'step';

export interface HandoffHook {
  start(dc: DialogContext, request: HandoffRequest): Promise<void>;
}
