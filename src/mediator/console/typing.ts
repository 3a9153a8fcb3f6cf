/// <reference lib="dom" />
/**
 * "Someone is typing", both ways, in the console (docs/mediator-api.md): while a conversation is open, the console
 * asks every 2 s whether the citizen is typing (GET /handoffs/:id/typing) and says so under the messages; while the
 * mediator types, it tells the server at most every 3 s (POST /handoffs/:id/typing) and the citizen's widget shows
 * "Le conseiller écrit un message…". Only where the channel shows typing (the web chat): elsewhere it stops asking.
 */
import type { MediatorApi } from './api';
import type { ConsoleStringKey } from './config';

const ASK_EVERY_MS = 2_000;
const SIGNAL_EVERY_MS = 3_000;

export class TypingWatch {
  private timer: number | undefined;
  private id: string | null = null;
  private lastSignal = 0;

  constructor(
    private readonly opts: {
      api: MediatorApi;
      out: HTMLElement;
      input: HTMLTextAreaElement;
      current: () => string | null;
      /** When the open conversation's citizen last wrote (server time): typing before that is over. */
      lastCitizenAt: () => number;
      t: (key: ConsoleStringKey) => string;
    },
  ) {
    opts.input.addEventListener('input', () => this.typed());
  }

  /** A message of the citizen arrived: they are no longer typing (until their next signal). */
  citizenWrote(): void {
    this.opts.out.textContent = '';
  }

  /** A conversation is open: ask about the citizen's typing until another one opens or it closes. */
  open(id: string): void {
    if (this.id === id) return;
    this.close();
    this.id = id;
    this.timer = window.setInterval(() => this.ask(id), ASK_EVERY_MS);
  }

  close(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    this.id = null;
    this.opts.out.textContent = '';
  }

  private ask(id: string): void {
    if (document.visibilityState === 'hidden') return;
    this.opts.api.typingOf(id).then(
      (r) => {
        if (this.id !== id) return;
        if (!r.shown) {
          window.clearInterval(this.timer); // a channel without typing: nothing to ask
          this.timer = undefined;
        }
        const typing = r.citizen && (r.since === undefined || r.since > this.opts.lastCitizenAt());
        const text = typing ? this.opts.t('citizenTyping') : '';
        if (this.opts.out.textContent !== text) this.opts.out.textContent = text;
      },
      () => {
        if (this.id === id) this.opts.out.textContent = '';
      },
    );
  }

  private typed(): void {
    const id = this.opts.current();
    const now = Date.now();
    if (!id || !this.opts.input.value.trim() || now - this.lastSignal < SIGNAL_EVERY_MS) return;
    this.lastSignal = now;
    this.opts.api.typing(id).catch(() => undefined); // a lost signal only means no "…" for a few seconds
  }
}
