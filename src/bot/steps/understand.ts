/**
 * Understanding before any prompt (issue #12; PRODUCT.md, "How the bot converses"): what the message
 * says whatever the question on screen. Safety first (a scam, money already gone), then a person asked
 * for in any words, then erasure; these win unless the prompt on screen takes the message as an exact
 * answer. Otherwise the prompt keeps its turn when it understands the message; only when it does not,
 * feelings and needs get a human sentence first and a concrete way forward, "c'est quoi X" gets an
 * explanation, "près de chez moi" the places. A message clearly in the other language switches it.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import { DIALOG } from '../../conversation/dialogIds';
import { INTENT } from '../../conversation/intents';
import { say } from '../../conversation/turn';
import { isAnswerAware } from '../../prompts/choicePrompt';
import { detectLanguage } from '../../nlu/language';
import { plainText, withoutFeelings, type Signal, type SignalKind } from '../../nlu/signals';
import type { StringKey } from '../../i18n/strings';
import type { Step } from '../pipeline';
import type { Turn } from '../context';
import type { Kit } from '../kit';

/** The guide that says what to do about a suspicious message, and its steps for money already gone. */
export const SCAM_GUIDE = 'arnaque';
/** Card details given or a scammer paid: block the card first. */
export const SCAM_PAID_STEP = 'deja-paye';
/** A private look-alike site paid for a free document. */
export const SITE_PAID_STEP = 'site-paye';
/** A site asks for money: free formalities, official stamps, look-alike sites. */
export const SITE_ASKS_STEP = 'site-payant';

function scamStep(text: string): string {
  const t = plainText(text);
  return /\b(?:site|internet|en ligne|website)\b/.test(t) && !/\b(?:carte|cb|code|coordonnees|card)\b/.test(t) ? SITE_PAID_STEP : SCAM_PAID_STEP;
}

/** How the dialog on screen takes the message: an exact answer, its own words, or not at all. */
export function expectation(dc: DialogContext, text: string): 'exact' | 'loose' | undefined {
  const active = dc.activeDialog;
  if (!active) return undefined;
  const dialog = dc.findDialog(active.id);
  return isAnswerAware(dialog) ? dialog.answers(dc, text) : undefined;
}

const has = (signals: Signal[], kind: SignalKind, strong = true) => signals.some((s) => s.kind === kind && (!strong || s.strength === 'strong'));

export const language = (kit: Kit): Step<Turn> => async (turn, next) => {
  const detected = detectLanguage(turn.text);
  if (detected && detected !== turn.locale() && !expectation(turn.dc, turn.text)) {
    kit.home.switchLanguage(turn, detected);
    await say(turn.ctx, { text: turn.t('language.switchedAuto') });
  }
  await next();
};

