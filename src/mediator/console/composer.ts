/// <reference lib="dom" />
/**
 * The message box's helpers (src/mediator/console/main.ts): the team's replies (a click puts one in the box, to
 * edit; the mediator sends it) and their editor for coordinators, easy-to-read hints as the mediator types, the
 * "is typing" signals both ways, and Enter to send (Shift+Enter: a new line).
 */
import { ReplyPicker, RepliesEditor, watchHints } from './replies';
import { TypingWatch } from './typing';
import { api, mine, session, t, ui } from './shell';

export const picker = new ReplyPicker({ api, group: ui.quick, input: ui.input, t });
export const editor = new RepliesEditor({ api, details: ui.repliesEdit, body: ui.repliesEditor, t, onSaved: (locale) => picker.changed(locale) });
export const showHints = watchHints(ui.input, ui.falc, t);
export const typingWatch = new TypingWatch({
  api,
  out: ui.typing,
  input: ui.input,
  current: () => session.current,
  lastCitizenAt: () => Math.max(0, ...(session.current ? mine.get(session.current)?.messages ?? [] : []).filter((m) => m.from === 'citizen').map((m) => m.at)),
  t,
});

ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    ui.sendForm.requestSubmit();
  }
});
