/// <reference lib="dom" />
/**
 * The mediator's open conversations (src/mediator/console/main.ts): their list ("Mes conversations", unread
 * badges) and the pane of the one open — the conversation with the bot before the handoff, every message since
 * (fetched as they come, read or not), rebuilt after a reload from GET /handoffs/:id, and the conversation tools.
 */
import { ApiError } from './api';
import { ClosedConversations } from './closed';
import { h, show } from './dom';
import { channelLabel, handoffTitle, localeLabel, mergeMessages, nextIndex, stepLabel, type HandoffView } from './format';
import { audioPlayer, photoThumbnail } from './media';
import { stamp } from './time';
import { ConversationTools } from './tools';
import { picker, showHints, typingWatch } from './composer';
import { OPEN_KEY, alertText, api, background, beeper, cfg, consoleLocale, mine, notice, refresh, remember, s, session, t, tab, ui, type Conversation } from './shell';

const tools = new ConversationTools(api, t, consoleLocale, document.querySelector<HTMLElement>('#pc-chat-body > .pc-quick')!, (id) => {
  drop(id, t('transferred'));
  background(refresh.queue());
}, s);
new ClosedConversations(api, t, s, consoleLocale, document.getElementById('pc-queue')!);
/** Index of the last message shown in the chat pane. */
let shownUpTo = -1;

export function meta(hv: HandoffView, withPosition: boolean): string {
  return [withPosition && hv.position ? t('position', { n: hv.position }) : '', stepLabel(hv, s), channelLabel(hv.channel, s), localeLabel(hv.locale, s)]
    .filter(Boolean)
    .join(' · ');
}

export function renderMine(): void {
  ui.mine.replaceChildren(
    ...[...mine.values()].map((c) => {
      const title = handoffTitle(c.h, s);
      const open = h('button', { type: 'button', class: 'pc-secondary', 'aria-label': t('openLabel', { title }) }, t('open'));
      open.addEventListener('click', () => openConversation(c.h.id, true));
      return h(
        'li',
        { class: `pc-item${c.h.id === session.current ? ' pc-current' : ''}`, 'data-id': c.h.id },
        h('p', { class: 'pc-item-title' }, title, c.unread ? h('span', { class: 'pc-badge' }, t('unread')) : null),
        h('p', { class: 'pc-meta' }, meta(c.h, false)),
        h('p', {}, c.h.summary),
        c.h.id === session.current ? null : open,
      );
    }),
  );
  show(ui.mineEmpty, mine.size === 0);
}

function who(from: string): string {
  return from === 'citizen' ? t('citizen') : from === 'mediator' ? t('you') : t('bot');
}

/**
 * A conversation of mine found after a reload (or claimed in another tab): its transcript and every message so
 * far from GET /handoffs/:id, shown as already read — the "Nouveau message" notices of before do not come back.
 * Reopened when it was the one open in this tab.
 */
export async function restore(id: string): Promise<void> {
  try {
    const r = await api.handoff(id);
    const c = mine.get(id);
    if (!c) return;
    c.transcript = r.transcript ?? [];
    c.messages = mergeMessages(c.messages, r.messages ?? []);
    c.restored = true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return drop(id, t('leaseLost'));
    const c = mine.get(id);
    if (!c) return;
    // Without it: the messages alone (already read), and "Historique non affiché" for the transcript.
    c.restored = true;
    await fetchMessages(id, true);
  }
  if (session.current === id) openConversation(id, false);
  else if (session.current === null && tab()?.getItem(OPEN_KEY) === id) openConversation(id, false);
  // Anything that arrived while this was loading.
  await fetchMessages(id);
}

export function renderChatHeader(c: Conversation): void {
  ui.chatTitle.textContent = t('chatWith', { title: handoffTitle(c.h, s) });
  ui.chatMeta.textContent = meta(c.h, false);
  ui.chatStep.textContent = c.h.summary;
}

