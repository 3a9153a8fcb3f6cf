/**
 * "vous êtes là ?" outside a handoff (session 17): "Oui, je suis là." and the question on screen again, or the home
 * (the menu, or "on reprend ?" for a guide left unfinished) — never "pas compris" (PRODUCT.md rules 2 and 4).
 * While waiting for a person, src/handoff/waiting.ts answers it (the handoff relay comes first).
 */
import { say } from '../../conversation/turn';
import { asksIfStillThere } from '../../nlu/stillThere';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

export const stillThere = (kit: Kit): Step<Turn> => async (turn, next) => {
  if (turn.command || !asksIfStillThere(turn.text)) return next();
  await say(turn.ctx, { text: turn.t('kind.stillHere') });
  if (turn.dc.activeDialog) return turn.dc.repromptDialog();
  return kit.home.showHome(turn);
};
