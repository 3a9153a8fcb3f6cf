/**
 * The typing line under the conversation: "…" while the bot works on what the citizen sent, or for a few seconds
 * after each signal of a mediator who is typing.
 */
import { t, ui } from './frame';

const TYPING_MAX_MS = 20_000;
/** A mediator's typing shows this long after their last signal (they send one every few seconds while typing). */
const MEDIATOR_TYPING_MS = 6_000;

let typingTimer: ReturnType<typeof setTimeout> | undefined;
/** The bot (or, `mediator`, the mediator of a handoff: for a few seconds after each signal, as Web Chat does) is typing. */
export function typing(on: boolean, mediator = false): void {
  clearTimeout(typingTimer);
  ui.typing.textContent = on ? t(mediator ? 'mediatorTyping' : 'typing') : '';
  if (on) typingTimer = setTimeout(() => typing(false), mediator ? MEDIATOR_TYPING_MS : TYPING_MAX_MS);
}

/**
 * The bot works from the moment a message or photo leaves until its answer, or the end of the last request
 * (the server streams its own typing indicator only for slow turns). Returns "finished".
 */
let inFlight = 0;
export function working(): () => void {
  inFlight += 1;
  typing(true);
  return () => {
    inFlight -= 1;
    if (inFlight === 0) typing(false);
  };
}

/** The conversation was erased: nothing is on its way any more. */
export function noWork(): void {
  typing(false);
  inFlight = 0;
}
