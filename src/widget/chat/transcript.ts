/// <reference lib="dom" />
/**
 * The transcript (role="log"): one bubble per message, the bot's suggested actions as real
 * buttons. Everything received is set with textContent / text nodes, never as HTML.
 */
import type { Activity } from './directlineApi';
import { cameraIcon } from './icons';
import { appendPieces, safeHref, splitLinks, type Piece } from './linkify';
import { markdownPieces } from './markdown';
import { spokenParts } from './speech';

export interface TranscriptLabels {
  bot: string;
  you: string;
  choices: string;
  newWindow: string;
  photoSent: string;
  /** "Écouter", and its accessible name "Écouter ce message". */
  listen: string;
  listenLabel: string;
  /** What is said before the answers ("Réponses possibles :") and for each ("{n} : {label}."). */
  speakChoices: string;
  speakChoice: string;
}

/**
 * A bot message's words to read aloud; `button` is its "Écouter" button (null when it has no text).
 * Called for every new bot message, in order.
 */
export type OnSpoken = (parts: string[], button: HTMLButtonElement | null) => void;

/** Words for some links instead of their raw URL (the privacy page). */
export type LinkWords = (href: string) => string | undefined;

/** Bot messages further apart than this are two replies (a mediator writing, a queue update). */
const REPLY_PAUSE_MS = 3000;
/** Room left above a reply shown from its start. */
const GAP_PX = 8;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class Transcript {
  private readonly seen = new Set<string>();
  /** Bubbles shown at once when the citizen sends, waiting for their echo in the stream. */
  private pending: Array<{ text: string; node: HTMLElement; id?: string }> = [];
  /**
   * The first message of the bot's latest reply: a reply taller than the view is shown from its start (not
   * scrolled to its end, its first lines out of sight). A new reply starts when the citizen writes, or after a pause.
   */
  private anchor: HTMLElement | null = null;
  private lastReplyAt = 0;

  constructor(
    private readonly log: HTMLElement,
    private readonly labels: () => TranscriptLabels,
    private readonly onChoice: (value: string, button: HTMLButtonElement) => void,
    private readonly linkWords?: LinkWords,
    /** Reading aloud (src/widget/chat/speech.ts): the "Écouter" buttons and "Tout lire à voix haute". */
    private readonly onSpoken?: OnSpoken,
    private readonly onListen?: (parts: string[], button: HTMLButtonElement) => void,
  ) {}

  clear(): void {
    this.log.textContent = '';
    this.seen.clear();
    this.pending = [];
    this.anchor = null;
  }

  /** The citizen's message, shown before the server confirms it; `id` is the one its echo will carry. */
  addPending(text: string, id?: string): HTMLElement {
    this.anchor = null;
    const node = this.bubble('user', text);
    this.pending.push({ text, node, id });
    return node;
  }

  dropPending(node: HTMLElement): void {
    this.pending = this.pending.filter((p) => p.node !== node);
    node.remove();
  }

  /** Every suggested action already shown stops being clickable. */
  disableChoices(chosen?: HTMLButtonElement): void {
    for (const b of Array.from(this.log.querySelectorAll<HTMLButtonElement>('.pp-actions button'))) b.disabled = true;
    if (chosen) chosen.classList.add('pp-chosen');
  }

  /** The latest answers can be tapped again (what was tapped did not go), unless something came after them. */
  enableChoices(): void {
    const last = this.log.lastElementChild;
    if (!last?.classList.contains('pp-actions')) return;
    for (const b of Array.from(last.querySelectorAll('button'))) {
      b.disabled = false;
      b.classList.remove('pp-chosen');
    }
  }

  /** Show one activity; true when it is a new message from the bot (or a mediator). */
  add(a: Activity, userId: string): boolean {
    if (a.type !== 'message') return false;
    if (a.id) {
      if (this.seen.has(a.id)) return false;
      this.seen.add(a.id);
    }
    const text = a.text ?? '';
    const photo = (a.attachments ?? []).length > 0;
    const mine = a.from?.role === 'user' || (!!userId && a.from?.id === userId);
    if (mine) {
      this.anchor = null;
      this.disableChoices();
      if (photo && !text) {
        this.photoBubble(a);
        return false;
      }
      const shown = text;
      // The server keeps (and echoes) the masked text, e.g. "mon mot de passe est [masqué]": an echo that
      // matches no pending bubble exactly is the oldest one's (one turn at a time), whose text it replaces.
      const cid = a.channelData?.clientActivityID;
      let i = cid ? this.pending.findIndex((p) => p.id === cid) : -1;
      if (i < 0) i = this.pending.findIndex((p) => p.text === shown);
      if (i < 0 && !photo && this.pending.length > 0) i = 0;
      if (i >= 0) {
        const p = this.pending.splice(i, 1)[0];
        const para = p.node.querySelector('p');
        if (p.text !== shown && para) para.textContent = shown;
      } else this.bubble('user', shown);
      return false;
    }
    if (!text && !a.suggestedActions?.actions?.length) return false;
    const who = a.from?.role === 'mediator' ? 'mediator' : 'bot';
    const actions = (a.suggestedActions?.actions ?? []).filter((x) => x.title || x.value);
    const pieces = a.textFormat === 'markdown' ? markdownPieces(text) : splitLinks(text);
    const l = this.labels();
    const answers = actions.map((x) => ({ label: String(x.title ?? x.value ?? ''), key: x.channelData?.key }));
    const parts = spokenParts(pieces, answers, { choices: l.speakChoices, choice: l.speakChoice }, this.linkWords);
    let listen: HTMLButtonElement | null = null;
    if (text) {
      const node = this.bubble(who, '', pieces);
      const now = Date.now();
      if (!this.anchor || now - this.lastReplyAt > REPLY_PAUSE_MS) this.anchor = node;
      this.lastReplyAt = now;
      // Shown only when the browser has a voice (the .pp-voice class, set by chat.js).
      listen = el('button', 'pp-listen', l.listen);
      listen.type = 'button';
      listen.setAttribute('aria-label', l.listenLabel);
      const button = listen;
      listen.addEventListener('click', () => this.onListen?.(parts, button));
      node.appendChild(listen);
    }
    if (actions.length > 0) {
      const group = el('div', 'pp-actions');
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', this.labels().choices);
      for (const action of actions) {
        const value = String(action.value ?? action.title ?? '');
        const b = el('button', undefined, String(action.title ?? value));
        b.type = 'button';
        b.addEventListener('click', () => {
          if (!b.disabled) this.onChoice(value, b);
        });
        group.appendChild(b);
      }
      this.log.appendChild(group);
    }
    this.scroll();
    this.onSpoken?.(parts, listen);
    return true;
  }

  /** The citizen's photo: an icon and "Photo envoyée", and the photo itself when its URL is a web one. */
  private photoBubble(a: Activity): void {
    const node = this.bubble('user', '');
    const p = node.querySelector('p')!;
    p.append(cameraIcon(), ` ${this.labels().photoSent}`);
    for (const x of a.attachments ?? []) {
      const url = typeof x.contentUrl === 'string' && /^image\//.test(x.contentType ?? '') ? safeHref(x.contentUrl) : null;
      if (!url) continue;
      // Our own Direct Line's photos come from this frame's origin (its CSP allows 'self'), whatever name the
      // server's PUBLIC_BASE_URL gives it.
      const u = new URL(url);
      const src = u.pathname.startsWith('/v3/directline/') ? `${u.pathname}${u.search}` : url;
      const img = el('img', 'pp-photo-sent');
      img.alt = ''; // "Photo envoyée" says it
      img.src = src;
      img.addEventListener('load', () => this.scroll());
      node.appendChild(img);
    }
    this.scroll();
  }

  private bubble(who: 'user' | 'bot' | 'mediator', text: string, pieces?: Piece[]): HTMLElement {
    const l = this.labels();
    const node = el('div', `pp-msg pp-${who === 'user' ? 'user' : 'bot'}${who === 'mediator' ? ' pp-person' : ''}`);
    // A mediator's message already starts with "Conseiller :" (the same text goes by SMS): it only looks different.
    if (who !== 'mediator') node.appendChild(el('span', 'pp-sr', `${who === 'user' ? l.you : l.bot} `));
    const p = el('p');
    if (who === 'user' || !pieces) p.textContent = text;
    else appendPieces(p, pieces, l.newWindow, this.linkWords);
    node.appendChild(p);
    this.log.appendChild(node);
    this.scroll();
    return node;
  }

  /**
   * Bring the latest reply into view (after new messages, or a text size change): all of it when it fits, else
   * from its first line (at the top of the conversation, under the header when the whole page scrolls).
   */
  scroll(): void {
    const a = this.anchor?.isConnected ? this.anchor : null;
    const top = (e: Element) => e.getBoundingClientRect().top;
    const log = this.log;
    log.scrollTop = a ? Math.min(log.scrollHeight, log.scrollTop + top(a) - top(log) - GAP_PX) : log.scrollHeight;
    const page = document.scrollingElement;
    if (page && page.scrollHeight > page.clientHeight) {
      const head = document.querySelector('.pp-head');
      const under = head ? Math.max(0, head.getBoundingClientRect().bottom) : 0;
      page.scrollTop = a ? Math.min(page.scrollHeight, page.scrollTop + top(a) - under - GAP_PX) : page.scrollHeight;
    }
  }
}
