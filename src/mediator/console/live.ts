/// <reference lib="dom" />
/**
 * Staying live (src/mediator/console/main.ts): the territory's event stream (Server-Sent Events, reconnecting and
 * catching up), a heartbeat for each open conversation (its lease) that also fetches new messages, and being on
 * duty (renewed while the session lasts).
 */
import { ApiError } from './api';
import { refreshCallbacks } from './callbacks';
import { drop, fetchMessages } from './conversation';
import { askNotifications } from './notifications';
import { refreshQueue } from './queue';
import { api, background, beeper, failed, mine, notice, session, t, ui } from './shell';

const SSE_RETRY_MS = 5_000;

let events: EventSource | null = null;
let sseRetry: number | undefined;

/** Signed out: the stream closed, no retry pending. */
export function disconnect(): void {
  window.clearTimeout(sseRetry);
  events?.close();
  events = null;
}

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

export function connectEvents(): void {
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
    if (events !== es || !session.me) return;
    notice(t('offline'));
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (e.g. 401): check the session, then try again.
      window.clearTimeout(sseRetry);
      sseRetry = window.setTimeout(() => {
        if (!session.me || events !== es) return;
        api.me().then(() => connectEvents(), failed);
      }, SSE_RETRY_MS);
    }
  });
}

export function heartbeats(): void {
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
    if (session.me) session.me.onDuty = r;
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
export function renewPresence(): void {
  if (session.me?.onDuty) api.presence(true).catch(() => undefined);
}
