/// <reference lib="dom" />
/**
 * What the mediator does with the open conversation (src/mediator/console/main.ts): send a message (said plainly
 * when it cannot reach the citizen now: STOP, WhatsApp's 24 hours, gone), put it back in the queue, or close it
 * with an outcome and a note.
 */
import { ApiError } from './api';
import { show } from './dom';
import { outcomeLabel } from './format';
import { showHints } from './composer';
import { drop, fetchMessages } from './conversation';
import { refreshQueue } from './queue';
import { api, background, chosenOutcome, failed, notice, s, session, t, ui } from './shell';

async function send(text: string): Promise<boolean> {
  const id = session.current;
  if (!id) return false;
  ui.sendError.textContent = '';
  try {
    const sent = await api.send(id, text);
    await fetchMessages(id);
    if (sent.delivery === 'when-citizen-writes') ui.sendError.textContent = t('deliveredLater');
    return true;
  } catch (err) {
    const unreachable: Record<string, 'unreachableStop' | 'unreachableWindow' | 'unreachableGone'> = {
      CitizenStopped: 'unreachableStop',
      OutsideWindow: 'unreachableWindow',
      CitizenGone: 'unreachableGone',
    };
    if (err instanceof ApiError && err.status === 422 && unreachable[err.code]) {
      ui.sendError.textContent = t(unreachable[err.code]);
      ui.input.value = text;
    } else if (err instanceof ApiError && (err.status === 409 || err.status === 404)) {
      drop(id, t('leaseLost'));
      background(refreshQueue());
    } else if (!(err instanceof ApiError && err.status === 401)) ui.sendError.textContent = t('sendFailed');
    return false;
  }
}

ui.sendForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = ui.input.value.trim();
  if (!text) {
    ui.sendError.textContent = t('empty');
    ui.input.focus();
    return;
  }
  ui.input.value = '';
  showHints();
  background(send(text).then((ok) => {
    if (!ok && !ui.input.value) ui.input.value = text;
  }));
});
ui.release.addEventListener('click', async () => {
  const id = session.current;
  if (!id) return;
  ui.release.disabled = true;
  try {
    await api.release(id);
    drop(id);
    notice(t('released'));
    ui.queueTitle.focus();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 404)) drop(id, t('leaseLost'));
    else failed(err);
  } finally {
    ui.release.disabled = false;
    background(refreshQueue());
  }
});

ui.finish.addEventListener('click', () => {
  show(ui.closeForm, true);
  ui.closeError.textContent = '';
  ui.closeForm.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
});
ui.closeCancel.addEventListener('click', () => {
  show(ui.closeForm, false);
  ui.finish.focus();
});

ui.closeForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = session.current;
  if (!id) return;
  const outcome = chosenOutcome(ui.closeForm);
  if (!outcome) {
    ui.closeError.textContent = t('chooseOutcome');
    ui.closeForm.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
    return;
  }
  const submit = ui.closeForm.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (submit) submit.disabled = true;
  try {
    await api.close(id, outcome, ui.note.value.trim() || undefined);
    for (const r of Array.from(ui.closeForm.querySelectorAll<HTMLInputElement>('input[type="radio"]'))) r.checked = false;
    drop(id);
    notice(`${t('closed')} (${outcomeLabel(outcome, s)})`);
    ui.queueTitle.focus();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 409 || err.status === 404)) drop(id, t('leaseLost'));
    else if (err instanceof ApiError && err.status === 400) ui.closeError.textContent = err.message;
    else failed(err);
  } finally {
    if (submit) submit.disabled = false;
    background(refreshQueue());
  }
});
