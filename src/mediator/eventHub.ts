/**
 * Fans a territory's handoff events out to the mediators connected to THIS instance (SSE): one
 * reader per territory with listeners, polling the event stream every 25 ms, whatever instance
 * wrote the events. A listener that gives a Last-Event-ID first gets what it missed.
 * Redis away: every read fails and is tried again at the next poll, from the same place; nothing
 * here ever rejects (a failure is logged once per outage), so an outage never ends the process.
 */
import type { Logger } from 'pino';
import type { HandoffEvent, HandoffQueue } from '../handoff/queue';

type Listener = (e: HandoffEvent) => void;

interface Reader {
  /** Listeners served live (their replay, if any, is done). */
  listeners: Set<Listener>;
  /** Listeners that gave a Last-Event-ID, waiting for the next poll to replay what they missed. */
  replays: Map<Listener, string>;
  /** Stream id of the last event read ('' until the first successful read). */
  last: string;
  timer: NodeJS.Timeout;
  busy: boolean;
  failing: boolean;
}

export class EventHub {
  private readonly readers = new Map<string, Reader>();

  constructor(
    private readonly queue: HandoffQueue,
    private readonly intervalMs = 25,
    private readonly logger?: Logger,
  ) {}

  private readonly closers = new Set<() => void>();

  /**
   * `lastEventId` must be a stream id ("<ms>-<seq>", checked by the caller).
   * `onClose`: called when the hub closes (shutdown), e.g. to end an SSE response so the console reconnects elsewhere.
   */
  subscribe(territory: string, lastEventId: string | undefined, listener: Listener, onClose?: () => void): () => void {
    if (onClose) this.closers.add(onClose);
    let reader = this.readers.get(territory);
    if (!reader) {
      const r: Reader = {
        listeners: new Set<Listener>(),
        replays: new Map(),
        last: '',
        timer: setInterval(() => {
          this.poll(territory).catch((err: unknown) => this.logger?.error({ err, territory }, 'mediator event poll failed'));
        }, this.intervalMs),
        busy: false,
        failing: false,
      };
      r.timer.unref();
      this.readers.set(territory, r);
      reader = r;
    }
    if (lastEventId) reader.replays.set(listener, lastEventId);
    else reader.listeners.add(listener);
    // The first read at once rather than after one interval.
    this.poll(territory).catch((err: unknown) => this.logger?.error({ err, territory }, 'mediator event poll failed'));
    const r = reader;
    return () => {
      if (onClose) this.closers.delete(onClose);
      r.listeners.delete(listener);
      r.replays.delete(listener);
      if (r.listeners.size === 0 && r.replays.size === 0) {
        clearInterval(r.timer);
        if (this.readers.get(territory) === r) this.readers.delete(territory);
      }
    };
  }

  /** One round, serialised per territory: find where the stream is, replay to new listeners, then deliver what is new. */
  private async poll(territory: string): Promise<void> {
    const r = this.readers.get(territory);
    if (!r || r.busy) return;
    r.busy = true;
    try {
      if (!r.last) {
        const all = await this.queue.events(territory, '0', 1_000_000);
        r.last = all.length ? all[all.length - 1].streamId : '0';
      }
      for (const [listener, from] of [...r.replays]) {
        const missed = await this.queue.events(territory, from, 1000);
        if (!r.replays.has(listener)) continue; // gone meanwhile
        for (const e of missed) if (compare(e.streamId, r.last) <= 0) listener(e);
        r.replays.delete(listener);
        r.listeners.add(listener);
      }
      const events = await this.queue.events(territory, r.last, 200);
      for (const e of events) {
        r.last = e.streamId;
        for (const l of r.listeners) l(e);
      }
      if (r.failing) {
        r.failing = false;
        this.logger?.info({ territory }, 'mediator events readable again');
      }
    } catch (err) {
      // Redis away for a moment: the next poll tries again from the same place.
      if (!r.failing) {
        r.failing = true;
        this.logger?.warn({ err, territory }, 'mediator events unreadable (storage away?): retrying');
      }
    } finally {
      r.busy = false;
    }
  }

  close(): void {
    for (const r of this.readers.values()) clearInterval(r.timer);
    this.readers.clear();
    const closers = [...this.closers];
    this.closers.clear();
    for (const c of closers) c();
  }
}

/** Compare two stream ids "ms-seq" ("0" is the start). */
export function compare(a: string, b: string): number {
  const [am, as = 0] = a.split('-').map(Number);
  const [bm, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}
