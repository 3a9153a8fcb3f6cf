/**
 * The seam between the bot and human help. The guide engine and the bot call it when a citizen asks
 * for a human ("conseiller"), is stuck on a step, or fails a step again and again.
 * Until the Redis handoff queue lands (issue #5), UnavailableHandoff says so plainly.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import type { Strings } from '../i18n/strings';
import { localeOf, say } from '../bot/turn';

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

export class UnavailableHandoff implements HandoffHook {
  constructor(private readonly strings: Strings) {}

  async start(dc: DialogContext, _request: HandoffRequest): Promise<void> {
    await say(dc.context, { text: this.strings.t(localeOf(dc.context), 'handoff.unavailable') });
  }
}