export const understand = (kit: Kit): Step<Turn> => async (turn, next) => {
  const { dc, signals } = turn;
  if (signals.length === 0) return next();
  const expects = expectation(dc, turn.text);
  const underway = Boolean(dc.activeDialog);

  // 1. Safety first: warn before anything else, then the guide that says what to do.
  if (expects !== 'exact' && (has(signals, 'scam-paid') || has(signals, 'scam'))) {
    const paid = has(signals, 'scam-paid');
    await kit.home.rememberProgress(turn);
    await say(turn.ctx, { text: paid ? `${turn.t('scam.paid')}\n${turn.t('scam.warning')}` : turn.t('scam.warning') });
    const guide = kit.deps.catalog.get(SCAM_GUIDE);
    if (guide) {
      await dc.cancelAllDialogs();
      const step = paid ? scamStep(turn.text) : undefined;
      const stepId = step && guide.stepById.has(step) ? step : undefined;
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE, stepId }));
    }
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.helpOffer, { underway }));
  }
  // A payment asked for, and doubted ("on me demande 25 euros, c'est normal ?"): check it together, with the
  // scam guide's page on sites that ask for money (a real stamp is explained there too).
  if (expects !== 'exact' && has(signals, 'pay-doubt') && kit.deps.catalog.get(SCAM_GUIDE)?.stepById.has(SITE_ASKS_STEP)) {
    await kit.home.rememberProgress(turn);
    await say(turn.ctx, { text: turn.t('scam.checkPay') });
    await dc.cancelAllDialogs();
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE, stepId: SITE_ASKS_STEP }));
  }
  // 2. A person, in any words, at any moment (not while already arranging one: "rappelez-moi" is an answer there).
  const arrangingPerson = dc.activeDialog?.id === DIALOG.callback || dc.activeDialog?.id === DIALOG.handoff;
  if (expects !== 'exact' && !arrangingPerson && has(signals, 'person') && !has(signals, 'places')) {
    if (has(signals, 'bereavement')) await say(turn.ctx, { text: turn.t('kind.bereavement') });
    else if (has(signals, 'distress', false)) await say(turn.ctx, { text: turn.t('kind.distress') });
    return kit.home.startIntent(turn, INTENT.mediator, 'intent');
  }
  // 3. Erasure, from any dialog.
  if (!expects && has(signals, 'erase')) return kit.home.startIntent(turn, INTENT.erase);
  if (expects) return next();

  // The prompt on screen does not take the message: the citizen is saying something else.
  if (has(signals, 'bereavement')) {
    // Condolences first; a guide that opens with its own (a survivor's pension) says them itself.
    const r = turn.dc.activeDialog ? undefined : kit.deps.router.route(turn.text, turn.locale());
    const opensKindly = r && r.score >= 0.6 && kit.deps.catalog.get(r.intent)?.guide.intro;
    if (!opensKindly) await say(turn.ctx, { text: turn.t('kind.bereavement') });
    return next(); // the guide they need is found by the router, or the menu
  }
  if (has(signals, 'thanks') || has(signals, 'bye')) {
    await say(turn.ctx, { text: turn.t(has(signals, 'bye') ? 'kind.bye' : 'kind.thanks') });
    if (has(signals, 'bye')) return undefined;
    if (underway) return dc.repromptDialog();
    return say(turn.ctx, { text: turn.t('kind.thanksMore') });
  }
  const whatIs = signals.find((s) => s.kind === 'whatis');
  if (whatIs?.subject) {
    const r = kit.deps.router.route(whatIs.subject, turn.locale());
    if (r.intent !== 'none' && r.score >= 0.3 && kit.deps.catalog.get(r.intent)) {
      return kit.home.act(turn, () => dc.beginDialog(DIALOG.whatIs, { guideId: r.intent }));
    }
  }
  const need = (['cannot-read', 'sight', 'no-computer'] as const).find((k) => has(signals, k));
  if (need) {
    const key: Record<typeof need, StringKey> = { 'cannot-read': 'kind.cannotRead', sight: 'kind.sight', 'no-computer': 'kind.noComputer' };
    await say(turn.ctx, { text: turn.t(key[need]) });
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.helpOffer, { underway, placeFirst: need === 'no-computer' }));
  }
  if (has(signals, 'places')) return kit.home.startIntent(turn, INTENT.places);
  if (has(signals, 'help-me') || (has(signals, 'distress') && !routesToAGuide(kit, turn))) {
    await say(turn.ctx, { text: turn.t(has(signals, 'distress') ? 'kind.distress' : 'kind.helpMe') });
    return kit.home.act(turn, () => dc.beginDialog(DIALOG.helpOffer, { underway }));
  }
  if (has(signals, 'distress', false)) await say(turn.ctx, { text: turn.t('kind.distress') });
  await next();
};

/** "j'arrive pas à faire ma déclaration": a formality named alongside the feeling. */
function routesToAGuide(kit: Kit, turn: Turn): boolean {
  if (turn.dc.activeDialog) return false;
  // Only what is left once the feeling is set aside: "c'est trop compliqué" names no formality.
  const rest = withoutFeelings(turn.text);
  turn.routeText = rest;
  if (rest.split(' ').filter((w) => w.length > 2).length === 0) return false;
  const r = kit.deps.router.route(rest, turn.locale());
  return r.intent !== 'none' && r.score >= 0.5 && Boolean(kit.deps.catalog.get(r.intent));
}
