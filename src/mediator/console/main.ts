/// <reference lib="dom" />
/**
 * The mediator console (GET /mediator/): wires the page rendered by src/mediator/pages.ts to the
 * mediator API (docs/mediator-api.md). Login; presence; the live queue (Server-Sent Events, a
 * visible and audible notice for each new person waiting); claim, chat, release, close with an
 * outcome; callbacks; a heartbeat every 20 s for each open conversation; logout after inactivity
 * (shared office computers). Everything a citizen wrote is shown as text (see dom.ts).
 */
import { ApiError, MediatorApi, type CallbackView, type Me, type TranscriptLine } from './api';
import { Beeper } from './beep';
import { ConversationTools } from './tools';
import { ClosedConversations } from './closed';
import { CONSOLE_CONFIG_ID, type ConsoleConfig, type ConsoleStringKey } from './config';
import { byId, h, show } from './dom';
import {
  OUTCOMES,
  channelLabel,
  format,
  formatParis,
  formatWaiting,
  handoffTitle,
  localeLabel,
  mergeMessages,
  nextIndex,
  outcomeLabel,
  retryMinutes,
  stepLabel,
  summaryLine,
  telHref,
  type HandoffView,
  type MessageView,
  type Outcome,
} from './format';
import { audioPlayer, photoThumbnail } from './media';
import { IdleWatch } from './idle';
import { showFigures } from './figures';
import { ReplyPicker, RepliesEditor, watchHints } from './replies';
import { stamp } from './time';
import { TypingWatch } from './typing';

const HEARTBEAT_MS = 20_000;
const MINUTE_MS = 60_000;
const POLL_MS = 30_000;
const SSE_RETRY_MS = 5_000;
const TERRITORY_KEY = 'pasapas:mediator:territory';
const SOUND_KEY = 'pasapas:mediator:sound';
/** The conversation open in this tab (sessionStorage), opened again after a reload. */
const OPEN_KEY = 'pasapas:mediator:open';

const cfg = JSON.parse(byId(CONSOLE_CONFIG_ID).textContent ?? '{}') as ConsoleConfig;
const s = cfg.strings;
const t = (key: ConsoleStringKey, vars?: Record<string, string | number>) => format(s[key] ?? key, vars);

const ui = {
  bar: byId('pc-bar'),
  identity: byId('pc-identity'),
  report: byId<HTMLAnchorElement>('pc-report'),
  on: byId<HTMLInputElement>('pc-on'),
  off: byId<HTMLInputElement>('pc-off'),
  sound: byId<HTMLInputElement>('pc-sound'),
  soundOff: byId('pc-sound-off'),
  soundOn: byId<HTMLButtonElement>('pc-sound-on'),
  logout: byId<HTMLButtonElement>('pc-logout'),
  notice: byId('pc-notice'),
  alert: byId('pc-alert'),
  login: byId('pc-login'),
  loginForm: byId<HTMLFormElement>('pc-login-form'),
  loginStatus: byId('pc-login-status'),
  loginError: byId('pc-login-error'),
  loginSubmit: byId<HTMLButtonElement>('pc-login-submit'),
  territory: byId<HTMLInputElement>('pc-territory'),
  username: byId<HTMLInputElement>('pc-username'),
  password: byId<HTMLInputElement>('pc-password'),
  work: byId('pc-work'),
  queueTitle: byId('pc-queue-title'),
  mine: byId('pc-mine'),
  mineEmpty: byId('pc-mine-empty'),
  waiting: byId('pc-waiting'),
  waitingEmpty: byId('pc-waiting-empty'),
  waitingCount: byId('pc-waiting-count'),
  callbacks: byId('pc-callbacks'),
  callbacksEmpty: byId('pc-callbacks-empty'),
  chatTitle: byId('pc-chat-title'),
  chatEmpty: byId('pc-chat-empty'),
  chatBody: byId('pc-chat-body'),
  chatMeta: byId('pc-chat-meta'),
  chatStep: byId('pc-chat-step'),
  transcript: byId('pc-transcript'),
  messages: byId('pc-messages'),
  sendForm: byId<HTMLFormElement>('pc-send-form'),
  input: byId<HTMLTextAreaElement>('pc-input'),
  sendError: byId('pc-send-error'),
  quick: byId('pc-quick'),
  release: byId<HTMLButtonElement>('pc-release'),
  finish: byId<HTMLButtonElement>('pc-finish'),
  closeForm: byId<HTMLFormElement>('pc-close-form'),
  note: byId<HTMLTextAreaElement>('pc-note'),
  closeError: byId('pc-close-error'),
  closeCancel: byId<HTMLButtonElement>('pc-close-cancel'),
  idle: byId('pc-idle'),
  idleText: byId('pc-idle-text'),
  stay: byId<HTMLButtonElement>('pc-stay'),
  figures: byId('pc-figures'),
  figuresList: byId('pc-figures-list'),
  figuresRefresh: byId<HTMLButtonElement>('pc-figures-refresh'),
  falc: byId('pc-input-falc'),
  repliesEdit: byId<HTMLDetailsElement>('pc-replies-edit'),
  repliesEditor: byId('pc-replies-editor'),
  typing: byId('pc-typing'),
};

