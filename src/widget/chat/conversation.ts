/// <reference lib="dom" />
/**
 * The conversation in the chat frame: the transcript and the Direct Line client, what arrives (messages, typing,
 * the bot's language, the unread count for the loader's badge, a conversation that had to start again), and
 * sending the citizen's words.
 */
import { setLocale } from './appearance';
import { DirectLineClient } from './directline';
import { HttpError, type Activity } from './directlineApi';
import { cfg, lasting, locale, notify, store, t, toParent, ui } from './frame';
import { clientId, Outbox, type Outgoing } from './outbox';
import { listen, reader, spoken } from './reading';
import { settle } from './settle';
import { Transcript } from './transcript';
import { typing, working } from './typing';

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

/** The history sent again after a reload: shown, not read aloud. */
let replaying = false;

export const transcript = new Transcript(
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
    say(value);
  },
  linkWords,
  (parts) => spoken(parts, replaying),
  listen,
);

// The conversation's height changes (a notice, the phone's keyboard): the latest reply stays in view.
if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => transcript.scroll()).observe(ui.log);

// Bot messages that arrived while the frame did not have the focus (the loader shows a badge).
let unread = 0;
window.addEventListener('focus', () => {
  if (unread === 0) return;
  unread = 0;
  toParent({ type: 'pasapas:unread', count: 0 });
});

export const client = new DirectLineClient({
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
      // The history is on screen: what a previous page could not send is shown after it, and goes now.
      if (list.some((a) => a.type === 'message')) restoreWaiting(list);
      if (fresh > 0 && !replay && !document.hasFocus()) {
        unread += fresh;
        toParent({ type: 'pasapas:unread', count: unread });
      }
    },
    state(state) {
      // A message waiting for the network says so until it goes (it goes now that the link is back).
      if (outbox.size > 0) {
        if (state === 'online') settle(outbox.flush());
        // Left by the previous page, the network still cut: said, as when they were written.
        else if (state === 'offline' && outbox.restored.length > 0) notify(t('waiting'), true);
        return;
      }
      if (lasting && state !== 'offline') return;
      notify(state === 'online' ? '' : t(state));
    },
    save(session) {
      store.saveSession(session);
    },
    restarted() {
      reader.stop();
      forgetWaiting(); // a new conversation: nothing waiting for the old one goes into it
      transcript.clear();
      typing(false);
      notify(t('restarted'));
    },
  },
});

/** The citizen's bubbles not confirmed yet, by their message's id. */
const bubbles = new Map<string, HTMLElement>();
/** The bot works from the moment a message leaves until its answer (see ./typing.ts). */
const outbox = new Outbox({
  async send(item: Outgoing) {
    const done = working();
    try {
      await client.send(item.text, locale === 'en' ? 'en-US' : 'fr-FR', item.id);
    } finally {
      done();
    }
  },
  waiting(item) {
    bubbles.get(item.id)?.classList.add('pp-waiting');
    notify(t('waiting'), true);
  },
  sent(item, last) {
    bubbles.get(item.id)?.classList.remove('pp-waiting');
    bubbles.delete(item.id);
    // What the notice said (write first, not sent, waiting for the network) is no longer true.
    if (last) notify('');
  },
  refused(items, err) {
    for (const item of items) {
      const node = bubbles.get(item.id);
      if (node) transcript.dropPending(node);
      bubbles.delete(item.id);
    }
    // The answers can be tapped again; written words go back in the box.
    transcript.enableChoices();
    const typed = items.find((i) => i.typed);
    if (typed && !ui.input.value) ui.input.value = typed.text;
    notify(t(err instanceof HttpError && err.status === 429 ? 'tooFast' : 'sendFailed'));
  },
  // Kept with the session (this tab only): a reload while the network is cut loses nothing.
  changed(items) {
    store.saveWaiting(items);
  },
}, store.waiting());

/** Once, when the conversation's history has come: the messages a previous page left, shown and sent in order. */
function restoreWaiting(history: Activity[]): void {
  const left = outbox.restored;
  if (left.length === 0) return;
  // One that reached the server before the reload is in the history already: not shown twice (its re-post, same
  // id, runs nothing again).
  const arrived = new Set(history.map((a) => a.channelData?.clientActivityID));
  transcript.disableChoices();
  for (const item of left) if (!bubbles.has(item.id) && !arrived.has(item.id)) bubbles.set(item.id, transcript.addPending(item.text, item.id));
  outbox.release();
}

/** The network is back (the browser says so): what waits goes now. */
export function sendWaiting(): void {
  if (outbox.size > 0) settle(outbox.flush());
}

/** The conversation was erased: nothing of it is sent any more. */
export function forgetWaiting(): void {
  outbox.clear();
  bubbles.clear();
}

/** Send the citizen's words (`typed`) or a tapped answer: shown at once, sent as soon as the network allows. */
export function say(text: string, typed = false): void {
  reader.stop();
  transcript.disableChoices();
  const id = clientId();
  bubbles.set(id, transcript.addPending(text, id));
  outbox.add({ text, typed, id });
}
