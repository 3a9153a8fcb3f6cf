/**
 * The formality a citizen names while a person is being arranged ("c pour la caf ils m'ont coupé les apl" at the
 * consent question or at "Que préférez-vous ?"). It is no miss: the bot says it noted it for the person, and asks
 * its question again. A request made outside a guide gets that guide (offered, no step), so the mediator's card shows
 * the formality; the citizen's own words are on the card too (`said`, src/handoff/requests.ts).
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DIALOG } from '../conversation/dialogIds';
import type { HandoffRequest } from '../conversation/handoffHook';
import { localeOf, say } from '../conversation/turn';
import type { HandoffDeps } from './requests';

/** Does the message tell the citizen's problem (the bot's understanding step asks the dialog)? */
export function namesTopic(deps: HandoffDeps, ctx: TurnContext, text: string): boolean {
  return deps.topicOf?.(text, localeOf(ctx)) !== undefined;
}

/** The line that says the problem was noted (its formality on the request); undefined when the message tells none. */
export function noteTopic(deps: HandoffDeps, ctx: TurnContext, request: HandoffRequest, text: string): string | undefined {
  const locale = localeOf(ctx);
  const topic = deps.topicOf?.(text, locale);
  if (!topic) return undefined;
  const { guideId } = topic;
  if (!guideId) return deps.strings.t(locale, 'handoff.problemNoted');
  if (!request.guideId) Object.assign(request, { guideId, stage: 'offer', named: true } satisfies Partial<HandoffRequest>);
  return deps.strings.t(locale, 'handoff.topicNoted', { guide: deps.guideTitle(guideId, locale) ?? '' });
}

/**
 * "Non, merci", "Continuer avec moi": the bot goes on. After a formality named outside any guide, with its guide from
 * the start (what they came for), else where they were (the guide below, or the menu).
 */
export async function declined(dc: DialogContext, deps: HandoffDeps, request: HandoffRequest): Promise<DialogTurnResult> {
  await say(dc.context, { text: deps.strings.t(localeOf(dc.context), 'handoff.declined') });
  if (request.named && request.guideId && dc.stack.length === 1) return dc.replaceDialog(DIALOG.guide, { guideId: request.guideId });
  return dc.endDialog();
}