function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function tab(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function remember(key: string, value: string | null): void {
  try {
    if (value === null) tab()?.removeItem(key);
    else tab()?.setItem(key, value);
  } catch {
    // not remembered: a reload shows the list only
  }
}

/**
 * An open conversation of this mediator. After a reload it is rebuilt from GET /handoffs/:id (`restored` false
 * until then); `transcript` stays null only when that failed.
 */
interface Conversation {
  h: HandoffView;
  transcript: TranscriptLine[] | null;
  messages: MessageView[];
  restored: boolean;
  unread: number;
  /** Epoch of the claim, so a queue answer older than it does not drop it. */
  epoch: number;
  fetching: Promise<void> | null;
  again: boolean;
}

const api = new MediatorApi();
const tools = new ConversationTools(api, t, cfg.locale === 'en' ? 'en' : 'fr', document.querySelector<HTMLElement>('#pc-chat-body > .pc-actions')!, (id) => {
  drop(id, t('transferred'));
  background(refreshQueue());
}, s);
new ClosedConversations(api, t, s, cfg.locale === 'en' ? 'en' : 'fr', document.getElementById('pc-queue')!);
const beeper = new Beeper();
let me: Me | null = null;
let waiting: HandoffView[] = [];
const seen = new Set<string>();
let firstQueue = true;
const mine = new Map<string, Conversation>();
let current: string | null = null;
/** Index of the last message shown in the chat pane. */
let shownUpTo = -1;
let callbacks: CallbackView[] = [];
let epoch = 0;
let events: EventSource | null = null;
let timers: number[] = [];
let sseRetry: number | undefined;

// ---------------------------------------------------------------- notices

function notice(text: string): void {
  ui.notice.textContent = text;
}

function alertText(text: string): void {
  ui.alert.textContent = '';
  // A fresh node, so the same text is announced again.
  window.setTimeout(() => (ui.alert.textContent = text), 30);
}

/** Work started without waiting for it: a failure is logged, never left as an unhandled rejection. */
function background(work: Promise<unknown>): void {
  work.catch((err: unknown) => console.error('pasapas console:', err));
}

function failed(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) return; // handled by onUnauthorized
  alertText(err instanceof ApiError && err.status === 0 ? t('offline') : t('error'));
}

// ---------------------------------------------------------------- queue

/** The server's clock minus this computer's (waits are measured against the server's times). */
let clockSkew = 0;
const serverNow = () => Date.now() + clockSkew;

function waitingSpan(since: number): HTMLElement {
  return h('span', { 'data-since': since }, t('waitingFor', { time: formatWaiting(serverNow() - since, s) }));
}

function tickWaiting(): void {
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-since]'))) {
    e.textContent = t('waitingFor', { time: formatWaiting(serverNow() - Number(e.dataset.since), s) });
  }
}

function meta(hv: HandoffView, withPosition: boolean): string {
  return [withPosition && hv.position ? t('position', { n: hv.position }) : '', stepLabel(hv, s), channelLabel(hv.channel, s), localeLabel(hv.locale, s)]
    .filter(Boolean)
    .join(' · ');
}

