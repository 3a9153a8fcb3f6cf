/**
 * The turn-state keys of the bot: set by one step of the turn pipeline (src/bot/) or a dialog, read by
 * the others. One place, so nobody reaches into another module for a key.
 */
import { TurnKey } from './turnKey';
import type { Command } from './commands';
import type { TranscriptLine } from './transcript';
import type { DialogOutcome } from './outcome';

/** The territory of this turn (the channel's, or the one the citizen's postal code chose earlier). */
export const TERRITORY = new TurnKey<string>('territory');
/** The channel could not tell the territory (a national number): ask a postal code before a handoff. */
export const TERRITORY_UNKNOWN = new TurnKey<boolean>('territoryUnknown');
/** A postal code chose the territory in this turn: the bot remembers it for the citizen. */
export const TERRITORY_ROUTED = new TurnKey<string>('territoryRouted');
/**
 * The last lines of the conversation, masked, as they were when the citizen's message arrived: what a mediator
 * sees on a handoff. Read from the store only when asked (the transcript is not part of the turn's state).
 */
export const TRANSCRIPT = new TurnKey<() => Promise<TranscriptLine[]>>('transcript');
/** A global command ("retour", "répète"…) handed to the active dialog. */
export const COMMAND = new TurnKey<Command>('command');
/** The citizen's data was erased during the turn: nothing is saved back. */
export const ERASED = new TurnKey<boolean>('erased');
/** The language was switched by itself this turn (a message clearly in the other language): the screen is shown again in it. */
export const LOCALE_SWITCHED = new TurnKey<boolean>('localeSwitched');
/** A dialog understood the citizen in the other language: the conversation goes on in it. */
export const SWITCH_LOCALE = new TurnKey<'fr' | 'en'>('switchLocale');
/** What the last dialog that ended this turn asked of the bot (also when a dialog below resumed). */
export const OUTCOME = new TurnKey<DialogOutcome>('outcome');
/** The citizen declined a person this turn ("Continuer avec moi", "Non, merci"): an offer shown next puts the person last. */
export const PERSON_DECLINED = new TurnKey<boolean>('personDeclined');
/** A sentence to say before the question on screen, shown alone (no step text again): a guide's reprompt reads it. */
export const REPROMPT_LEAD = new TurnKey<string>('repromptLead');
