/**
 * The citizen's side of the satisfaction question (src/handoff/satisfaction.ts): on the first message after a
 * mediator closed the handoff, within a day, an answer is counted for the territory and thanked; anything else is
 * left to the bot as usual (HandoffDialog hands it on).
 */
import type { TurnContext } from 'botbuilder';
import { localeOf, say } from '../conversation/turn';
import type { HandoffRecord } from './queue';
import type { HandoffDeps } from './requests';
import { recognizeSatisfaction, withinSatisfactionWindow } from './satisfaction';

/** True when this message answered the question (counted and thanked). */
export async function answerSatisfaction(deps: HandoffDeps, ctx: TurnContext, record: HandoffRecord, text: string): Promise<boolean> {
  // Asked only when a mediator closed it (not a cancel, not a callback).
  if (record.state !== 'closed' || !record.mediatorId || record.callbackAt !== undefined) return false;
  if (!withinSatisfactionWindow(record.closedAt, deps.now())) return false;
  const answer = recognizeSatisfaction(text, deps.strings);
  if (!answer) return false;
  // Statistics, not records: a failed count is logged by the store, never fails the citizen's turn.
  await deps.stats?.satisfactionAnswered(record.territory, answer, deps.now()).catch(() => undefined);
  await say(ctx, { text: deps.strings.t(localeOf(ctx), 'handoff.satisfactionThanks') });
  return true;
}
