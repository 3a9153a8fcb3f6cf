/**
 * With a mediator, or waiting for one, what the citizen writes goes to the handoff: never both the bot
 * and the mediator answering. Except: "effacer mes données" (erased in every dialog), "menu" while
 * only waiting (the request is cancelled), STOP and a change of language (the bot's own business).
 * A handoff that ended before this message (closed by the mediator) lets the message go on as usual.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { askedAgainAfterHelp } from '../../nlu/afterGuide';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/** "Effacer mes données": handled by the bot in every dialog, and never shown to a mediator. */
const asksErase = (turn: Turn) => turn.command === 'erase' || turn.signals.some((s) => s.kind === 'erase' && s.strength === 'strong');

export const handoffRelay = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc, command } = turn;
  if (dc.activeDialog?.id !== DIALOG.handoff) return next();
  if (asksErase(turn)) {
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.erase));
  }
  if (command === 'menu' && (await kit.deps.handoff.leave(dc))) return kit.home.startIntent(turn, 'menu');
  if (command === 'stop' || command === 'lang-fr' || command === 'lang-en') return next();
  const outcome = await kit.home.run(turn, () => dc.continueDialog());
  // A mediator closed it: remembered (when, and its guide) for "le même problème" later (./helpedAgain.ts).
  if (outcome?.helped) turn.conv.helped = outcome.helped;
  // Closed by the mediator before this message: back to the guide where it was ("ok", "merci" to the mediator
  // must not answer the guide's question) unless the same help is asked again; with nothing underway, the message
  // is handled as usual.
  if (outcome?.handoffOver) return dc.activeDialog && !(outcome.helped && askedAgainAfterHelp(turn.text)) ? dc.repromptDialog() : next();
  if (outcome) await kit.home.follow(turn, outcome);
};

/**
 * With a mediator: the mediator also sees what the bot says to the citizen in this turn (marked as the bot's),
 * including the answers given before the message reaches the handoff (a photo, an empty or too long message).
 */
export const botLinesToMediator = (kit: Kit): Step<Turn> => async (turn, next) => {
  // Not the request to erase nor its answer: what the citizen wants erased is not shown to the mediator.
  if (turn.dc.activeDialog?.id === DIALOG.handoff && !asksErase(turn)) await kit.deps.handoff.showBotLinesToMediator(turn.dc);
  await next();
};
