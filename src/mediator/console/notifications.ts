/// <reference lib="dom" />
/**
 * How the console calls the mediator's attention (src/mediator/console/main.ts): the alert sound (on or off,
 * remembered; the browser's own block after a reload, with a one-click fix) and desktop notifications when the
 * tab is hidden.
 */
import { SOUND_KEY, beeper, cfg, local, notice, session, t, ui } from './shell';
import { show } from './dom';

/**
 * Sound on, but the browser keeps it off until a click (after a reload): say so, with a one-click fix. When the
 * offer was on screen and the sound starts — by its button, or by any click that resumed the audio first —, the
 * mediator is told once.
 */
export function checkSound(): void {
  const wasOffered = !ui.soundOff.hidden;
  const blocked = session.me !== null && beeper.blocked();
  show(ui.soundOff, blocked);
  if (wasOffered && !blocked && session.me !== null) notice(t('soundEnabled'));
}

ui.soundOn.addEventListener('click', () => {
  askNotifications();
  beeper.enable().then((on) => {
    checkSound();
    if (on) ui.queueTitle.focus();
  }, (err: unknown) => console.warn('pasapas console: sound not allowed', err));
});

const notifications = (): typeof Notification | null => ('Notification' in window ? window.Notification : null);

/** Inside a click (going on duty, turning sound on): ask once whether the console may show desktop notifications. */
export function askNotifications(): void {
  const N = notifications();
  if (N && N.permission === 'default') N.requestPermission().catch((err: unknown) => console.warn('pasapas console: notifications', err));
}

/** A new request while this tab is hidden (another tab or window in front): a desktop notification too. */
export function desktopNotice(summary: string): void {
  const N = notifications();
  if (!N || N.permission !== 'granted' || document.visibilityState !== 'hidden') return;
  try {
    const n = new N(t('notifyTitle'), { body: summary, tag: 'pasapas-new-request', lang: cfg.locale });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch (err) {
    console.warn('pasapas console: notification', err);
  }
}

ui.sound.checked = local()?.getItem(SOUND_KEY) !== 'off';
beeper.muted = !ui.sound.checked;
ui.sound.addEventListener('change', () => {
  beeper.muted = !ui.sound.checked;
  if (ui.sound.checked) beeper.unlock();
  window.setTimeout(checkSound, 50);
  try {
    local()?.setItem(SOUND_KEY, ui.sound.checked ? 'on' : 'off');
  } catch {
    // memory only
  }
});
