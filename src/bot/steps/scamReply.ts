/**
 * What the understanding step says and opens for a scam (PRODUCT.md rule 3): the scam guide and its steps, a call
 * rather than a link, money or codes already given. Split out of src/bot/steps/understand.ts.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { plainText } from '../../nlu/signals';
import { relativeScam } from '../../nlu/relativeScam';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import type { Step } from '../pipeline';
import { letterJustBefore, offerAgain } from './everydayHelp';
import { GuideDialog } from '../../guides/guideDialog';

/** The guide that says what to do about a suspicious message, and its steps for money already gone. */
export const SCAM_GUIDE = 'arnaque';
/** Card details given or a scammer paid: block the card first. */
export const SCAM_PAID_STEP = 'deja-paye';
/** A private look-alike site paid for a free document. */
export const SITE_PAID_STEP = 'site-paye';
/** A site asks for money: free formalities, official stamps, look-alike sites. */
export const SITE_ASKS_STEP = 'site-payant';
export const CODE_GIVEN_STEP = 'mot-de-passe-donne'; // an account's code or password given: change it, no card to block

/** The link of a scam message clicked: close the page, type nothing; then what was typed on it. */
export const CLICKED_STEP = 'clique';

/** "jai cliqué sur le lien", "j'ai ouvert le lien", "g cliquer dessus", "I clicked the link" (never "j'ai pas cliqué"). */
export function clickedLink(text: string): boolean {
  return /\b(?:j ai|jai|g|j avais|je l ai|i|i ve|i have|i had)\s+(?:deja\s+|meme\s+|already\s+)?(?:clique\w*|cliqu\w*|appuye\w* sur (?:le|un|ce) lien|ouvert (?:le|un|ce) lien|clicked|opened (?:the|a|this) link|tapped (?:on )?(?:the|a|this) link)\b/.test(plainText(text));
}

/** A child or a relative on a new number asks for money: send nothing, call them on the number already known. */
export const RELATIVE_STEP = 'proche';
/** Money already sent to that number: the bank at once, the evidence, a complaint. */
const RELATIVE_PAID_STEP = 'proche-paye';

/** A phone call (no link to click): hang up, call back yourself. */
export const CALL_STEP = 'appel';

/** The scam came by a phone call ("on m'a appelé de la banque pour le code reçu par sms"), with no link nor e-mail. */
export function byCall(text: string): boolean {
  const t = plainText(text);
  // Something already given ("un faux conseiller m'a appelé, j'ai tout donné"): the guide asks what, first.
  return CALLED.test(t) && !/\b(?:lien|link|clique\w*|click\w*|mail|email|courriel|site|website|qr)\b/.test(t)
    && !/\b(?:j ai (?:tout |deja |meme )?(?:donne|dit|communique|lu|envoye|transmis|tape)|je (?:lui|leur) ai|i (?:gave|told|typed|read))\b/.test(t);
}
const CALLED =
  /\b(?:m a (?:appele|appelee|telephone|rappele)|m ont (?:appele|appelee|telephone|rappele)|(?:on|il|elle|ils) m (?:a )?appel\w*|on m appelle|(?:un|des) appels?|au telephone|par telephone|au tel|coup de fil|(?:called|phoned|rang) me|on the phone|a (?:phone )?call)\b/;

/** Where the scam guide opens for what the message tells: money or a code given, a link clicked, a call. */
export function scamStartStep(text: string, paid: boolean, code: boolean): string | undefined {
  return code ? CODE_GIVEN_STEP : paid ? scamStep(text) : clickedLink(text) ? CLICKED_STEP : byCall(text) ? CALL_STEP : undefined;
}

export function scamStep(text: string): string {
  const t = plainText(text);
  return /\b(?:site|internet|en ligne|website)\b/.test(t) && !/\b(?:carte|cb|code|coordonnees|card)\b/.test(t) ? SITE_PAID_STEP : SCAM_PAID_STEP;
}

/**
 * "c'est une arnaque ?" with nothing that makes it one (signal subject 'asked'), or about a paper letter ('letter', or
 * a letter told just before): the bot has not seen it and says no verdict. A letter: how to check it (the official
 * site, one's own space; not the number on the letter), then a person or a place to read it with. Otherwise the
 * scam guide, which asks what happened. False when the scam was described (the warning, in understand.ts).
 */
export async function scamAsked(kit: Kit, turn: Turn): Promise<boolean> {
  const scam = turn.signals.find((s) => s.kind === 'scam');
  if (!scam || (scam.subject !== 'asked' && scam.subject !== 'letter') || turn.signals.some((s) => s.kind === 'scam-paid')) return false;
  await kit.home.rememberProgress(turn);
  if (scam.subject === 'letter' || letterJustBefore(turn) !== undefined) {
    await offerAgain(kit, turn, turn.t('scam.askedLetter'), { reason: 'kind.letter' });
    return true;
  }
  const guide = kit.deps.catalog.get(SCAM_GUIDE);
  if (!guide) return false;
  await say(turn.ctx, { text: turn.t('scam.asked') });
  await turn.dc.cancelAllDialogs();
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE }));
  return true;
}

/**
 * A link of a scam message already clicked: what to do once clicked, not "ne cliquez pas". Told in the scam guide at a
 * question that does not ask it ("C'est bon ?"), or as the first thing said about a message the router or the signals
 * take for a scam. Money or a code told with it goes to the warning (understand.ts) instead: the card comes first.
 */
export const linkClicked = (kit: Kit): Step<Turn> => async (turn, next) => ((await clickedInGuide(kit, turn)) || (await relativeAsks(kit, turn)) ? undefined : next());

/**
 * "j'ai reçu un message de mon fils il a perdu son téléphone et il me demande de l'argent", "ma fille a un nouveau numéro
 * et veut que je paie une facture" (src/nlu/relativeScam.ts): the scam guide's page for a relative on a new number —
 * not "ne cliquez pas sur le lien", nor a card to block for money only asked. With nothing on screen or over a guide
 * (safety first); not over its own page and the one after, where the story told again answers the question.
 */
async function relativeAsks(kit: Kit, turn: Turn): Promise<boolean> {
  if (!relativeScam(turn.text)) return false;
  const here = GuideDialog.progress(turn.dc, kit.deps.catalog);
  if (here ? here.guideId === SCAM_GUIDE && (here.stepId === RELATIVE_STEP || here.stepId === RELATIVE_PAID_STEP) : turn.dc.activeDialog) return false;
  return openScamStep(kit, turn, RELATIVE_STEP);
}

async function openScamStep(kit: Kit, turn: Turn, stepId: string): Promise<boolean> {
  if (!kit.deps.catalog.get(SCAM_GUIDE)?.stepById.has(stepId)) return false;
  await kit.home.rememberProgress(turn);
  await turn.dc.cancelAllDialogs();
  await kit.home.act(turn, () => turn.dc.beginDialog(DIALOG.guide, { guideId: SCAM_GUIDE, stepId }));
  return true;
}

async function clickedInGuide(kit: Kit, turn: Turn): Promise<boolean> {
  if (!clickedLink(turn.text) || turn.signals.some((s) => s.kind === 'scam-paid')) return false;
  const here = GuideDialog.progress(turn.dc, kit.deps.catalog);
  if (here) {
    if (here.guideId !== SCAM_GUIDE || here.stepId === CLICKED_STEP) return false;
  } else if (!turn.signals.some((s) => s.kind === 'scam') && kit.deps.router.route(turn.text, turn.locale()).intent !== SCAM_GUIDE) return false;
  return openScamStep(kit, turn, CLICKED_STEP);
}