function renderQueue(): void {
  ui.waiting.replaceChildren(
    ...waiting.map((hv) => {
      // At capacity (set by a coordinator) a claim would be refused: nothing to take, and why.
      const take = h('button', { type: 'button', disabled: atCapacity, 'aria-label': t('takeLabel', { n: hv.position ?? '' }), title: atCapacity ? t('atCapacity') : undefined }, t('take'));
      take.addEventListener('click', () => background(claim(hv.id, take)));
      return h(
        'li',
        { class: 'pc-item', 'data-id': hv.id },
        h('p', { class: 'pc-item-title' }, handoffTitle(hv, s)),
        h('p', { class: 'pc-meta' }, meta(hv, true)),
        h('p', {}, hv.summary),
        h('p', { class: 'pc-wait' }, waitingSpan(hv.waitingSince)),
        take,
      );
    }),
  );
  show(ui.waitingEmpty, waiting.length === 0);
  ui.waitingCount.textContent = waiting.length ? `(${t('waitingCount', { n: waiting.length })})` : '';
  document.title = waiting.length ? `(${waiting.length}) ${s.pageTitle}` : s.pageTitle;
  renderMine();
}

function renderMine(): void {
  ui.mine.replaceChildren(
    ...[...mine.values()].map((c) => {
      const title = handoffTitle(c.h, s);
      const open = h('button', { type: 'button', class: 'pc-secondary', 'aria-label': t('openLabel', { title }) }, t('open'));
      open.addEventListener('click', () => openConversation(c.h.id, true));
      return h(
        'li',
        { class: `pc-item${c.h.id === current ? ' pc-current' : ''}`, 'data-id': c.h.id },
        h('p', { class: 'pc-item-title' }, title, c.unread ? h('span', { class: 'pc-badge' }, t('unread')) : null),
        h('p', { class: 'pc-meta' }, meta(c.h, false)),
        h('p', {}, c.h.summary),
        c.h.id === current ? null : open,
      );
    }),
  );
  show(ui.mineEmpty, mine.size === 0);
}

let queueBusy: Promise<void> | null = null;
/** GET /queue's atCapacity: this mediator holds as many conversations as their capacity allows. */
let atCapacity = false;
let queueAgain = false;

/** GET /queue; concurrent calls are folded into one more call. */
function refreshQueue(): Promise<void> {
  if (queueBusy) {
    queueAgain = true;
    return queueBusy;
  }
  const started = ++epoch;
  queueBusy = api
    .queue()
    .then((q) => {
      if (typeof q.now === 'number') clockSkew = q.now - Date.now();
      atCapacity = q.atCapacity === true;
      applyQueue(q.waiting ?? [], q.mine ?? [], started);
    }, failed)
    .finally(() => {
      queueBusy = null;
      if (queueAgain) {
        queueAgain = false;
        background(refreshQueue());
      }
    });
  return queueBusy;
}

function applyQueue(list: HandoffView[], mineList: HandoffView[], started: number): void {
  if (!me) return;
  const fresh = list.filter((hv) => !seen.has(hv.id) && !mine.has(hv.id));
  for (const hv of list) seen.add(hv.id);
  waiting = list;
  if (!firstQueue && fresh.length > 0) {
    const summary = fresh.map((hv) => summaryLine(hv, s)).join(' ; ');
    notice(t('newHandoff', { summary }));
    beeper.beep();
    desktopNotice(summary);
  }
  firstQueue = false;
  // Conversations the server no longer counts as mine (lease expired, closed elsewhere).
  for (const c of [...mine.values()]) {
    const id = c.h.id;
    if (c.epoch < started && !mineList.some((hv) => hv.id === id)) drop(id, t('leaseLost'));
  }
  for (const hv of mineList) {
    const c = mine.get(hv.id);
    if (c) c.h = hv;
    else {
      mine.set(hv.id, { h: hv, transcript: null, messages: [], restored: false, unread: 0, epoch: started, fetching: null, again: false });
      background(restore(hv.id));
    }
  }
  renderQueue();
  if (current && mine.has(current)) renderChatHeader(mine.get(current)!);
}

async function claim(id: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const r = await api.claim(id);
    mine.set(r.handoff.id, { h: r.handoff, transcript: r.transcript ?? [], messages: mergeMessages([], r.messages ?? []), restored: true, unread: 0, epoch: ++epoch, fetching: null, again: false });
    waiting = waiting.filter((hv) => hv.id !== id);
    renderQueue();
    openConversation(r.handoff.id, true);
    background(refreshQueue());
  } catch (err) {
    button.disabled = false;
    if (err instanceof ApiError && err.status === 409 && err.code === 'AlreadyClaimed') alertText(t('alreadyTaken'));
    else if (err instanceof ApiError && err.status === 409 && err.code === 'AtCapacity') alertText(t('atCapacity'));
    else if (err instanceof ApiError && (err.status === 404 || err.status === 409)) alertText(t('gone'));
    else failed(err);
    background(refreshQueue());
  }
}

