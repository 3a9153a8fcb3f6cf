/**
 * What the understanding step says and opens for a scam (PRODUCT.md rule 3): the scam guide and its steps, a call
 * rather than a link, money or codes already given. Split out of src/bot/steps/understand.ts.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { plainText } from '../../nlu/signals';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { letterJustBefore, offerAgain } from './everydayHelp';

/** The guide that says what to do about a suspicious message, and its steps for money already gone. */
export const SCAM_GUIDE = 'arnaque';
/** Card details given or a scammer paid: block the card first. */
export const SCAM_PAID_STEP = 'deja-paye';
/** A private look-alike site paid for a free document. */
export const SITE_PAID_STEP = 'site-paye';
/** A site asks for money: free formalities, official stamps, look-alike sites. */
export const SITE_ASKS_STEP = 'site-payant';
export const CODE_GIVEN_STEP = 'mot-de-passe-donne'; // an account's code or password given: change it, no card to block

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
