/**
 * The signals of a message (src/nlu/signals.ts `detectSignals`), remembered for short messages: most turns are
 * the same few words ("1", "oui", "menu", "merci"), and reading one costs ~35 µs (~4 % of a web chat turn).
 * `detectSignals` depends on the text alone. What a citizen wrote is not kept long: the memo is emptied when full
 * and at least every minute; each caller gets its own copy.
 */
import { detectSignals, type Signal } from '../nlu/signals';

const MAX_TEXT = 64;
const MAX_REMEMBERED = 512;
const REMEMBER_MS = 60_000;
const known = new Map<string, Signal[]>();
let knownSince = Date.now();

export function signalsOf(text: string): Signal[] {
  if (text.length > MAX_TEXT) return detectSignals(text);
  const now = Date.now();
  if (now - knownSince >= REMEMBER_MS || known.size >= MAX_REMEMBERED) {
    known.clear();
    knownSince = now;
  }
  let signals = known.get(text);
  if (!signals) known.set(text, (signals = detectSignals(text)));
  return signals.map((s) => ({ ...s }));
}
