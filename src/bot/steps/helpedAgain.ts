/**
 * After a mediator closed the conversation, the citizen who comes back for the same thing ("j'ai encore besoin d'aide
 * pour le même problème", "c'est encore pour mon dossier de tout à l'heure", "je voudrais reparler au conseiller") is
 * told kindly that a person already dealt with it, and a person is offered again at once: the handoff with its usual
 * flow (consent and queue, or nobody on duty → the callback, a place, go on with the bot). PRODUCT.md rules 1 and 6.
 * What is kept: `ConversationData.helped` — when the last handoff a mediator closed ended, and its guide (no words of
 * the citizen), set by the handoff relay; it lives with the conversation state (retention, erasure: docs/privacy.md)
 * and is used for a week at most.
 */
import { say } from '../../conversation/turn';
import { INTENT } from '../../conversation/intents';
import { DIALOG } from '../../conversation/dialogIds';
import { askedAgainAfterHelp } from '../../nlu/afterGuide';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/** How long a mediator's close is remembered for "le même problème". */
export const HELPED_MS = 7 * 24 * 3_600_000;
/** Until when it is "tout à l'heure". */
const EARLIER_MS = 12 * 3_600_000;

export const helpedAgain = (kit: Kit): Step<Turn> => async (turn, next) => {
  const helped = turn.conv.helped;
  if (!helped || turn.command) return next();
  if (turn.now - helped.at > HELPED_MS) {
    turn.conv.helped = undefined;
    return next();
  }
  // Nothing under way or a guide (where the handoff left the citizen); not another dialog's question.
  if (turn.dc.activeDialog && turn.dc.activeDialog.id !== DIALOG.guide) return next();
  // A guide finished since: "le même problème" is about that guide (./afterGuide.ts).
  if (turn.conv.finished && turn.conv.finished.at > helped.at) return next();
  if (!askedAgainAfterHelp(turn.text)) return next();
  const title = helped.guideId ? kit.deps.catalog.get(helped.guideId)?.guide.title[turn.locale()] : undefined;
  const key = title ? 'handoff.helpedFor' : turn.now - helped.at <= EARLIER_MS ? 'handoff.helpedEarlier' : 'handoff.helpedBefore';
  await say(turn.ctx, { text: turn.t(key, { title: title ?? '' }) });
  return kit.home.startIntent(turn, INTENT.mediator, 'intent');
};
