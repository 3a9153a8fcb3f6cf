/// <reference lib="dom" />
/**
 * The team's canned replies in the console (docs/mediator-api.md, GET/PUT /api/mediator/replies):
 * - the picker: one button a reply, in the conversation's language; a click INSERTS the text into the message box,
 *   where the mediator edits it and sends it themselves — never sent on a click;
 * - easy-to-read hints (src/text/falc.ts) under the message box and under each text being edited;
 * - the coordinators' editor: titles and texts per language, added, removed, saved for the whole team.
 * Everything is built as text nodes (dom.ts).
 */
import { falcHints } from '../../text/falc';
import { ApiError, type CannedReply, type MediatorApi, type RepliesView } from './api';
import type { ConsoleStringKey } from './config';
import { h, show } from './dom';

type T = (key: ConsoleStringKey, vars?: Record<string, string | number>) => string;
const LOCALES = ['fr', 'en'] as const;

/** The hints of a text as lines (empty when it reads easily). */
export function hintLines(text: string, t: T): string[] {
  const hints = falcHints(text);
  return [
    ...hints.long.map((l) => t('falcLong', { words: l.words, start: l.start })),
    ...(hints.tooManySentences ? [t('falcMany', { n: hints.tooManySentences })] : []),
  ];
}

/** Show the hints of `input` in `out` as the person types (at most every 250 ms). */
export function watchHints(input: HTMLTextAreaElement, out: HTMLElement, t: T): () => void {
  let timer: number | undefined;
  const update = () => {
    timer = undefined;
    const lines = hintLines(input.value, t);
    out.replaceChildren(...lines.flatMap((line, i) => (i ? [h('br'), line] : [line])));
  };
  input.addEventListener('input', () => {
    if (timer === undefined) timer = window.setTimeout(update, 250);
  });
  return update;
}

