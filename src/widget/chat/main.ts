/// <reference lib="dom" />
/**
 * The chat frame (GET /chat): wires the page rendered by src/widget/pages.ts to the Direct Line
 * client. Embedded in the loader's iframe, or full page (links sent by SMS).
 */
import { CONFIG_ELEMENT_ID, type ChatConfig, type ParentMessage } from './config';
import { safeColor, textColorOn } from './contrast';
import { DirectLineClient } from './directline';
import { HttpError, type Activity } from './directlineApi';
import { browserStorage, Persisted } from './session';
import { settle } from './settle';
import { Reader } from './speech';
import { format, type WidgetLocale, type WidgetStringKey } from './strings';
import { Transcript } from './transcript';

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];
const TEXT_SIZES = [100, 115, 130, 150, 175, 200];
const TYPING_MAX_MS = 20_000;
/** A mediator's typing shows this long after their last signal (they send one every few seconds while typing). */
const MEDIATOR_TYPING_MS = 6_000;
/** The citizen's own typing is signalled at most this often (the mediator's console shows "La personne écrit…"). */
const CITIZEN_TYPING_EVERY_MS = 5_000;
const FLOW_BELOW_EM = 34;

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const cfg = JSON.parse(byId(CONFIG_ELEMENT_ID).textContent ?? '{}') as ChatConfig;
// The conversation lives in this tab only (sessionStorage); the text size is remembered (localStorage).
const store = new Persisted(browserStorage('session'), `pasapas:${cfg.territory.id}`, browserStorage('local'));
store.dropLegacySession();
const root = document.documentElement;
let locale: WidgetLocale = cfg.locale === 'en' ? 'en' : 'fr';

function t(key: WidgetStringKey, vars?: Record<string, string | number>): string {
  return format(cfg.strings[locale]?.[key] ?? cfg.strings.fr?.[key] ?? key, vars);
}

/** (Re)apply the UI strings: data-t → text, data-t-label → aria-label. */
function applyStrings(): void {
  root.lang = locale;
  document.title = t('pageTitle', { name: cfg.territory.name });
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-t]'))) e.textContent = t(e.dataset.t as WidgetStringKey);
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-t-label]'))) {
    e.setAttribute('aria-label', t(e.dataset.tLabel as WidgetStringKey));
  }
  ui.lang.lang = locale === 'fr' ? 'en' : 'fr';
  voices();
}

function setLocale(next: WidgetLocale): void {
  if (next === locale) return;
  locale = next;
  applyStrings();
  fitHeader();
}

const ui = {
  log: byId<HTMLElement>('pp-log'),
  typing: byId<HTMLElement>('pp-typing'),
  notice: byId<HTMLElement>('pp-notice'),
  form: byId<HTMLFormElement>('pp-form'),
  input: byId<HTMLInputElement>('pp-input'),
  photo: byId<HTMLButtonElement>('pp-photo'),
  file: byId<HTMLInputElement>('pp-file'),
  lang: byId<HTMLButtonElement>('pp-lang'),
  mediator: byId<HTMLButtonElement>('pp-mediator'),
  smaller: byId<HTMLButtonElement>('pp-smaller'),
  bigger: byId<HTMLButtonElement>('pp-bigger'),
  close: document.getElementById('pp-close') as HTMLButtonElement | null,
  bar: document.querySelector('.pp-bar') as HTMLElement,
  menu: byId<HTMLButtonElement>('pp-menu'),
  menuPanel: byId<HTMLElement>('pp-menu-panel'),
  end: byId<HTMLButtonElement>('pp-end'),
  confirm: byId<HTMLElement>('pp-confirm'),
  endYes: byId<HTMLButtonElement>('pp-end-yes'),
  endNo: byId<HTMLButtonElement>('pp-end-no'),
  readAll: byId<HTMLButtonElement>('pp-readall'),
};