// ---------------------------------------------------------------- chat

function who(from: string): string {
  return from === 'citizen' ? t('citizen') : from === 'mediator' ? t('you') : t('bot');
}

/**
 * A conversation of mine found after a reload (or claimed in another tab): its transcript and every message so
 * far from GET /handoffs/:id, shown as already read — the "Nouveau message" notices of before do not come back.
 * Reopened when it was the one open in this tab.
 */
async function restore(id: string): Promise<void> {
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
  if (current === id) openConversation(id, false);
  else if (current === null && tab()?.getItem(OPEN_KEY) === id) openConversation(id, false);
  // Anything that arrived while this was loading.
  await fetchMessages(id);
}

function renderChatHeader(c: Conversation): void {
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

function openConversation(id: string, focus: boolean): void {
  const c = mine.get(id);
  if (!c) return;
  tools.open(id);
  current = id;
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

function closePane(): void {
  tools.close();
  current = null;
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

/** A conversation that is no longer ours (or is done): out of the list and the pane. */
function drop(id: string, message?: string): void {
  if (!mine.delete(id)) return;
  if (current === id) {
    closePane();
    if (message) alertText(message);
  }
  renderMine();
}

/** New messages of a conversation; `quiet`: shown as already read (no notice, no beep). */
function fetchMessages(id: string, quiet = false): Promise<void> {
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
      if (current === id) {
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

async function send(text: string): Promise<boolean> {
  const id = current;
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
ui.input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    ui.sendForm.requestSubmit();
  }
});

// The team's replies: a click puts one in the message box, to edit; the mediator sends it. Easy-to-read hints as they type.
const picker = new ReplyPicker({ api, group: ui.quick, input: ui.input, t });
const editor = new RepliesEditor({ api, details: ui.repliesEdit, body: ui.repliesEditor, t, onSaved: (locale) => picker.changed(locale) });
const showHints = watchHints(ui.input, ui.falc, t);
const typingWatch = new TypingWatch({
  api,
  out: ui.typing,
  input: ui.input,
  current: () => current,
  lastCitizenAt: () => Math.max(0, ...(current ? mine.get(current)?.messages ?? [] : []).filter((m) => m.from === 'citizen').map((m) => m.at)),
  t,
});

ui.release.addEventListener('click', async () => {
  const id = current;
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

function chosenOutcome(scope: ParentNode): Outcome | null {
  const v = scope.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value;
  return v && (OUTCOMES as readonly string[]).includes(v) ? (v as Outcome) : null;
}

ui.closeForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = current;
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

// ---------------------------------------------------------------- callbacks

function renderCallbacks(): void {
  ui.callbacks.replaceChildren(
    ...callbacks.map((cb) => {
      const href = telHref(cb.phone ?? '');
      const phone = href ? h('a', { href }, cb.phone) : h('span', {}, cb.phone ?? '');
      const done = h('button', { type: 'button', class: 'pc-secondary', 'aria-label': t('callbackDoneLabel', { phone: cb.phone ?? '' }), 'aria-expanded': 'false' }, t('callbackDone'));
      const item = h(
        'li',
        { class: 'pc-item', 'data-id': cb.id },
        h('p', { class: 'pc-item-title' }, t('callAt', { when: formatParis(cb.callAt, cfg.locale) })),
        h('p', {}, h('span', { class: 'pc-who' }, t('phone')), phone),
        h('p', { class: 'pc-meta' }, [cb.guideTitle ?? '', stepLabel(cb, s), localeLabel(cb.locale ?? 'fr', s)].filter(Boolean).join(' · ')),
        h('p', {}, cb.summary ?? ''),
        done,
      );
      done.addEventListener('click', () => {
        const existing = item.querySelector('form');
        if (existing) {
          existing.remove();
          done.setAttribute('aria-expanded', 'false');
          return;
        }
        done.setAttribute('aria-expanded', 'true');
        item.append(callbackForm(cb));
        item.querySelector<HTMLInputElement>('input')?.focus();
      });
      return item;
    }),
  );
  show(ui.callbacksEmpty, callbacks.length === 0);
}

function callbackForm(cb: CallbackView): HTMLFormElement {
  const name = `cb-${cb.id}`;
  const error = h('p', { class: 'pc-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'pc-done-form', action: '#', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, t('outcomeLegend')),
      ...OUTCOMES.map((o) => {
        const id = `${name}-${o}`;
        return h('div', { class: 'pc-radio' }, h('input', { type: 'radio', name, id, value: o }), h('label', { for: id }, outcomeLabel(o, s)));
      }),
    ),
    error,
    h('div', { class: 'pc-actions' }, h('button', { type: 'submit' }, t('confirmClose'))),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const outcome = chosenOutcome(form);
    if (!outcome) {
      error.textContent = t('chooseOutcome');
      return;
    }
    try {
      await api.callbackDone(cb.id, outcome);
      callbacks = callbacks.filter((x) => x.id !== cb.id);
      renderCallbacks();
      notice(t('callbackSaved'));
      ui.queueTitle.focus();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) {
        error.textContent = t('gone');
        background(refreshCallbacks());
      } else failed(err);
    }
  });
  return form;
}

function refreshCallbacks(): Promise<void> {
  return api.callbacks().then((list) => {
    if (!me) return;
    // Keep an open "Rappel fait" form when nothing changed.
    const same = list.length === callbacks.length && list.every((cb, i) => cb.id === callbacks[i].id);
    callbacks = list;
    if (!same) renderCallbacks();
  }, failed);
}

// ---------------------------------------------------------------- events, heartbeat, presence

function onEvent(raw: string): void {
  let e: { type?: string; id?: string; mediatorId?: string };
  try {
    e = JSON.parse(raw) as typeof e;
  } catch {
    return;
  }
  if (e.type === 'handoff.message') {
    if (e.id && mine.has(e.id)) background(fetchMessages(e.id));
    return;
  }
  if (e.type === 'handoff.callback_requested' || e.type === 'handoff.callback_done') background(refreshCallbacks());
  if (e.type !== 'handoff.callback_done') background(refreshQueue());
}

function connectEvents(): void {
  events?.close();
  const es = new EventSource('/api/mediator/events');
  events = es;
  es.addEventListener('handoff', (e) => onEvent((e as MessageEvent<string>).data));
  es.addEventListener('message', (e) => onEvent((e as MessageEvent<string>).data));
  es.addEventListener('open', () => {
    if (ui.notice.textContent === t('offline')) notice('');
    // Catch up with whatever happened while away.
    background(refreshQueue());
    background(refreshCallbacks());
  });
  es.addEventListener('error', () => {
    if (events !== es || !me) return;
    notice(t('offline'));
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. 401): check the session, then try again.
      window.clearTimeout(sseRetry);
      sseRetry = window.setTimeout(() => {
        if (!me || events !== es) return;
        api.me().then(() => connectEvents(), failed);
      }, SSE_RETRY_MS);
    }
  });
}

function heartbeats(): void {
  for (const id of [...mine.keys()]) {
    api.heartbeat(id).then(
      () => background(fetchMessages(id)),
      (err: unknown) => {
        if (err instanceof ApiError && (err.status === 409 || err.status === 404)) {
          drop(id, t('leaseLost'));
          background(refreshQueue());
        }
      },
    );
  }
}

async function setPresence(on: boolean): Promise<void> {
  beeper.unlock();
  if (on) askNotifications();
  try {
    const r = await api.presence(on);
    if (me) me.onDuty = r;
    ui.on.checked = r;
    ui.off.checked = !r;
    notice(r ? t('presenceOn') : t('presenceOff'));
  } catch (err) {
    ui.on.checked = !on;
    ui.off.checked = on;
    failed(err);
  }
}
ui.on.addEventListener('change', () => {
  if (ui.on.checked) background(setPresence(true));
});
ui.off.addEventListener('change', () => {
  if (ui.off.checked) background(setPresence(false));
});

/** Presence on the server lasts the idle timeout: renew it while on duty. */
function renewPresence(): void {
  if (me?.onDuty) api.presence(true).catch(() => undefined);
}

// ---------------------------------------------------------------- sound and desktop notifications

/** Sound on, but the browser keeps it off until a click (after a reload): say so, with a one-click fix. */
function checkSound(): void {
  show(ui.soundOff, me !== null && beeper.blocked());
}

ui.soundOn.addEventListener('click', () => {
  askNotifications();
  beeper.enable().then((on) => {
    checkSound();
    if (on) {
      notice(t('soundEnabled'));
      ui.queueTitle.focus();
    }
  }, (err: unknown) => console.warn('pasapas console: sound not allowed', err));
});

const notifications = (): typeof Notification | null => ('Notification' in window ? window.Notification : null);

/** Inside a click (going on duty, turning sound on): ask once whether the console may show desktop notifications. */
function askNotifications(): void {
  const N = notifications();
  if (N && N.permission === 'default') N.requestPermission().catch((err: unknown) => console.warn('pasapas console: notifications', err));
}

/** A new request while this tab is hidden (another tab or window in front): a desktop notification too. */
function desktopNotice(summary: string): void {
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

// ---------------------------------------------------------------- idle timeout

const idle = new IdleWatch(cfg.idleTimeoutSeconds * 1000, {
  warn(seconds) {
    ui.idleText.textContent = t('idleWarning', { seconds });
    show(ui.idle, true);
    ui.stay.focus();
  },
  expire() {
    show(ui.idle, false);
    background(logout('idleLoggedOut'));
  },
});
let beforeIdle: HTMLElement | null = null;
ui.stay.addEventListener('click', () => {
  idle.stay();
  show(ui.idle, false);
  (beforeIdle ?? ui.queueTitle).focus();
});
// Any click starts the alert sound the browser kept off after a reload (the "Activer le son" offer then goes).
document.addEventListener('pointerdown', () => {
  if (me && beeper.blocked()) beeper.unlock();
}, { passive: true, capture: true });
for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'mousemove', 'input']) {
  document.addEventListener(type, () => {
    if (me) idle.activity();
  }, { passive: true, capture: true });
}
document.addEventListener('focusin', (e) => {
  const target = e.target as HTMLElement;
  if (ui.idle.hidden) beforeIdle = target;
  else if (!ui.idle.contains(target)) ui.stay.focus(); // the focus stays in the warning while it shows
});

