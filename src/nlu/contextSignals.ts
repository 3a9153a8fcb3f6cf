/**
 * Signals about the citizen's situation that are not a formality (issue #16, probe set 21), read by
 * src/nlu/signals.ts with the others: a health question (`health`, subject "urgent" or "care"), someone sitting
 * with the citizen to help (`companion`), a letter received and not understood (`letter`; subject "received" for a
 * letter said alone, "message" for an e-mail or an SMS from an office), a civil-status act that
 * is not a birth certificate (`document`, subject: the act as written), a pension or an allowance not paid (`unpaid`;
 * subject "trouble": a problem with one, "stopped": paid no more, what is left unsaid),
 * an address to change after a move with no vehicle named (`moved`), the date or period of a formality asked
 * (`when`: "c'est la période de l'actualisation ?"), back to where we were (`resume`: "on en était où ?"), a vague
 * trouble with an account or an office's site (`trouble`, subject: the site: "j'ai un problème avec mon compte ameli"),
 * a life event other than a death (`life`, subject: the event: "je viens de perdre mon emploi").
 */
import { healthAsked } from './health';
import { companionIn } from './companion';
import { letterNotUnderstood, letterReceivedOnly, messageReceivedOnly } from './letter';
import { otherActNamed } from './civilActs';
import { paidTrouble, paymentMissing, paymentStopped } from './unpaid';
import { addressChange, homeless } from './moved';
import { VEHICLE } from './routeGuards';
import { asksWhen } from './dateAsk';
import { resumeAsked } from './resumeAsk';
import { vagueTrouble } from './accountTrouble';
import { lifeEventOf } from './lifeEvents';

export type ContextKind = 'health' | 'companion' | 'letter' | 'document' | 'unpaid' | 'moved' | 'when' | 'resume' | 'trouble' | 'life';

/** The context signals of a plain text (`plainText()`), each with its subject when it has one. */
export function contextSignals(t: string): Array<[ContextKind, string | undefined]> {
  const out: Array<[ContextKind, string | undefined]> = [];
  const health = healthAsked(t);
  if (health) out.push(['health', health]);
  if (companionIn(t)) out.push(['companion', undefined]);
  if (letterNotUnderstood(t)) out.push(['letter', undefined]);
  // A letter said alone ("j'ai reçu un courrier de la caf"): about the letter, not the sender's best-known guide.
  else if (letterReceivedOnly(t)) out.push(['letter', 'received']);
  // An e-mail or an SMS from an office said alone ("un mail de ameli"): the same, with a word about fake messages.
  else if (messageReceivedOnly(t)) out.push(['letter', 'message']);
  const act = otherActNamed(t);
  if (act) out.push(['document', act]);
  if (paymentMissing(t)) out.push(['unpaid', undefined]);
  else if (paidTrouble(t)) out.push(['unpaid', 'trouble']);
  // "je reçois plus rien depuis 2 mois": what stopped is left unsaid (the formality on screen may say it).
  else if (paymentStopped(t)) out.push(['unpaid', 'stopped']);
  if (homeless(t)) out.push(['moved', 'homeless']);
  else if (addressChange(t, VEHICLE)) out.push(['moved', undefined]);
  const when = asksWhen(t);
  if (when) out.push(['when', when]);
  if (resumeAsked(t)) out.push(['resume', undefined]);
  // "je viens de perdre mon emploi", "on vient d'avoir un bébé": a life event (a death is the bereavement signal).
  const event = lifeEventOf(t);
  if (event && !event.startsWith('death')) out.push(['life', event]);
  // "j'ai un problème avec mon compte ameli": a trouble, not said what (subject: the site).
  const site = out.length === 0 ? vagueTrouble(t) : undefined;
  if (site) out.push(['trouble', site]);
  return out;
}
