/**
 * A plain fact with no guide of ours, asked at the menu, in a first message or at a question that does not take the
 * message (`kind: info` in dialogs/_facts.yaml): "prime de Noël", "ma retraite arrive quand", "j'ai rendez-vous à la
 * CAF, je dois apporter quoi". Its words may name a guide ("prime", "retraite", "CAF"): the answer comes instead of
 * that guide, then a person, a place or the menu (inside a guide: the question on screen again).
 */
import { say } from '../../conversation/turn';
import { HelpOfferDialog } from '../../prompts/helpOfferDialog';
import { plainText } from '../../nlu/signals';
import { infoQuestions } from '../../nlu/infoQuestions';
import { namedFormality } from '../../nlu/routeGuards';
import type { AnswerStrength } from '../../nlu/choices';
import type { Fact } from '../../guides/facts';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { factText } from './factReply';
import { offerAgain } from './everydayHelp';

/** The info fact the message names, when it also asks what the fact answers (its `asks`, if any). */
export function infoAsked(kit: Kit, turn: Turn): Fact | undefined {
  // "ma déclaration trimestrielle pour l'AAH": a formality named by its own name is its guide.
  if (namedFormality(turn.text)) return undefined;
  // Most messages ("1", "oui" at a step) name no fact: `find` (stems, answer words) costs ~0.2 ms, more than the
  // rest of such a turn; `mayName` a few µs.
  const facts = kit.deps.catalog.facts;
  if (/^\s*\d*\s*$/.test(turn.text) || !facts.mayName(turn.text, turn.locale())) return undefined;
  // The fact named whose question the message asks ("le RSA tombe quand" is the payment date, "je veux faire ma
  // demande de RSA" how to apply: both name the RSA).
  const asked = infoQuestions(plainText(turn.text));
  return facts.find({ text: turn.text, locale: turn.locale(), kind: 'info', accept: (f) => !f.asks?.length || f.asks.some((q) => asked.has(q)) });
}

/**
 * Said (true), or not for here (false). `expects` says how the question on screen takes the message (asked only when
 * a fact is named): an answer to it, in any words, keeps its turn.
 */
export async function infoReply(kit: Kit, turn: Turn, expects: () => AnswerStrength | undefined): Promise<boolean> {
  const fact = infoAsked(kit, turn);
  if (!fact || (turn.dc.activeDialog && expects())) return false;
  const text = factText(kit, turn, fact);
  // At the menu, or at an offer of help (which it takes the place of): a person, a place or the menu.
  if (!turn.dc.activeDialog || HelpOfferDialog.onScreen(turn.dc)) return offerAgain(kit, turn, text, {});
  await say(turn.ctx, { text });
  await turn.dc.repromptDialog();
  return true;
}