// ---------------------------------------------------------------- login, logout

function stopAll(): void {
  for (const id of timers) window.clearInterval(id);
  timers = [];
  window.clearTimeout(sseRetry);
  events?.close();
  events = null;
}

/** Forget everything shown (a shared computer: the next person sees nothing). */
function clearData(): void {
  me = null;
  waiting = [];
  seen.clear();
  firstQueue = true;
  mine.clear();
  callbacks = [];
  closePane();
  ui.waiting.replaceChildren();
  ui.mine.replaceChildren();
  ui.callbacks.replaceChildren();
  ui.figuresList.replaceChildren();
  picker.clear();
  editor.enable(false);
  show(ui.figures, false);
  ui.identity.textContent = '';
  show(ui.soundOff, false);
  notice('');
  ui.alert.textContent = '';
  document.title = s.pageTitle;
}

function showLogin(message?: ConsoleStringKey): void {
  stopAll();
  clearData();
  show(ui.idle, false);
  show(ui.bar, false);
  show(ui.work, false);
  show(ui.login, true);
  ui.password.value = '';
  ui.loginError.textContent = '';
  ui.loginStatus.textContent = message ? t(message) : '';
  ui.loginSubmit.disabled = false;
  ui.loginSubmit.textContent = t('login');
  const saved = local()?.getItem(TERRITORY_KEY);
  if (saved && !ui.territory.value) ui.territory.value = saved;
  offerProConnect();
  (ui.territory.value ? (ui.username.value ? ui.password : ui.username) : ui.territory).focus();
}

