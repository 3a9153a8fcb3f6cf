/**
 * A correction of the formality, inside a guide (src/nlu/correction.ts, signal `correction`):
 * - "non en fait c'est pour le passeport", "je me suis trompé c'est pour ma carte vitale": the guide named starts. The
 *   one on screen is simply left when it had just started (its prerequisites or its first step); well under way, it is
 *   kept aside as for another formality asked mid-guide (src/bot/steps/otherGuide.ts), and comes back afterwards.
 * - "non pas ça, c'est pour la caf": an organisation with several guides — which one (the guide on screen is left,
 *   its step remembered for "on reprend ?").
 * - "non c'était pas ça", "je me suis trompée": nothing named — in their own words, kindly, with the menu and a person
 *   in reach; well under way, the step is kept for later. Right after an answer the bot took by itself ("Je continue
 *   avec : … (Sinon, écrivez RETOUR.)"), it is that answer that was wrong: back one step, as RETOUR.
 * Never over an exact answer to the question on screen (but "non c'était pas ça" is more than a no), nor over an answer the corrected words give ("en fait j'ai
 * pas reçu le code"), unless the router is sure they name another guide.
 */
import type { AnswerStrength } from '../../nlu/choices';
import { COMMAND } from '../../conversation/keys';
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { GuideDialog, type GuideProgress, type GuideState } from '../../guides/guideDialog';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { startOnTop } from './otherGuide';
import { guideOnScreen } from './pauseReplies';
import { expectation } from './understand';

/** The router's score for the words after the correction to name a guide; sure enough to beat an answer's words. */
const NAMES = 0.5;
const SURE = 0.8;

/** Past the guide's first step: worth keeping for later. */
const wellUnderWay = (p: GuideProgress | undefined): p is GuideProgress => (p?.stepNumber ?? 0) >= 2;

/** True when the message was a correction and has been handled. */
export async function correctGuide(kit: Kit, turn: Turn, expects: AnswerStrength | undefined): Promise<boolean> {
  const { dc } = turn;
  const signal = turn.signals.find((s) => s.kind === 'correction');
  if (!signal || !dc.activeDialog) return false;
  const p = GuideDialog.progress(dc, kit.deps.catalog);
  const said = signal.subject;
  // "non c'était pas ça" says more than its "non" (a bare "non" is no correction).
  if (!said) return guideOnScreen(turn) ? notIt(kit, turn, p) : false;
  if (expects === 'exact') return false;
  const r = kit.deps.router.route(said, turn.locale());
  const how = expectation(dc, said);
  const named = r.intent !== 'none' && r.intent !== p?.guideId && Boolean(kit.deps.catalog.get(r.intent));
  if (named && r.score >= NAMES && (!how || (r.score >= SURE && how !== 'exact'))) {
    if (wellUnderWay(p)) {
      await startOnTop(kit, turn, r.intent);
      return true;
    }
    await dc.cancelAllDialogs();
    await kit.home.startIntent(turn, r.intent);
    return true;
  }
  // "c'est pour la caf": the organisation's guides, to choose from.
  const org = how ? undefined : kit.deps.catalog.facts.find({ text: said, locale: turn.locale(), kind: 'term' });
  const offered = (org?.offers ?? []).filter((id) => id !== p?.guideId && kit.deps.catalog.get(id));
  if (!org || offered.length < 2 || !kit.deps.catalog.facts.covers(org, said, turn.locale())) return false;
  await kit.home.rememberProgress(turn);
  await dc.cancelAllDialogs();
  await kit.home.act(turn, () => dc.beginDialog(DIALOG.pick, { candidates: offered, question: 'correction.which' }));
  return true;
}

/** Nothing named: back one step after an answer taken by the bot, else in their own words (the step kept). */
async function notIt(kit: Kit, turn: Turn, p: GuideProgress | undefined): Promise<boolean> {
  const { dc } = turn;
  const st = dc.activeDialog?.state as GuideState | undefined;
  const last = st?.history[st.history.length - 1];
  if (st?.phase === 'step' && last && st.auto?.includes(last)) {
    COMMAND.set(turn.ctx, 'back');
    await kit.home.act(turn, () => dc.continueDialog());
    return true;
  }
  const title = p && kit.deps.catalog.get(p.guideId)?.guide.title[turn.locale()];
  if (wellUnderWay(p)) await kit.home.rememberProgress(turn);
  await dc.cancelAllDialogs();
  const text = wellUnderWay(p) && title ? turn.t('correction.ownWordsKept', { n: p.stepNumber, title }) : turn.t('correction.ownWords');
  await say(turn.ctx, { text });
  return true;
}
