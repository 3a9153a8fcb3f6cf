/**
 * What the citizen sends (typed words, a tapped answer), in order and once each. Every message has its own id
 * (`channelData.clientActivityID`: the server runs a re-post of the same id once), so when the network is cut it
 * simply waits, and goes by itself when the connection is back: tried again every few seconds, and at once when the
 * browser or the stream says it is online (`flush`). A message the server refuses (too fast, not accepted) is
 * given back, with those still waiting behind it: never a message stuck on its way. What still waits is kept with the
 * saved session (`changed`: ./session.ts), so a reload does not lose it: the next page starts with it, held until
 * the conversation's history is back on screen (`release`), then sends it once, in order, with the same ids.
 */
import { HttpError } from './directlineApi';

export interface Outgoing {
  text: string;
  /** Its `clientActivityID`, the same for every try. */
  id: string;
  /** Written in the box (given back to it when refused), not a tapped answer. */
  typed: boolean;
}

export interface OutboxHooks {
  send(item: Outgoing): Promise<unknown>;
  /** The network is cut: the first message waits (and those behind it). */
  waiting(item: Outgoing): void;
  sent(item: Outgoing, last: boolean): void;
  /** Not accepted: these messages will not go (the first one was refused). */
  refused(items: Outgoing[], err: unknown): void;
  /** What waits changed (added, sent, refused, forgotten): to keep it across a reload. */
  changed?(items: Outgoing[]): void;
}

const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 15_000;
/** A server error (5xx) is tried this many times; a cut network, as long as the page is open. */
const SERVER_TRIES = 4;

/** A message that may go later: no network, no conversation yet, or a server that failed for a moment. */
function later(err: unknown, tries: number): boolean {
  if (!(err instanceof HttpError)) return true;
  return err.status === 0 || (err.status >= 500 && tries < SERVER_TRIES);
}

let counter = 0;
/** An id no other message of this page has (and unlikely anywhere: the server keys it by conversation). */
export function clientId(): string {
  counter += 1;
  return `pp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${counter}`;
}

export class Outbox {
  private queue: Outgoing[] = [];
  private busy = false;
  private tries = 0;
  private timer?: ReturnType<typeof setTimeout>;
  /** Messages a previous page left: nothing goes until `release()`. */
  private held: boolean;

  constructor(
    private readonly hooks: OutboxHooks,
    restored: Outgoing[] = [],
  ) {
    this.queue = restored.slice();
    this.held = this.queue.length > 0;
  }

  /** The messages a previous page left, still held (empty once released). */
  get restored(): Outgoing[] {
    return this.held ? this.queue.slice() : [];
  }

  /** Send what a previous page left (and anything added since), in order. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    void this.flush();
  }

  /** Messages not sent yet (waiting for the network, or on their way). */
  get size(): number {
    return this.queue.length;
  }

  add(item: Outgoing): void {
    this.queue.push(item);
    this.changed();
    void this.flush();
  }

  /** Everything is forgotten (the conversation was erased or started again). */
  clear(): void {
    this.queue = [];
    this.tries = 0;
    this.held = false;
    clearTimeout(this.timer);
    this.changed();
  }

  private changed(): void {
    this.hooks.changed?.(this.queue.slice());
  }

  /** Send what waits, in order; now, without waiting for the next try. */
  async flush(): Promise<void> {
    if (this.busy || this.held) return;
    clearTimeout(this.timer);
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const item = this.queue[0];
        try {
          await this.hooks.send(item);
        } catch (err) {
          if (this.queue[0] !== item) continue; // cleared meanwhile
          this.tries += 1;
          if (later(err, this.tries)) {
            this.hooks.waiting(item);
            const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(this.tries - 1, 4));
            this.timer = setTimeout(() => void this.flush(), delay);
          } else {
            this.tries = 0;
            const refused = this.queue.splice(0);
            this.changed();
            this.hooks.refused(refused, err);
          }
          return;
        }
        if (this.queue[0] === item) {
          this.queue.shift();
          this.changed();
        }
        this.tries = 0;
        this.hooks.sent(item, this.queue.length === 0);
      }
    } finally {
      this.busy = false;
    }
  }
}