function enter(m: Me): void {
  me = m;
  idle.setTimeoutMs((m.idleTimeoutSeconds || cfg.idleTimeoutSeconds) * 1000);
  idle.reset();
  ui.identity.textContent = t('identity', { name: m.name, territory: m.territory });
  show(ui.report, m.role === 'coordinateur');
  const figures = () => background(showFigures(ui.figures, ui.figuresList, me?.role === 'coordinateur', t));
  ui.figuresRefresh.onclick = figures;
  figures();
  editor.enable(m.role === 'coordinateur');
  ui.on.checked = m.onDuty;
  ui.off.checked = !m.onDuty;
  show(ui.login, false);
  show(ui.bar, true);
  show(ui.work, true);
  ui.loginStatus.textContent = '';
  renderQueue();
  renderCallbacks();
  // After a reload nothing clicked yet: the browser may keep the alert sound off. A click anywhere may start it.
  checkSound();
  beeper.onStateChange(checkSound);
  connectEvents();
  background(refreshQueue());
  background(refreshCallbacks());
  const presenceEvery = Math.max(30_000, Math.min(5 * MINUTE_MS, ((m.idleTimeoutSeconds || cfg.idleTimeoutSeconds) * 1000) / 3));
  timers = [
    window.setInterval(heartbeats, HEARTBEAT_MS),
    window.setInterval(tickWaiting, MINUTE_MS),
    window.setInterval(() => background(refreshQueue()), POLL_MS),
    window.setInterval(renewPresence, presenceEvery),
    window.setInterval(() => idle.tick(), 1000),
  ];
  ui.queueTitle.focus();
}

