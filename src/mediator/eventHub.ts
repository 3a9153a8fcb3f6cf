/**
 * Fans a territory's handoff events out to the mediators connected to THIS instance (SSE): one
 * reader per territory with listeners, polling the event stream every 25 ms, whatever instance
 * wrote the events. A listener that gives a Last-Event-ID first gets what it missed.
 */
import type { HandoffEvent, HandoffQueue } from '../handoff/queue';

type Listener = (e: HandoffEvent) => void;

export class EventHub {
  private readonly readers = new Map<string, { listeners: Set<Listener>; last: string; timer: NodeJS.Timeout; busy: boolean }>();

  constructor(
    private readonly queue: HandoffQueue,
    private readonly intervalMs = 25,
  ) {}

  private readonly closers = new Set<() => void>();

  /** `onClose`: called when the hub closes (shutdown), e.g. to end an SSE response so the console reconnects elsewhere. */
  subscribe(territory: string, lastEventId: string | undefined, listener: Listener, onClose?: () => void): () => void {
    if (onClose) this.closers.add(onClose);
    let reader = this.readers.get(territory);
    if (!reader) {
      const r = { listeners: new Set<Listener>(), last: '', timer: setInterval(() => void this.poll(territory), this.intervalMs), busy: false };
      r.timer.unref();
      this.readers.set(territory, r);
      reader = r;
      void this.queue.events(territory, '0', 1_000_000).then((all) => {
        if (!r.last) r.last = all.length ? all[all.length - 1].streamId : '0';
      });
    }
    reader.listeners.add(listener);
    if (lastEventId) {
      void this.queue.events(territory, lastEventId, 1000).then((missed) => {
        for (const e of missed) if (compare(e.streamId, reader!.last || '0-0') <= 0) listener(e);
      });
    }
    return () => {
      if (onClose) this.closers.delete(onClose);
      reader!.listeners.delete(listener);
      if (reader!.listeners.size === 0) {
        clearInterval(reader!.timer);
        this.readers.delete(territory);
      }
    };
  }

  private async poll(territory: string): Promise<void> {
    const r = this.readers.get(territory);
    if (!r || r.busy || !r.last) return;
    r.busy = true;
    try {
      const events = await this.queue.events(territory, r.last, 200);
      for (const e of events) {
        r.last = e.streamId;
        for (const l of r.listeners) l(e);
      }
    } catch {
      // Redis away for a moment: the next poll tries again from the same place.
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

/** Compare two stream ids "ms-seq". */
export function compare(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am - bm || as - bs;
}
