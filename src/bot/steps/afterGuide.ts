/**
 * Just after a guide ended, the citizen often asks about it (session 17): "c'est fini ?", "et après ?", "ça a pas
 * marché", "j'ai pas reçu le mail" — also hours later. Without this step those words met the router with no memory of
 * the guide ("c'est fini ?" started another formality, "j'ai pas reçu le mail" the guide to create an e-mail address).
 * Now: "Oui, c'est fini pour « … »" with what the guide says happens next; a failure gets kindness first, then a
 * person, a place or the guide again (PRODUCT.md rules 4 and 6). Only with nothing under way and within a day.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { afterGuideAsk, sameProblem } from '../../nlu/afterGuide';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/** How long after its end a guide is still "the one just finished". */
export const AFTER_GUIDE_MS = 24 * 3_600_000;

export const afterGuide = (kit: Kit): Step<Turn> => async (turn, next) => {
  if (turn.dc.activeDialog || turn.command) return next();
  const same = sameProblem(turn.text);
  const finished = turn.conv.finished && turn.now - turn.conv.finished.at <= AFTER_GUIDE_MS ? turn.conv.finished : undefined;
  // "encore besoin d'aide pour le même problème" just after a guide: that guide did not do it.
  const ask = finished ? (afterGuideAsk(turn.text) ?? (same ? 'failed' : undefined)) : undefined;
  const g = ask && finished && kit.deps.catalog.get(finished.guideId);
  if (!ask || !g) return same ? sameProblemAgain(kit, turn) : next();
  const locale = turn.locale();
  const title = g.guide.title[locale];
  const done = g.guide.done?.[locale];
  if (ask === 'check' || ask === 'next') {
    const lines = [turn.t(ask === 'check' ? 'guide.finishedCheck' : 'guide.finishedNext', { title }), ...(done ? [done] : []), turn.t('guide.finishedDoubt')];
    await say(turn.ctx, { text: lines.join('\n') });
    return kit.home.menu(turn);
  }
  await say(turn.ctx, { text: turn.t(ask === 'mail' ? 'guide.finishedMail' : 'guide.finishedFailed', { title }) });
  return kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.helpOffer, { underway: false, guide: { id: g.guide.id, title: g.guide.title } }));
};

/**
 * The same problem as before, with no guide just ended: the guide left under way ("On reprend … ?"), else the bot does
 * not know it (a conversation with a person, another day): asked again in a few words, a person at hand (rule 1).
 */
async function sameProblemAgain(kit: Kit, turn: Turn): Promise<void> {
  if (turn.profile.progress && kit.deps.catalog.get(turn.profile.progress.guideId)) return kit.home.showHome(turn);
  await say(turn.ctx, { text: turn.t('understand.sameProblem') });
}
