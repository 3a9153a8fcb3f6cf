/**
 * Two everyday situations that are no formality of ours, read before the rest of the understanding step (they would
 * otherwise be routed as a fresh first message, to "Je ne sais pas encore vous aider" or unrelated guesses):
 * - someone who usually does the citizen's formalities ("mon fils fait tout d'habitude"), or is not there now ("il est
 *   parti", said after it): a kind word, then doing it together here first, a person, a place, and a professional
 *   acting for them under a mandate (Aidants Connect);
 * - money asked by a letter, or not being able to pay it ("ils me demandent 300 euros" after a letter from the tax
 *   office, "je peux pas payer"): check the letter is real, ask the organisation for a delay or instalments (how, for
 *   taxes, the CAF, a fine, a bill), then a person or a place.
 * - a word of a letter said alone, asked for by the bot ("indu"): explained (src/bot/steps/letterWords.ts).
 * The help offer on screen remembers why it was made (`reason`, `topic`), so the next message is read in its context.
 */
import { DIALOG } from '../../conversation/dialogIds';
import { say } from '../../conversation/turn';
import { isAnswerAware } from '../../prompts/choicePrompt';
import { HelpOfferDialog, type HelpOfferOptions } from '../../prompts/helpOfferDialog';
import { plainText, type Signal } from '../../nlu/signals';
import { helperGone, usualHelper } from '../../nlu/usualHelper';
import { debtTopic, moneyOwed } from '../../nlu/moneyOwed';
import type { StringKey } from '../../i18n/strings';
import type { Turn } from '../context';
import type { Kit } from '../kit';
import { guideNamed } from './helpWays';
import { letterWord } from './letterWords';

/** What comes first whatever the situation: safety, a person asked for, erasure, a wait. */
const FIRST = new Set(['scam', 'scam-paid', 'paid-helper', 'pay-doubt', 'person', 'erase', 'wait', 'health']);
/** Words of a debt, which make "je peux pas payer" about one even with no letter before. */
const DEBT = /\b(?:somme|dette|rembourse\w*|rendre|reclam\w*|trop percu|indu|amendes?|amandes?|contraventions?|pv|majoration|mise en demeure|courrier|lettre|avis|letter|debt|owe|overpayment|fine)\b/;

/** An office asking the citizen for money ("la caf me demande", "les impots me reclament"), not a fee one pays. */
const OFFICE_ASKS = /\b(?:caf|impots?|fisc|finances publiques|tresor public|urssaf|cpam|ameli|france travail|msa|carsat|tax office)\b(?: \w+){0,2} (?:me|m|nous) (?:demande\w*|reclame\w*|veu\w*)\b/;

