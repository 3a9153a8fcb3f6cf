/**
 * What the citizen writes while waiting in the queue, read before it is passed on (session 17). Every message still
 * goes to the mediator; what the bot answers depends on what it says:
 * - giving up ("laissez tomber", "bon tant pis j'abandonne", "forget it") cancels, like "annuler";
 * - checking someone is there or losing patience ("alors ?", "vous êtes là", "j'attends toujours", "c long",
 *   "are you there?") gets a human sentence first and the place in the queue (PRODUCT.md rule 4);
 * - a goodbye or a thank-you ("merci au revoir") is answered, and told the request stays in the queue;
 * - anything else: "Message transmis". A second such answer in a row is said differently (rule 2: no loop repeats
 *   the same sentence).
 * At the consent question, a person asked for again is a yes (`asksPersonAgain`).
 * Patterns over `plainText()`, short messages only: a real question to the mediator ("comment annuler mon
 * rendez-vous ?") is passed on as it is.
 */
import type { TurnContext } from 'botbuilder';
import { localeOf } from '../conversation/turn';
import type { StringKey } from '../i18n/strings';
import { detectSignals, hasSignal, plainText } from '../nlu/signals';
import { recognizeCommand } from '../conversation/commands';
import type { HandoffRecord } from './queue';
import type { HandoffDeps } from './requests';

export type WaitingKind = 'quit' | 'impatient' | 'bye' | 'thanks';

const QUIT = new RegExp(
  String.raw`\b(?:laisse[zr]? tomb(?:er|e)|tant pis(?! (?:je |j )?(?:attends?|patiente|reste|vais attendre|continue))|j abandonne|jabandonne|je renonce|je (?:ne )?(?:veux|vais) plus attendre|j attends? plus|je n attends? plus|on oublie|plus besoin|pas besoin finalement|forget it|never mind|nevermind|i give up|no need any more|no longer needed)\b`,
);
/** Cancelling said alone: "annulez svp", "cancel it" — not "comment annuler mon rendez-vous ?", a question to pass on. */
const CANCEL_ALONE =
  /^(?:(?:bon|ok|non|oui|alors|finalement|bah|ben|no|please|svp) )*(?:annule[rz]?|annulez|cancel|oubliez|oubliez ca|stop attente)(?: (?:ma demande|la demande|tout|it|that|my request|the request|svp|s il vous plait|please|merci|thanks|finalement|alors))*$/;

const IMPATIENT = new RegExp(
  String.raw`^(?:(?:bon|ben|bah|euh|eh|he|oh|et|mais|donc|ok|hello|bonjour|allo|svp|s il vous plait|please|so|well|hey|hi) )*(?:` +
    [
      String.raw`alors|et alors|allo|all o|ohe|ho|he ho|hey|hello|y a quelqu un|il y a quelqu un|ya quelqu un|y a qqn|y a qqun|y a personne|il y a personne|quelqu un|qqn|qqun|personne`,
      String.raw`(?:vous etes|vs etes|v etes|etes vous|t es|tes|tu es|vous etes toujours|t es toujours) (?:la|toujours la|encore la)`,
      String.raw`vous m entendez|vous me lisez|on m a oublie|vous m avez oublie|(?:j attends?|j attend|j attends) (?:toujours|encore|depuis \w+(?: \w+){0,2}|la)|j attends?|toujours rien|toujours personne|toujours pas|rien|personne (?:ne |n )?(?:repond|vient|me repond)|ca vient|ca arrive|c est long|c long|c tres long|c est tres long|c est trop long|trop long|long|c est pour quand|c est quand|quand|combien de temps(?: encore)?|ca va etre long|il faut attendre (?:longtemps|encore)|encore longtemps|ca prend du temps|c est lent|j en ai marre d attendre|marre d attendre`,
      String.raw`are you there|anyone there|anybody there|is anyone there|is anybody there|anyone|anybody|hello anyone|still waiting|i am (?:still )?waiting|i m (?:still )?waiting|how long(?: (?:now|still|more|is it|will it (?:be|take)))*|this is taking (?:so |too )?long|taking (?:so |too )?long|so long|any news|nothing yet|still nothing|what is happening|what s happening`,
    ].join('|') +
    String.raw`)(?: (?:la|encore|toujours|now|still|please|svp|alors|quoi|hein|ou pas|oui|madame|monsieur))*$`,
);

/**
 * At "Vous êtes d'accord ?", a person asked for again ("je veux reparler à la dame", "oui un conseiller svp") is a
 * yes: the citizen wants exactly what is offered (PRODUCT.md rule 1), never a "pas compris".
 */
export const asksPersonAgain = (text: string): boolean => hasSignal(detectSignals(text), 'person');

/** What a message written while waiting says, when it is one of the above; undefined for anything else. */
export function waitingKind(text: string): WaitingKind | undefined {
  const t = plainText(text);
  if (t === '') return undefined;
  const words = t.split(' ').length;
  if (recognizeCommand(text) === 'quit' || CANCEL_ALONE.test(t) || (words <= 8 && QUIT.test(t))) return 'quit';
  if (words <= 10 && IMPATIENT.test(t)) return 'impatient';
  const signals = detectSignals(text);
  if (words <= 10 && hasSignal(signals, 'bye')) return 'bye';
  if (words <= 6 && hasSignal(signals, 'thanks')) return 'thanks';
  return undefined;
}

/** The bot's answer to a message passed on while waiting; `st.answered` counts the answers so far (kept in the dialog). */
export async function waitingReply(deps: HandoffDeps, ctx: TurnContext, record: HandoffRecord, text: string, st: { answered?: number }): Promise<string> {
  const position = (await deps.queue.position(record.territory, record.id)) ?? 1;
  const kind = waitingKind(text);
  const again = (st.answered ?? 0) % 2 === 1;
  st.answered = (st.answered ?? 0) + 1;
  const key: StringKey =
    kind === 'impatient'
      ? again ? 'handoff.stillWaitingAgain' : 'handoff.stillWaiting'
      : kind === 'bye'
        ? 'handoff.byeWaiting'
        : kind === 'thanks'
          ? 'handoff.thanksWaiting'
          : again ? 'handoff.forwardedAgain' : 'handoff.forwarded';
  return deps.strings.t(localeOf(ctx), key, { position });
}
