/// <reference lib="dom" />
/**
 * "Terminer et effacer" in the chat frame's menu: asked once more, then the conversation is erased on the server
 * and forgotten here, and a new one starts (a shared computer: the next person finds nothing).
 */
import { showMenu } from './appearance';
import { client, forgetWaiting, transcript } from './conversation';
import { notify, t, ui } from './frame';
import { reader } from './reading';
import { settle } from './settle';
import { noWork } from './typing';

function showConfirm(on: boolean): void {
  ui.confirm.hidden = !on;
  ui.end.setAttribute('aria-expanded', String(on));
  // "Terminer et effacer" is in the menu: back to the menu's button when the menu is closed.
  (on ? ui.endYes : ui.menuPanel.hidden ? ui.menu : ui.end).focus();
}
ui.end.addEventListener('click', () => {
  showMenu(false);
  showConfirm(ui.confirm.hidden !== false);
});
ui.endNo.addEventListener('click', () => showConfirm(false));
ui.endYes.addEventListener('click', () => {
  if (ui.endYes.disabled) return;
  ui.endYes.disabled = true;
  settle(
    client
      .end()
      .then((ok) => {
        ui.confirm.hidden = true;
        ui.end.setAttribute('aria-expanded', 'false');
        if (ok) {
          reader.stop();
          transcript.clear();
          forgetWaiting();
          noWork();
        }
        notify(t(ok ? 'ended' : 'endFailed'), ok);
        ui.input.focus();
      })
      .finally(() => {
        ui.endYes.disabled = false;
        client.resume();
      }),
  );
});
