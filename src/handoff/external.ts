/**
 * The Bot Framework handoff protocol (an external agent hub, a territory with `handoff.mode: botframework`): the
 * handoff initiation event with the short masked transcript and where the citizen is; the hub answers from then on.
 * Split out of src/handoff/dialog.ts.
 */
import { EventFactory, type TurnContext, type Transcript } from 'botbuilder';
import type { HandoffRequest } from '../conversation/handoffHook';
import { localeOf, say } from '../conversation/turn';
import { newHandoff, type HandoffDeps } from './requests';

export async function startExternal(deps: HandoffDeps, ctx: TurnContext, territory: string, request: HandoffRequest): Promise<void> {
  const h = await newHandoff(deps, ctx, territory, request);
  const transcript: Transcript = {
    activities: h.transcript.map((l) => ({
      type: 'message',
      text: l.text,
      from: l.from === 'citizen' ? ctx.activity.from : ctx.activity.recipient,
      timestamp: new Date(l.at),
    })) as Transcript['activities'],
  };
  const context = { territory, guideId: h.guideId, stepId: h.stepId, stepNumber: h.stepNumber, reason: h.reason };
  await say(ctx, { text: deps.strings.t(localeOf(ctx), 'handoff.external') });
  await ctx.sendActivity(EventFactory.createHandoffInitiation(ctx, context, transcript));
}
