/**
 * Situations told that are no formality to start, read once the question on screen has not taken the message as an
 * exact answer: a plain fact with no guide of ours (src/bot/steps/infoReply.ts: "prime de Noël", a pension's payment
 * date), a pension or an allowance that did not come (src/bot/steps/unpaidReply.ts), a life event told inside a
 * guide (lifeEvent.ts), a vague trouble with an account or an office's site (accountTrouble.ts).
 */
import type { AnswerStrength } from '../../nlu/choices';
import type { Signal } from '../../nlu/signals';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { accountTrouble } from './accountTrouble';
import { lifeEventReply } from './lifeEvent';
import { unpaidReply } from './unpaidReply';
import { infoReply } from './infoReply';

/** Answered (true), or none of these situations (false: the understanding step goes on). */
export async function situationReply(kit: Kit, turn: Turn, signals: Signal[], expects: AnswerStrength | undefined): Promise<boolean> {
  // A pension's own answer (its payment date, what to do) comes before the general "a payment that did not come".
  if (expects !== 'exact' && (await infoReply(kit, turn, () => expects))) return true;
  return (await unpaidReply(kit, turn, signals, expects)) || (await lifeEventReply(kit, turn, expects)) || accountTrouble(kit, turn, expects);
}
