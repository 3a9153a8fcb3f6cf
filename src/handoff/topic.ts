/**
 * The formality a citizen names while a person is being arranged ("c pour la caf ils m'ont coupé les apl" at the
 * consent question or at "Que préférez-vous ?"), or in the request itself ("ils m'ont coupé les apl, je veux parler
 * à quelqu'un"). It is no miss: the bot says it noted it for the person, and asks its question again. A request made
 * outside a guide gets that guide (offered, no step), so the mediator's card shows the formality; the citizen's own
 * words are on the card too (`said`, src/handoff/requests.ts). A problem with no application guide (a payment
 * stopped, a letter, a certificate) is kept as the citizen's words (`told`, masked): if they go on with the bot, the
 * bot serves them as if just written (`retell`).
 */
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DIALOG } from '../conversation/dialogIds';
import type { HandoffRequest } from '../conversation/handoffHook';
import { PERSON_DECLINED } from '../conversation/keys';
import { finish } from '../conversation/outcome';
import { localeOf, say } from '../conversation/turn';
import { withoutPersonAsked } from '../nlu/personAskedAside';
import { maskPersonalData } from '../privacy/mask';
import type { HandoffDeps } from './requests';

/** Does the message tell the citizen's problem (the bot's understanding step asks the dialog)? */
export function namesTopic(deps: HandoffDeps, ctx: TurnContext, text: string): boolean {
  return deps.topicOf?.(text, localeOf(ctx)) !== undefined;
}

/** Keeps what the message tells on the request; false when it tells nothing. */
function keepTopic(deps: HandoffDeps, ctx: TurnContext, request: HandoffRequest, text: string): { guideId?: string } | undefined {
  const topic = deps.topicOf?.(text, localeOf(ctx));
  if (!topic) return undefined;
  if (request.guideId) return topic;
  if (topic.guideId) Object.assign(request, { guideId: topic.guideId, stage: 'offer', named: true, told: undefined } satisfies Partial<HandoffRequest>);
  else request.told = maskPersonalData(text).slice(0, 300);
  return topic;
}

/** The line that says the problem was noted (its formality on the request); undefined when the message tells none. */
export function noteTopic(deps: HandoffDeps, ctx: TurnContext, request: HandoffRequest, text: string): string | undefined {
  const locale = localeOf(ctx);
  const topic = keepTopic(deps, ctx, request, text);
  if (!topic) return undefined;
  if (!topic.guideId) return deps.strings.t(locale, 'handoff.problemNoted');
  return deps.strings.t(locale, 'handoff.topicNoted', { guide: deps.guideTitle(topic.guideId, locale) ?? '' });
}

/** The request itself told the problem ("ils m'ont coupé les apl, je veux parler à quelqu'un"): kept, said nothing. */
export function topicOfRequest(deps: HandoffDeps, ctx: TurnContext, request: HandoffRequest): HandoffRequest {
  const rest = withoutPersonAsked(ctx.activity.text ?? '');
  if ((request.reason === 'command' || request.reason === 'intent') && /[a-z]{3}/.test(rest)) keepTopic(deps, ctx, request, rest);
  return request;
}

/**
 * "Non, merci", "Continuer avec moi": the bot goes on with what the citizen came for. Outside any guide: the
 * formality named, from the start; the problem told, served as if just written. Else where they were (the guide
 * below, or the offer below, which then puts the person last: it was just declined), or the menu.
 */
export async function declined(dc: DialogContext, deps: HandoffDeps, request: HandoffRequest): Promise<DialogTurnResult> {
  await say(dc.context, { text: deps.strings.t(localeOf(dc.context), 'handoff.declined') });
  PERSON_DECLINED.set(dc.context, true);
  const alone = dc.stack.length === 1;
  if (request.named && request.guideId && alone) return dc.replaceDialog(DIALOG.guide, { guideId: request.guideId });
  if (request.told && alone) return finish(dc, { retell: request.told });
  return dc.endDialog();
}
