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
}

export interface HandoffHook {
  start(dc: DialogContext, request: HandoffRequest): Promise<void>;
}