async function logout(reason: ConsoleStringKey): Promise<void> {
  if (!me) return;
  const open = [...mine.keys()];
  stopAll();
  // Open conversations go back to the head of the queue now rather than when their lease runs out.
  await Promise.all(open.map((id) => api.release(id).catch(() => undefined)));
  await api.logout().catch(() => undefined);
  showLogin(reason);
}

ui.logout.addEventListener('click', () => background(logout('loggedOut')));

api.onUnauthorized = () => {
  if (me || !ui.work.hidden) showLogin('sessionExpired');
};

function invalid(input: HTMLInputElement, bad: boolean): boolean {
  if (bad) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  return bad;
}

/** "S'identifier avec ProConnect", only for a territory that offers it (the server checks again). */
function offerProConnect(): void {
  const box = document.getElementById('pc-proconnect');
  const link = document.getElementById('pc-proconnect-link') as HTMLAnchorElement | null;
  if (!box || !link) return;
  const territory = ui.territory.value.trim().toLowerCase();
  const on = (cfg.proconnect ?? []).includes(territory);
  box.hidden = !on;
  if (on) link.href = `/api/mediator/proconnect/login?territory=${encodeURIComponent(territory)}`;
}
ui.territory.addEventListener('input', offerProConnect);

ui.loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  beeper.unlock();
  const fields = [ui.territory, ui.username, ui.password];
  const empty = fields.filter((f) => invalid(f, !f.value.trim()));
  ui.loginStatus.textContent = '';
  if (empty.length) {
    ui.loginError.textContent = t('loginMissing');
    empty[0].focus();
    return;
  }
  ui.loginError.textContent = '';
  ui.loginSubmit.disabled = true;
  ui.loginSubmit.textContent = t('loggingIn');
  const territory = ui.territory.value.trim();
  try {
    const codeInput = byId<HTMLInputElement>('pc-code');
    await api.login(territory, ui.username.value.trim(), ui.password.value, codeInput.value.trim() || undefined);
    try {
      local()?.setItem(TERRITORY_KEY, territory);
    } catch {
      // not remembered
    }
    ui.password.value = '';
    codeInput.value = '';
    show(byId('pc-code-row'), false);
    const m = await api.me();
    // The territory requires a second factor this account does not have yet: enrolment is on the coordinators' page.
    if (m.twoFactorSetupRequired) return window.location.assign('/mediator/admin/');
    enter(m);
  } catch (err) {
    const code = err instanceof ApiError ? err.code : '';
    if (code === 'TwoFactorRequired' || code === 'TwoFactorWrong') {
      // The password was right: keep it, ask for the code.
      show(byId('pc-code-row'), true);
      ui.loginError.textContent = code === 'TwoFactorRequired' ? t('codeAsked') : t('codeWrong');
      byId('pc-code').focus();
      return;
    }
    const status = err instanceof ApiError ? err.status : 0;
    ui.password.value = '';
    ui.loginError.textContent =
      status === 401
        ? t('loginFailed')
        : status === 429
          ? t('loginTooMany', { minutes: retryMinutes(err instanceof ApiError ? err.retryAfter : null) })
          : status === 400
            ? t('loginMissing')
            : t('loginError');
    if (status === 401) invalid(ui.password, true);
    ui.password.focus();
  } finally {
    ui.loginSubmit.disabled = false;
    ui.loginSubmit.textContent = t('login');
  }
});
for (const f of [ui.territory, ui.username, ui.password]) f.addEventListener('input', () => invalid(f, false));

// ---------------------------------------------------------------- start

if (api.hasSession) {
  api.me().then(enter, () => showLogin());
} else {
  showLogin();
}
