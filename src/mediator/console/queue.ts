/// <reference lib="dom" />
/**
 * The queue (src/mediator/console/main.ts): the people waiting, with their wait on the server's clock, a notice
 * (visible, audible, on the desktop when the tab is hidden) for each new one, and "Prendre" within the mediator's
 * capacity; each answer also says which conversations are still the mediator's.
 */
import { ApiError } from './api';
import { h, show } from './dom';
import { formatWaiting, handoffTitle, mergeMessages, summaryLine, type HandoffView } from './format';
import { desktopNotice } from './notifications';
import { drop, droppedAt, meta, openConversation, renderChatHeader, renderMine, restore } from './conversation';
import { alertText, api, background, beeper, failed, mine, notice, refresh, s, session, t, ui } from './shell';

let waiting: HandoffView[] = [];
const seen = new Set<string>();
let firstQueue = true;
let epoch = 0;

/** Signed out: nothing of the queue is kept (a shared computer). */
export function clearQueue(): void {
  waiting = [];
  seen.clear();
  firstQueue = true;
}

/** The server's clock minus this computer's (waits are measured against the server's times). */
let clockSkew = 0;
const serverNow = () => Date.now() + clockSkew;

function waitingSpan(since: number): HTMLElement {
  return h('span', { 'data-since': since }, t('waitingFor', { time: formatWaiting(serverNow() - since, s) }));
}

export function tickWaiting(): void {
  for (const e of Array.from(document.querySelectorAll<HTMLElement>('[data-since]'))) {
    e.textContent = t('waitingFor', { time: formatWaiting(serverNow() - Number(e.dataset.since), s) });
  }
}

export function renderQueue(): void {
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

let queueBusy: Promise<void> | null = null;
/** GET /queue's atCapacity: this mediator holds as many conversations as their capacity allows. */
let atCapacity = false;
let queueAgain = false;

/** GET /queue; concurrent calls are folded into one more call. */
export function refreshQueue(): Promise<void> {
  if (queueBusy) {
    queueAgain = true;
    return queueBusy;
  }
  const started = ++epoch;
  const startedAt = performance.now();
  queueBusy = api
    .queue()
    .then((q) => {
      if (typeof q.now === 'number') clockSkew = q.now - Date.now();
      atCapacity = q.atCapacity === true;
      applyQueue(q.waiting ?? [], q.mine ?? [], started, startedAt);
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

function applyQueue(all: HandoffView[], allMine: HandoffView[], started: number, startedAt: number): void {
  if (!session.me) return;
  // An answer asked for before a take, a release or a close here is older than what the console shows: the request
  // taken since is not waiting any more, the conversation given back or closed since is not mine (the refresh that
  // follows each of them brings the rest).
  const list = all.filter((hv) => (mine.get(hv.id)?.epoch ?? 0) <= started);
  const mineList = allMine.filter((hv) => mine.has(hv.id) || (droppedAt.get(hv.id) ?? -1) < startedAt);
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
  if (session.current && mine.has(session.current)) renderChatHeader(mine.get(session.current)!);
}

export async function claim(id: string, button: HTMLButtonElement): Promise<void> {
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

refresh.queue = refreshQueue;
