import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { OUTCOME } from './keys';

/**
 * What a dialog asks of the bot when it ends (the value of `dc.endDialog(…)`): start something next,
 * report a guide's end, or hand the message back. The bot (src/bot/) acts on it, so dialogs never
 * need to know each other.
 */
export interface DialogOutcome {
  /** Start this next: a guide id, an intent ("mediateur", "aide-proximite"…), or "menu". */
  next?: string;
  /** Resume this guide at this step (the "on reprend ?" offer). */
  resume?: { guideId: string; stepId: string };
  /** A guide ended (for the statistics and the reminder offer). */
  guide?: { id: string; completed: boolean };
  /** The message was not an answer to this dialog: handle it as if the dialog were not there. */
  pass?: boolean;
  /** Nothing more to say this turn (the dialog said what was needed). */
  quiet?: boolean;
  /** The citizen declined to resume: forget the unfinished guide. */
  dropProgress?: boolean;
  /** "Effacer mes données" confirmed and done: the bot deletes the conversation and saves nothing back. */
  erased?: boolean;
  /** The citizen's request went to a person (a callback booked, a booking link given): a passing question below
   *  (the guesses) is not asked again; a guide below shows its step again (the citizen may go on meanwhile). */
  handedOver?: boolean;
  /** The handoff had ended before this message (closed by the mediator): handle the message as usual. */
  handoffOver?: boolean;
  /** A mediator had closed the handoff (when, and its guide): what "le même problème" may be about later. */
  helped?: { at: number; guideId?: string };
  /** Serve these words as if the citizen had just written them (a problem told during a handoff they declined). */
  retell?: string;
}

export function outcomeOf(value: unknown): DialogOutcome {
  return value && typeof value === 'object' ? (value as DialogOutcome) : {};
}

/** The outcome asks the bot to act (rather than simply letting the dialog below go on). */
export function isDirective(o: DialogOutcome): boolean {
  return Boolean(o.next || o.resume || o.pass || o.erased || o.handoffOver || o.retell);
}

/**
 * End the active dialog with an outcome the bot will read even when a dialog below resumes
 * (botbuilder hands the result to the parent only). A parent that sees a directive stays quiet.
 */
export function finish(dc: DialogContext, outcome: DialogOutcome): Promise<DialogTurnResult> {
  OUTCOME.set(dc.context, outcome);
  return dc.endDialog(outcome);
}

/**
 * Ask the bot to act (a person's help asked at an offer) while the active dialog stays where it is, below what
 * starts: when that ends (the handoff declined or cancelled), the dialog is back and asks its question again, and
 * what it holds (the guide the citizen asked for) is still there — for the mediator too, who reads the stack.
 */
export function actAbove(dc: DialogContext, outcome: DialogOutcome): DialogTurnResult {
  OUTCOME.set(dc.context, outcome);
  return Dialog.EndOfTurn;
}
