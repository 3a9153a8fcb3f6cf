/// <reference lib="dom" />
/**
 * The chat frame (GET /chat): wires the page rendered by src/widget/pages.ts to the Direct Line
 * client. Embedded in the loader's iframe, or full page (links sent by SMS). Its parts: what they all
 * share (frame.ts), how it looks (appearance.ts), reading aloud (reading.ts), the typing line
 * (typing.ts), the conversation (conversation.ts), photos (photo.ts), "Terminer et effacer" (ending.ts).
 */
import { applySize, applyStrings, fitHeader, reflow, resize, setLocale, showMenu } from './appearance';
import { client, say, sendWaiting, transcript } from './conversation';
import { cfg, locale, notify, t, toParent, ui } from './frame';
import { reader } from './reading';
// The parts that only listen (their buttons) are wired when imported.
import './photo';
import './ending';

/** The citizen's own typing is signalled at most this often (the mediator's console shows "La personne écrit…"). */
const CITIZEN_TYPING_EVERY_MS = 5_000;

/** A− / A+: bigger or smaller text moves everything, so the latest question and its answers stay in view. */
function resizeBy(delta: number): void {
  resize(delta);
  transcript.scroll();
}
ui.smaller.addEventListener('click', () => resizeBy(-1));
ui.bigger.addEventListener('click', () => resizeBy(1));

let typingSentAt = 0;
ui.input.addEventListener('input', () => {
  // "Write a message before sending" is no longer true.
  if (ui.notice.textContent === t('empty')) notify('');
  const now = Date.now();
  if (!ui.input.value.trim() || now - typingSentAt < CITIZEN_TYPING_EVERY_MS) return;
  typingSentAt = now;
  client.typing().catch(() => undefined); // a lost signal only means no "…" for a few seconds
});

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = ui.input.value.trim();
  if (!text) {
    notify(t('empty'));
    ui.input.focus();
    return;
  }
  ui.input.value = '';
  say(text, true);
});

ui.mediator.addEventListener('click', () => say(t('mediatorCommand')));
ui.lang.addEventListener('click', () => {
  say(t('switchCommand'));
  setLocale(locale === 'fr' ? 'en' : 'fr');
  showMenu(false, true);
  fitHeader();
});

// Escape closes the menu first, then the panel.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' && e.key !== 'Esc') return;
  if (!ui.menuPanel.hidden) {
    showMenu(false, true);
    return;
  }
  if (ui.close) close();
});
/** The panel closes: the loader hides it; nothing goes on being read. */
function close(): void {
  reader.stop();
  toParent({ type: 'pasapas:close' });
}
if (ui.close) ui.close.addEventListener('click', close);
// Closed from the host page (its launcher, Escape there): the loader says so.
window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as { type?: unknown } | null;
  if (cfg.parentOrigin && e.origin === cfg.parentOrigin && e.source === window.parent && m && m.type === 'pasapas:closed') reader.stop();
});
window.addEventListener('pagehide', () => reader.stop());

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible') return;
  client.wake();
  sendWaiting();
});
window.addEventListener('online', () => {
  client.wake();
  sendWaiting();
});
window.addEventListener('resize', () => {
  reflow();
  fitHeader();
});

applyStrings();
applySize();
client.start();
