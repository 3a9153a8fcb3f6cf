/// <reference lib="dom" />
/**
 * What every part of the chat frame shares (src/widget/chat/main.ts starts it): its configuration, what is kept
 * across reloads, the page's elements, the conversation's language and the UI strings in it, the notice line,
 * and the messages to the loader.
 */
import { CONFIG_ELEMENT_ID, type ChatConfig, type ParentMessage } from './config';
import { browserStorage, Persisted } from './session';
import { format, type WidgetLocale, type WidgetStringKey } from './strings';

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

export const cfg = JSON.parse(byId(CONFIG_ELEMENT_ID).textContent ?? '{}') as ChatConfig;
// The conversation lives in this tab only (sessionStorage); the text size is remembered (localStorage).
export const store = new Persisted(browserStorage('session'), `pasapas:${cfg.territory.id}`, browserStorage('local'));
store.dropLegacySession();
export const root = document.documentElement;
/** The conversation's language: changed only through `setLocale` (./appearance.ts), which also changes the page's words. */
export let locale: WidgetLocale = cfg.locale === 'en' ? 'en' : 'fr';

export function useLocale(next: WidgetLocale): void {
  locale = next;
}

export function t(key: WidgetStringKey, vars?: Record<string, string | number>): string {
  return format(cfg.strings[locale]?.[key] ?? cfg.strings.fr?.[key] ?? key, vars);
}

export const ui = {
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

/** A notice the link's state must not wipe (connecting → online) until the citizen writes again. */
export let lasting = false;
export function notify(text: string, keep = false): void {
  ui.notice.textContent = text;
  lasting = keep;
}

export function toParent(msg: ParentMessage): void {
  if (cfg.parentOrigin && window.parent !== window) window.parent.postMessage(msg, cfg.parentOrigin);
}