/** Put `text` into the message box at the caret (or after what is there), select nothing, focus it. */
export function insertIntoComposer(input: HTMLTextAreaElement, text: string): void {
  const value = input.value;
  const focused = document.activeElement === input;
  const start = focused ? input.selectionStart : value.length;
  const end = focused ? input.selectionEnd : value.length;
  const before = value.slice(0, start);
  const glue = before && !/\s$/.test(before) ? ' ' : '';
  input.value = `${before}${glue}${text}${value.slice(end)}`;
  const caret = before.length + glue.length + text.length;
  input.focus();
  input.setSelectionRange(caret, caret);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

export class ReplyPicker {
  private readonly cache = new Map<string, Promise<RepliesView>>();
  private shown: string | null = null;
  /** Each showing is numbered: an older answer (the replies before a coordinator's save) never replaces a newer one. */
  private shows = 0;

  constructor(
    private readonly opts: { api: MediatorApi; group: HTMLElement; input: HTMLTextAreaElement; t: T },
  ) {}

  private load(locale: string): Promise<RepliesView> {
    let p = this.cache.get(locale);
    if (!p) {
      p = this.opts.api.replies(locale);
      this.cache.set(locale, p);
      p.catch(() => this.cache.delete(locale)); // asked again next time
    }
    return p;
  }

  /** The buttons of the conversation's language (French for any other). */
  async show(locale: string): Promise<void> {
    const lang = (LOCALES as readonly string[]).includes(locale) ? locale : 'fr';
    this.shown = lang;
    const shown = ++this.shows;
    const view = await this.load(lang).catch(() => null);
    if (shown !== this.shows) return;
    const title = this.opts.group.querySelector('.pc-quick-title');
    const buttons = (view?.replies ?? []).map((r) => {
      const b = h('button', { type: 'button', 'aria-label': this.opts.t('replyInsertLabel', { title: r.title }), title: r.text }, r.title);
      b.addEventListener('click', () => insertIntoComposer(this.opts.input, r.text));
      return b;
    });
    this.opts.group.replaceChildren(...(title ? [title] : []), ...(buttons.length ? buttons : [h('p', { class: 'pc-hint' }, this.opts.t('repliesNone'))]));
  }

  /** Saved by a coordinator: loaded again (and shown again if it is the open language). */
  changed(locale: string): void {
    this.cache.delete(locale);
    if (this.shown === locale) void this.show(locale).catch(() => undefined);
  }

  clear(): void {
    this.cache.clear();
    this.shown = null;
    this.shows++;
  }
}

/** The coordinators' editor of the replies, inside a <details> of the page. */
export class RepliesEditor {
  private locale: string = 'fr';
  private seq = 0;

  constructor(
    private readonly opts: { api: MediatorApi; details: HTMLDetailsElement; body: HTMLElement; t: T; onSaved: (locale: string) => void },
  ) {}

  enable(coordinator: boolean): void {
    show(this.opts.details, coordinator);
    this.opts.body.replaceChildren();
    if (!coordinator) return;
    this.opts.details.open = false;
    this.opts.details.ontoggle = () => {
      if (this.opts.details.open && !this.opts.body.firstChild) void this.render(this.locale).catch((err: unknown) => console.error('pasapas console: replies editor', err));
    };
  }

  private row(r: CannedReply, n: number, list: HTMLElement): HTMLElement {
    const t = this.opts.t;
    const id = `pc-reply-${++this.seq}`;
    const title = h('input', { id: `${id}-title`, type: 'text', maxlength: 60, value: r.title });
    const text = h('textarea', { id: `${id}-text`, rows: 3, maxlength: 1000, 'aria-describedby': `${id}-hints` });
    text.value = r.text;
    const hints = h('p', { id: `${id}-hints`, class: 'pc-hint pc-falc', 'aria-live': 'polite' });
    const remove = h('button', { type: 'button', class: 'pc-secondary', 'aria-label': t('repliesRemoveLabel', { n }) }, t('repliesRemove'));
    const item = h(
      'li',
      { class: 'pc-reply-row' },
      h('fieldset', {}, h('legend', {}, t('repliesItem', { n })), h('label', { for: `${id}-title` }, t('repliesTitle')), title, h('label', { for: `${id}-text` }, t('repliesText')), text, hints, remove),
    );
    remove.addEventListener('click', () => {
      item.remove();
      list.querySelector<HTMLInputElement>('input')?.focus();
    });
    watchHints(text, hints, t)();
    return item;
  }

  private async render(locale: string): Promise<void> {
    const t = this.opts.t;
    const api = this.opts.api;
    const body = this.opts.body;
    this.locale = locale;
    const select = h('select', { id: 'pc-replies-locale' }, ...LOCALES.map((l) => h('option', { value: l, selected: l === locale }, t(l === 'fr' ? 'langFr' : 'langEn'))));
    const status = h('p', { class: 'pc-status', role: 'status' });
    const error = h('p', { class: 'pc-error', role: 'alert' });
    const list = h('ol', { class: 'pc-replies-list' });
    const add = h('button', { type: 'button', class: 'pc-secondary' }, t('repliesAdd'));
    const save = h('button', { type: 'submit' }, t('repliesSave'));
    const form = h('form', { action: '#', novalidate: true }, h('label', { for: 'pc-replies-locale' }, t('repliesLanguage')), select, status, list, h('div', { class: 'pc-actions' }, add, save), error);
    body.replaceChildren(form);
    select.addEventListener('change', () => void this.render(select.value).catch(() => undefined));
    const renumber = () => list.querySelectorAll('legend').forEach((l, i) => (l.textContent = t('repliesItem', { n: i + 1 })));
    add.addEventListener('click', () => {
      const item = this.row({ title: '', text: '' }, list.children.length + 1, list);
      list.append(item);
      item.querySelector('input')?.focus();
    });
    list.addEventListener('click', () => window.setTimeout(renumber, 0));
    try {
      const view = await api.replies(locale);
      if (this.locale !== locale) return;
      list.replaceChildren(...view.replies.map((r, i) => this.row(r, i + 1, list)));
      status.textContent = view.custom ? '' : t('repliesDefault');
    } catch {
      error.textContent = t('repliesFailed', { reason: '—' });
    }
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      status.textContent = '';
      const replies = Array.from(list.querySelectorAll('li')).map((li) => ({
        title: li.querySelector('input')?.value ?? '',
        text: li.querySelector('textarea')?.value ?? '',
      }));
      const empty = Array.from(list.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')).find((f) => !f.value.trim());
      if (empty) {
        error.textContent = t('repliesEmpty');
        empty.focus();
        return;
      }
      save.disabled = true;
      try {
        await api.saveReplies(locale, replies);
        status.textContent = t('repliesSaved');
        this.opts.onSaved(locale);
      } catch (err) {
        error.textContent = t('repliesFailed', { reason: err instanceof ApiError ? err.message : '—' });
      } finally {
        save.disabled = false;
      }
    });
  }
}