// Reading aloud: "Écouter" on each bot message, "Tout lire à voix haute" in the menu; shown only when the browser
// has a local voice in the conversation's language (.pp-voice). Reading stops when the citizen sends or closes.
let readAll = store.readAloud();
let lastSpoken: string[] = [];
const reader = new Reader(undefined, () => voices());
function voices(): void {
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

// Territory colour, and black or white text on it (contrast ≥ 4.5:1).
const colour = safeColor(cfg.territory.primaryColor);
root.style.setProperty('--pp-c', colour);
root.style.setProperty('--pp-t', textColorOn(colour));

// Text size (A-/A+), kept across visits.
let size = Math.min(TEXT_SIZES.length - 1, Math.max(0, store.textSize()));
/** Too little height for the text size: let the whole page scroll (see .pp-flow in chat.css). */
function reflow(): void {
  root.classList.toggle('pp-flow', window.innerHeight / (parseFloat(getComputedStyle(root).fontSize) || 16) < FLOW_BELOW_EM);
}
/**
 * One header row whatever the screen and the text size: when the buttons' words do not fit, only their
 * icons show (their words stay their accessible names), "Conseiller" last.
 */
function fitHeader(): void {
  const title = ui.bar.querySelector('.pp-title') as HTMLElement;
  const em = parseFloat(getComputedStyle(ui.bar).fontSize) || 16;
  // Too narrow: the buttons overflow the row, or leave the territory's name less than 5 characters or so.
  const tight = () => ui.bar.scrollWidth > ui.bar.clientWidth + 1 || title.getBoundingClientRect().width < 3 * em;
  root.classList.remove('pp-compact', 'pp-tiny');
  // First "Réglages" and "Fermer" show only their icons, then "Conseiller" too.
  if (tight()) root.classList.add('pp-compact');
  if (tight()) root.classList.add('pp-tiny');
}
function applySize(): void {
  root.style.fontSize = `${TEXT_SIZES[size]}%`;
  reflow();
  fitHeader();
  ui.smaller.setAttribute('aria-disabled', String(size === 0));
  ui.bigger.setAttribute('aria-disabled', String(size === TEXT_SIZES.length - 1));
}
function resize(delta: number): void {
  size = Math.min(TEXT_SIZES.length - 1, Math.max(0, size + delta));
  store.saveTextSize(size);
  applySize();
  // Bigger or smaller text moves everything: the latest question and its answers stay in view.
  transcript.scroll();
}

// The menu (language, text size, "Terminer et effacer"): a disclosure button under the header's row.
function showMenu(on: boolean, focusButton = false): void {
  ui.menuPanel.hidden = !on;
  ui.menu.setAttribute('aria-expanded', String(on));
  if (focusButton) ui.menu.focus();
}
ui.menu.addEventListener('click', () => showMenu(ui.menuPanel.hidden !== false));
ui.smaller.addEventListener('click', () => resize(-1));
ui.bigger.addEventListener('click', () => resize(1));

/** A notice the link's state must not wipe (connecting → online) until the citizen writes again. */
let lasting = false;
function notify(text: string, keep = false): void {
  ui.notice.textContent = text;
  lasting = keep;
}

function toParent(msg: ParentMessage): void {
  if (cfg.parentOrigin && window.parent !== window) window.parent.postMessage(msg, cfg.parentOrigin);
}

let typingTimer: ReturnType<typeof setTimeout> | undefined;
/** The bot (or, `mediator`, the mediator of a handoff: for a few seconds after each signal, as Web Chat does) is typing. */
function typing(on: boolean, mediator = false): void {
  clearTimeout(typingTimer);
  ui.typing.textContent = on ? t(mediator ? 'mediatorTyping' : 'typing') : '';
  if (on) typingTimer = setTimeout(() => typing(false), mediator ? MEDIATOR_TYPING_MS : TYPING_MAX_MS);
}

/**
 * The bot works from the moment a message or photo leaves until its answer, or the end of the last request
 * (the server streams its own typing indicator only for slow turns). Returns "finished".
 */
let inFlight = 0;
function working(): () => void {
  inFlight += 1;
  typing(true);
  return () => {
    inFlight -= 1;
    if (inFlight === 0) typing(false);
  };
}

/** The privacy page's link reads "Vos droits et vos données", not its address. */
function linkWords(href: string): string | undefined {
  try {
    const u = new URL(href);
    const own = u.origin === location.origin && /\/confidentialite$/.test(u.pathname);
    return own || (cfg.privacyUrl && href === new URL(cfg.privacyUrl, location.href).href) ? t('privacyLink') : undefined;
  } catch {
    return undefined;
  }
}

const transcript = new Transcript(
  ui.log,
  () => ({
    bot: t('bot'),
    you: t('you'),
    choices: t('choices'),
    newWindow: t('newWindow'),
    photoSent: t('photoSent'),
    listen: t('listen'),
    listenLabel: t('listenLabel'),
    speakChoices: t('speakChoices'),
    speakChoice: t('speakChoice'),
  }),
  (value, button) => {
    transcript.disableChoices(button);
    ui.log.focus(); // the clicked button is now disabled: keep the focus in the conversation
    settle(say(value));
  },
  linkWords,
  (parts) => {
    lastSpoken = parts;
    if (readAll && !replaying) reader.read(parts, locale);
  },
  (parts, button) => {
    const again = reader.reading(button);
    reader.stop();
    if (!again) reader.read(parts, locale, button); // a second press stops
  },
);

/** The history sent again after a reload: shown, not read aloud. */
let replaying = false;

// Bot messages that arrived while the frame did not have the focus (the loader shows a badge).
let unread = 0;
window.addEventListener('focus', () => {
  if (unread === 0) return;
  unread = 0;
  toParent({ type: 'pasapas:unread', count: 0 });
});

const client = new DirectLineClient({
  apiBase: cfg.apiBase,
  territory: cfg.territory.id,
  saved: store.session(),
  hooks: {
    activities(list: Activity[], replay: boolean) {
      // The history sent again after a reload is not read aloud message by message.
      if (replay) ui.log.setAttribute('aria-live', 'off');
      let fresh = 0;
      replaying = replay;
      for (const a of list) {
        const fromCitizen = a.from?.role === 'user' || a.from?.id === client.userId;
        if (a.type === 'typing' && !fromCitizen) typing(true, a.from?.role === 'mediator');
        if (a.type !== 'message') continue;
        if (!fromCitizen) {
          typing(false);
          if (a.locale) setLocale(/^en/i.test(a.locale) ? 'en' : 'fr');
        }
        if (transcript.add(a, client.userId)) fresh++;
      }
      replaying = false;
      if (replay) setTimeout(() => ui.log.setAttribute('aria-live', 'polite'), 500);
      if (fresh > 0 && !replay && !document.hasFocus()) {
        unread += fresh;
        toParent({ type: 'pasapas:unread', count: unread });
      }
    },
    state(state) {
      if (lasting && state !== 'offline') return;
      notify(state === 'online' ? '' : t(state));
    },
    save(session) {
      store.saveSession(session);
    },
    restarted() {
      reader.stop();
      transcript.clear();
      typing(false);
      notify(t('restarted'));
    },
  },
});

async function say(text: string): Promise<boolean> {
  reader.stop();
  const bubble = transcript.addPending(text);
  transcript.disableChoices();
  const done = working();
  try {
    await client.send(text, locale === 'en' ? 'en-US' : 'fr-FR');
    if (lasting) notify('');
    return true;
  } catch (err) {
    transcript.dropPending(bubble);
    notify(t(err instanceof HttpError && err.status === 429 ? 'tooFast' : 'sendFailed'));
    return false;
  } finally {
    done();
  }
}

let typingSentAt = 0;
ui.input.addEventListener('input', () => {
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
  settle(
    say(text).then((ok) => {
      if (!ok && !ui.input.value) ui.input.value = text;
    }),
  );
});

ui.mediator.addEventListener('click', () => settle(say(t('mediatorCommand'))));
ui.lang.addEventListener('click', () => {
  settle(say(t('switchCommand')));
  setLocale(locale === 'fr' ? 'en' : 'fr');
  showMenu(false, true);
  fitHeader();
});

/** What to tell the citizen when a photo was refused. */
function photoProblem(err: unknown): WidgetStringKey {
  const status = err instanceof HttpError ? err.status : 0;
  const code = err instanceof HttpError ? err.code : '';
  if (status === 413) return 'photoTooBig';
  if (status === 415) return 'photoBadType';
  if (code === 'PhotoQuotaExceeded') return 'photoLimit';
  if (status === 429) return 'tooFast';
  if (code === 'PhotosPaused') return 'photoLater';
  return 'photoFailed';
}

ui.photo.addEventListener('click', () => ui.file.click());
ui.file.addEventListener('change', () => {
  const f = ui.file.files?.[0];
  ui.file.value = '';
  if (!f) return;
  if (!PHOTO_TYPES.includes(f.type)) return notify(t('photoBadType'));
  if (f.size > MAX_PHOTO_BYTES) return notify(t('photoTooBig'));
  reader.stop();
  notify(t('photoSending'));
  const done = working();
  settle(
    client
      .upload(f, f.name)
      .then(
        () => notify(''),
        (err: unknown) => notify(t(photoProblem(err))),
      )
      .finally(done),
  );
});

// "Terminer et effacer": asked once more, then the conversation is erased on the server and forgotten
// here, and a new one starts (a shared computer: the next person finds nothing).
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
          typing(false);
          inFlight = 0;
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
  if (document.visibilityState === 'visible') client.wake();
});
window.addEventListener('online', () => client.wake());
window.addEventListener('resize', () => {
  reflow();
  fitHeader();
});

applyStrings();
applySize();
client.start();
