/// <reference lib="dom" />
/**
 * What every part of the mediator console shares (src/mediator/console/main.ts starts it): its configuration and
 * strings, the page's elements, the API client, the alert sound, who is signed in and their open conversations,
 * and the two live regions (a notice, an alert).
 */
import { ApiError, MediatorApi, type Me, type TranscriptLine } from './api';
import { Beeper } from './beep';
import { CONSOLE_CONFIG_ID, type ConsoleConfig, type ConsoleStringKey } from './config';
import { byId } from './dom';
import { OUTCOMES, format, type HandoffView, type MessageView, type Outcome } from './format';

export const TERRITORY_KEY = 'pasapas:mediator:territory';
export const SOUND_KEY = 'pasapas:mediator:sound';
/** The conversation open in this tab (sessionStorage), opened again after a reload. */
export const OPEN_KEY = 'pasapas:mediator:open';

export const cfg = JSON.parse(byId(CONSOLE_CONFIG_ID).textContent ?? '{}') as ConsoleConfig;
export const s = cfg.strings;
export const t = (key: ConsoleStringKey, vars?: Record<string, string | number>) => format(s[key] ?? key, vars, cfg.locale);
export const consoleLocale: 'fr' | 'en' = cfg.locale === 'en' ? 'en' : 'fr';

export const ui = {
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

export function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function tab(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function remember(key: string, value: string | null): void {
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
export interface Conversation {
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

export const api = new MediatorApi();
export const beeper = new Beeper();
/** My open conversations, by handoff id. */
export const mine = new Map<string, Conversation>();
/** Who is signed in (null: the login form), and the conversation open in the pane. */
export const session: { me: Me | null; current: string | null } = { me: null, current: null };
/**
 * The queue's refresh, registered by queue.ts: the parts below it (the conversation pane and its tools) ask for
 * one without importing it.
 */
export const refresh = { queue: (): Promise<void> => Promise.resolve() };

export function notice(text: string): void {
  ui.notice.textContent = text;
}

export function alertText(text: string): void {
  ui.alert.textContent = '';
  // A fresh node, so the same text is announced again.
  window.setTimeout(() => (ui.alert.textContent = text), 30);
}

/** Work started without waiting for it: a failure is logged, never left as an unhandled rejection. */
export function background(work: Promise<unknown>): void {
  work.catch((err: unknown) => console.error('pasapas console:', err));
}

export function failed(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) return; // handled by onUnauthorized
  alertText(err instanceof ApiError && err.status === 0 ? t('offline') : t('error'));
}

/** The outcome chosen in a closing form (a conversation's or a callback's). */
export function chosenOutcome(scope: ParentNode): Outcome | null {
  const v = scope.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value;
  return v && (OUTCOMES as readonly string[]).includes(v) ? (v as Outcome) : null;
}