/** Said and offered ('true'), or not this situation (false: the rest of the understanding step goes on). */
export async function everydayHelp(kit: Kit, turn: Turn): Promise<boolean> {
  const { dc, signals } = turn;
  const t = plainText(turn.text);
  // Most messages say neither situation: read that first (cheap), before the question on screen is asked about it.
  const gone = t ? helperGone(t) : false;
  const helper = t ? usualHelper(t) : false;
  const owed = t ? moneyOwed(t) : undefined;
  // Neither: maybe a word of the letter the bot just asked about ("indu" after "j'ai reçu un courrier de la caf").
  if (!gone && !helper && !owed) return letterWord(kit, turn);
  const offer = HelpOfferDialog.onScreen(dc);
  const before = letterJustBefore(turn);
  // A payment doubted right after a letter is the letter's money ("ils veulent que je paye 450 euros"), not a site's.
  // Money asked by an office named ("pk la caf me demande de l argent") is a letter's too, even with no letter word.
  const office = owed === 'asked' && OFFICE_ASKS.test(t);
  const letter = office || Boolean(offer?.reason?.startsWith('kind.letter')) || Boolean(offer?.reason?.startsWith('money.')) || signals.some((s) => s.kind === 'letter') || Boolean(before);
  const first = (s: Signal) => FIRST.has(s.kind) && (s.kind !== 'person' || s.strength === 'strong') && !(s.kind === 'pay-doubt' && letter);
  if (signals.some(first)) return false;
  // The question on screen takes the message in its words ("un proche peut le faire ?" in the Aidants Connect guide).
  const active = dc.activeDialog ? dc.findDialog(dc.activeDialog.id) : undefined;
  if (!offer && active && isAnswerAware(active) && active.answers(dc, turn.text)) return false;

  if (helper || (gone && offer?.reason === 'kind.usualHelper')) {
    const key: StringKey = signals.some((s) => s.kind === 'bereavement') ? 'kind.helperLost' : gone ? 'kind.helperGone' : 'kind.usualHelper';
    return offerAgain(kit, turn, turn.t(key), { helper: true, reason: key, guide: guideOf(kit, turn) });
  }

  // "c quoi une mise en demeure": a word asked about, explained by its fact.
  if (!owed || offer?.reason === `money.${owed}` || signals.some((s) => s.kind === 'whatis' && s.strength === 'strong')) return false;
  const topic = debtTopic(t) ?? offer?.topic ?? (before && debtTopic(before));
  // With no letter before, a debt must be said ("un trop-perçu", "une amende"), or who asks, with "je peux pas payer".
  if (!letter && !DEBT.test(t) && !(owed === 'cannot' && debtTopic(t))) return false;
  // A fine only asked for ("j'ai reçu une amende de 135 euros, c'est normal ?"): where it is checked and paid.
  const where = turn.t(topic === 'fine' && owed === 'asked' ? 'money.fineAsked' : topic ? (`money.${topic}` as StringKey) : 'money.other');
  const text = owed === 'asked' ? `${turn.t('money.asked')}\n${where}` : `${turn.t('money.cannot')}\n${where}\n${turn.t('money.safe')}`;
  return offerAgain(kit, turn, text, { reason: `money.${owed}`, topic });
}

/** The line of the citizen's last two, within ten minutes, that spoke of a letter ("j'ai reçu un courrier de la CAF"). */
export function letterJustBefore(turn: Turn): string | undefined {
  const lines = (turn.conv.said ?? []).slice(0, -1).slice(-2).reverse();
  const LETTER = /\b(?:courriers?|lettres?|avis d (?:impot|imposition)|recommandee?|letters?)\b/;
  return lines.map((l) => (turn.now - l.at <= 10 * 60_000 ? plainText(l.text) : '')).find((t) => LETTER.test(t));
}

/** The formality named with the situation ("mon fils fait mes impôts d'habitude"): it can start here. */
function guideOf(kit: Kit, turn: Turn): HelpOfferOptions['guide'] {
  const id = guideNamed(kit, turn);
  const g = id ? kit.deps.catalog.get(id) : undefined;
  return id && g ? { id, title: g.guide.title } : undefined;
}

/** The kind words, then the ways forward (in place of the offer on screen, which keeps what lies below it). */
export async function offerAgain(kit: Kit, turn: Turn, text: string, options: Partial<HelpOfferOptions>): Promise<true> {
  await say(turn.ctx, { text });
  const { dc } = turn;
  const offer = HelpOfferDialog.onScreen(dc);
  const opts: HelpOfferOptions = { ...options, underway: offer ? offer.underway : Boolean(dc.activeDialog), placeFirst: false };
  if (opts.underway) delete opts.guide;
  await kit.home.act(turn, () => (offer ? dc.replaceDialog(DIALOG.helpOffer, opts) : dc.beginDialog(DIALOG.helpOffer, opts)));
  return true;
}

/**
 * A letter not understood, or said alone ("j'ai reçu un courrier de la caf": what it says, its words explained), or an
 * e-mail or an SMS from an office ("un mail de ameli": the same, and beware of fake messages).
 */
export function letterReason(signals: Signal[]): 'kind.letter' | 'kind.letterReceived' | 'kind.letterMessage' {
  const subject = signals.find((s) => s.kind === 'letter')?.subject;
  return subject === 'received' ? 'kind.letterReceived' : subject === 'message' ? 'kind.letterMessage' : 'kind.letter';
}
