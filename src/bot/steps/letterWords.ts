/**
 * After a letter said alone ("j'ai reçu un courrier de la caf"), the bot asks for the letter's difficult words: a few
 * words typed then ("indu", "avis de situation", "mise en demeure ?") are a word of the letter, explained with its
 * fact when we have one; the offer (a person, a place) stays on screen. Anything else is read as usual.
 */
import { say } from '../../conversation/turn';
import { isAnswerAware } from '../../prompts/choicePrompt';
import { HelpOfferDialog } from '../../prompts/helpOfferDialog';
import { plainText } from '../../nlu/signals';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { sayFact, termFact } from './factReply';

/** At most this many words: a word or two copied from the letter, not a sentence. */
const MAX_WORDS = 5;

/** Explained ('true'), or not a word of the letter (false: the rest of the understanding step goes on). */
export async function letterWord(kit: Kit, turn: Turn): Promise<boolean> {
  const { dc, signals } = turn;
  const reason = HelpOfferDialog.onScreen(dc)?.reason;
  if (reason !== 'kind.letterReceived' && reason !== 'kind.letterMessage') return false;
  const t = plainText(turn.text);
  if (!t || t.split(' ').length > MAX_WORDS || /\d/.test(t) || signals.some((s) => s.kind !== 'whatis' && s.kind !== 'price')) return false;
  // A choice of the offer in words ("une personne", "le menu") is the offer's.
  const active = dc.activeDialog ? dc.findDialog(dc.activeDialog.id) : undefined;
  if (active && isAnswerAware(active) && active.answers(dc, turn.text)) return false;
  const asked = signals.find((s) => s.kind === 'whatis')?.subject;
  const word = asked ?? t.replace(/^(?:(?:et|euh|alors|le|la|les|l|un|une|des|du|de|d|c est|the|a|an) )+/, '');
  const fact = word ? termFact(kit, turn, word) : undefined;
  if (fact?.kind === 'term') return sayFact(kit, turn, fact).then(() => true);
  // A word or two we cannot explain: said plainly, and the offer (a person, a place) again.
  if (!word || word.split(' ').length > 3 || kit.deps.router.route(turn.text, turn.locale()).score >= 0.5) return false;
  await say(turn.ctx, { text: turn.t('understand.cannotExplain', { word }) });
  await dc.repromptDialog();
  return true;
}
