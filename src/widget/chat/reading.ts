/// <reference lib="dom" />
/**
 * Reading aloud (./speech.ts): "Écouter" on each bot message, "Tout lire à voix haute" in the menu (kept across
 * visits); shown only when the browser has a local voice in the conversation's language (.pp-voice). Reading
 * stops when the citizen sends or closes.
 */
import { locale, root, store, ui } from './frame';
import { Reader } from './speech';

let readAll = store.readAloud();
let lastSpoken: string[] = [];
export const reader = new Reader(undefined, () => voices());
export function voices(): void {
  const on = reader.available(locale);
  if (!on && root.classList.contains('pp-voice')) reader.stop();
  root.classList.toggle('pp-voice', on);
}
function setReadAll(on: boolean): void {
  readAll = on;
  store.saveReadAloud(on);
  ui.readAll.setAttribute('aria-pressed', String(on));
  reader.stop();
  // Switched on: the latest message at once, so the citizen hears where the conversation is.
  if (on) reader.read(lastSpoken, locale);
}
ui.readAll.setAttribute('aria-pressed', String(readAll));
ui.readAll.addEventListener('click', () => setReadAll(!readAll));

/** A new bot message's words: read at once with "Tout lire à voix haute", unless it is the history of a reload. */
export function spoken(parts: string[], replaying: boolean): void {
  lastSpoken = parts;
  if (readAll && !replaying) reader.read(parts, locale);
}

/** "Écouter" on a message: read it; a second press stops. */
export function listen(parts: string[], button: HTMLButtonElement): void {
  const again = reader.reading(button);
  reader.stop();
  if (!again) reader.read(parts, locale, button);
}
