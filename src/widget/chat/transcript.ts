/// <reference lib="dom" />
/**
 * The transcript (role="log"): one bubble per message, the bot's suggested actions as real
 * buttons. Everything received is set with textContent / text nodes, never as HTML.
 */
import type { Activity } from './directline';
import { appendLinkified } from './linkify';

export interface TranscriptLabels {
  bot: string;
  you: string;
  choices: string;
  newWindow: string;
  photoSent: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class Transcript {
  private readonly seen = new Set<string>();
  /** Bubbles shown at once when the citizen sends, waiting for their echo in the stream. */
  private pending: Array<{ text: string; node: HTMLElement }> = [];

  constructor(
    private readonly log: HTMLElement,
    private readonly labels: () => TranscriptLabels,
    private readonly onChoice: (value: string, button: HTMLButtonElement) => void,
  ) {}

  clear(): void {
    this.log.textContent = '';
    this.seen.clear();
    this.pending = [];
  }

  /** The citizen's message, shown before the server confirms it. */
  addPending(text: string): HTMLElement {
    const node = this.bubble('user', text);
    this.pending.push({ text, node });
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
      this.disableChoices();
      const shown = photo && !text ? `📷 ${this.labels().photoSent}` : text;
      // The server keeps (and echoes) the masked text, e.g. "mon mot de passe est [masqué]": an echo that
      // matches no pending bubble exactly is the oldest one's (one turn at a time), whose text it replaces.
      let i = this.pending.findIndex((p) => p.text === shown);
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
    if (text) this.bubble(who, text);
    const actions = (a.suggestedActions?.actions ?? []).filter((x) => x.title || x.value);
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
    return true;
  }

  private bubble(who: 'user' | 'bot' | 'mediator', text: string): HTMLElement {
    const l = this.labels();
    const node = el('div', `pp-msg pp-${who === 'user' ? 'user' : 'bot'}${who === 'mediator' ? ' pp-person' : ''}`);
    // A mediator's message already starts with "Conseiller :" (the same text goes by SMS): it only looks different.
    if (who !== 'mediator') node.appendChild(el('span', 'pp-sr', `${who === 'user' ? l.you : l.bot} `));
    const p = el('p');
    if (who === 'user') p.textContent = text;
    else appendLinkified(p, text, l.newWindow);
    node.appendChild(p);
    this.log.appendChild(node);
    this.scroll();
    return node;
  }

  private scroll(): void {
    this.log.scrollTop = this.log.scrollHeight;
    const page = document.scrollingElement;
    if (page && page.scrollHeight > page.clientHeight) page.scrollTop = page.scrollHeight;
  }
}