function appendMessages(c: Conversation): void {
  for (const m of c.messages) {
    if (m.index <= shownUpTo) continue;
    const bot = m.from !== 'citizen' && m.from !== 'mediator';
    // What the bot told the citizen during the handoff: marked as the bot's, never as the person's.
    ui.messages.append(
      h('div', { class: `pc-msg pc-from-${bot ? 'bot' : m.from}` }, h('span', { class: 'pc-who' }, bot ? t('botLine') : who(m.from)), stamp(m.at, cfg.locale), m.photo ? photoThumbnail(m.photo.url, t) : null, m.audio ? audioPlayer(m.audio.url, t) : null, m.text ? h('p', {}, m.text) : null),
    );
    shownUpTo = m.index;
  }
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

export function openConversation(id: string, focus: boolean): void {
  const c = mine.get(id);
  if (!c) return;
  tools.open(id);
  session.current = id;
  remember(OPEN_KEY, id);
  c.unread = 0;
  ui.alert.textContent = '';
  show(ui.chatEmpty, false);
  show(ui.chatBody, true);
  show(ui.closeForm, false);
  ui.closeError.textContent = '';
  ui.sendError.textContent = '';
  renderChatHeader(c);
  background(picker.show(c.h.locale));
  typingWatch.open(id);
  const lines = c.transcript;
  ui.transcript.replaceChildren(
    ...(lines === null
      ? [h('li', {}, t('beforeMissing'))]
      : lines.length === 0
        ? [h('li', {}, t('beforeEmpty'))]
        : lines.map((l) => h('li', {}, h('span', { class: 'pc-who' }, who(l.from)), stamp(l.at, cfg.locale), ' ', l.text))),
  );
  ui.transcript.scrollTop = ui.transcript.scrollHeight; // the end: where the person got stuck
  // Shown again as a whole: not read aloud message by message.
  ui.messages.setAttribute('aria-live', 'off');
  ui.messages.replaceChildren();
  shownUpTo = -1;
  appendMessages(c);
  window.setTimeout(() => ui.messages.setAttribute('aria-live', 'polite'), 300);
  renderMine();
  if (focus) ui.chatTitle.focus();
}

export function closePane(): void {
  tools.close();
  session.current = null;
  typingWatch.close();
  remember(OPEN_KEY, null);
  shownUpTo = -1;
  show(ui.chatBody, false);
  show(ui.chatEmpty, true);
  ui.chatTitle.textContent = t('chatTitle');
  ui.messages.replaceChildren();
  ui.transcript.replaceChildren();
  ui.chatMeta.textContent = '';
  ui.chatStep.textContent = '';
  ui.input.value = '';
  ui.note.value = '';
  showHints();
}

/** When each conversation left this console (performance.now()): a queue answer asked for before does not bring it back. */
export const droppedAt = new Map<string, number>();

/** A conversation that is no longer ours (or is done): out of the list and the pane. */
export function drop(id: string, message?: string): void {
  if (!mine.delete(id)) return;
  droppedAt.set(id, performance.now());
  if (session.current === id) {
    closePane();
    if (message) alertText(message);
  }
  renderMine();
}

/** New messages of a conversation; `quiet`: shown as already read (no notice, no beep). */
export function fetchMessages(id: string, quiet = false): Promise<void> {
  const c = mine.get(id);
  // Still being rebuilt after a reload: restore() brings every message, then asks again.
  if (!c || !c.restored) return Promise.resolve();
  if (c.fetching) {
    c.again = true;
    return c.fetching;
  }
  c.fetching = api
    .messages(id, nextIndex(c.messages))
    .then((list) => {
      if (!mine.has(id)) return;
      const before = nextIndex(c.messages);
      c.messages = mergeMessages(c.messages, list);
      const fromCitizen = quiet ? 0 : list.filter((m) => m.index >= before && m.from === 'citizen').length;
      if (session.current === id) {
        appendMessages(c);
        if (fromCitizen) typingWatch.citizenWrote();
        if (fromCitizen && !document.hasFocus()) beeper.beep();
      } else if (fromCitizen) {
        c.unread += fromCitizen;
        notice(t('newMessage', { title: handoffTitle(c.h, s) }));
        beeper.beep();
        renderMine();
      }
    }, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404) drop(id, t('leaseLost'));
      else if (!(err instanceof ApiError && err.status === 401)) throw err;
    })
    .catch(() => undefined) // the next heartbeat round asks again
    .finally(() => {
      c.fetching = null;
      if (c.again) {
        c.again = false;
        background(fetchMessages(id));
      }
    });
  return c.fetching;
}
