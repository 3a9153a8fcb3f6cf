/// <reference lib="dom" />
/**
 * A small Direct Line 3.0 client (fetch + WebSocket, no library): starts or resumes the conversation,
 * streams activities, reconnects with backoff, falls back to polling when WebSockets never open, and
 * refreshes the token before it expires. The requests and the token are ./directlineApi.ts.
 */
import { DirectLineApi, HttpError, type Activity } from './directlineApi';
import type { Session } from './session';
import { settle } from './settle';

export type LinkState = 'connecting' | 'online' | 'offline';

export interface ClientHooks {
  /** New activities; `replay` when it is the whole history sent again after a reload. */
  activities(list: Activity[], replay: boolean): void;
  state(state: LinkState): void;
  save(session: Session | null): void;
  /** The saved conversation could not be resumed (expired, erased): a new one starts. */
  restarted(): void;
}

const MAX_BACKOFF_MS = 30_000;

export interface ClientOptions {
  /** "/v3/directline" (or absolute) */
  apiBase: string;
  territory: string;
  hooks: ClientHooks;
  /** The session saved by a previous page, if any. */
  saved: Session | null;
  now?: () => number;
  /** First reconnect delay (doubles up to 30 s). */
  retryMs?: number;
}

export class DirectLineClient {
  private readonly api: DirectLineApi;
  private ws: WebSocket | null = null;
  private stopped = false;
  /** While a "Terminer et effacer" is on its way: no reconnect, no poll, no refresh. */
  private paused = false;
  private connecting = false;
  private failures = 0;
  private opened = false;
  private polling = false;
  private pollDelay = 1000;
  private replay = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly hooks: ClientHooks;
  private readonly now: () => number;
  private readonly retryMs: number;

  constructor(o: ClientOptions) {
    this.hooks = o.hooks;
    this.now = o.now ?? (() => Date.now());
    this.retryMs = o.retryMs ?? 1000;
    this.api = new DirectLineApi({
      apiBase: o.apiBase,
      territory: o.territory,
      saved: o.saved,
      now: this.now,
      save: (session) => this.hooks.save(session),
      refreshDue: () => this.refreshSoon(),
    });
  }

  /** Polling instead of a WebSocket (some networks block WebSockets). */
  get isPolling(): boolean {
    return this.polling;
  }

  get userId(): string {
    return this.api.userId;
  }

  /** Resume the saved conversation (its whole history is sent again) or start a new one. */
  start(): void {
    const s = this.api.session;
    if (s) {
      if (s.expiresAt > this.now() + 5000) {
        s.watermark = '';
        this.replay = true;
      } else {
        this.forget();
      }
    }
    settle(this.connect());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.api.cancelRefresh();
    this.ws?.close();
  }

  /** Back on screen or online again: refresh a token close to expiry, reconnect now. */
  wake(): void {
    if (this.stopped || this.paused) return;
    const s = this.api.session;
    if (s && s.expiresAt - this.now() < 5 * 60_000) this.refreshSoon();
    if (!this.ws && !this.connecting) {
      clearTimeout(this.timer);
      this.failures = 0;
      settle(this.connect());
    }
  }

  /**
   * "Terminer et effacer": the server deletes the conversation, then it is forgotten here (see
   * `DirectLineApi.erase`). Until `resume()` nothing reconnects. False when the server could not be
   * reached: the conversation is kept, to try again.
   */
  async end(): Promise<boolean> {
    if (!this.api.session) return true;
    this.paused = true;
    clearTimeout(this.timer);
    this.api.cancelRefresh();
    const ws = this.ws;
    this.ws = null; // its close event is then ignored (no reconnect)
    ws?.close();
    const ok = await this.api.erase();
    if (ok) this.replay = false;
    return ok;
  }

  /** After `end()`: go on, with a new conversation if the old one was forgotten. */
  resume(): void {
    this.paused = false;
    this.failures = 0;
    clearTimeout(this.timer);
    settle(this.connect());
  }

  async send(text: string, locale: string, clientId?: string): Promise<string> {
    const id = await this.api.send(text, locale, clientId);
    this.pollSoon();
    return id;
  }

  /** "The citizen is typing": the mediator's console shows it. */
  typing(): Promise<void> {
    return this.api.typing();
  }

  async upload(file: Blob, name: string): Promise<void> {
    await this.api.upload(file, name);
    this.pollSoon();
  }

  private forget(): void {
    this.api.forget();
    this.hooks.restarted();
  }

  /** A refresh in the background: a failure is retried by the next one, or ends in a new conversation. */
  private refreshSoon(): void {
    if (this.paused) return;
    settle(this.api.refresh());
  }

  /** A stream URL for the saved conversation, or for a new one. */
  private async streamUrl(): Promise<string> {
    if (this.api.session) {
      try {
        return await this.api.reconnect();
      } catch (err) {
        if (!(err instanceof HttpError) || (err.status !== 403 && err.status !== 404)) throw err;
        this.replay = false;
        this.forget();
      }
    }
    return this.api.open();
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.paused || this.connecting) return;
    this.connecting = true;
    this.hooks.state(this.failures > 0 ? 'offline' : 'connecting');
    try {
      const url = await this.streamUrl();
      if (this.stopped || this.paused) return;
      if (this.polling) settle(this.poll());
      else this.openSocket(url);
    } catch {
      this.retry();
    } finally {
      this.connecting = false;
    }
  }

  private retry(): void {
    if (this.stopped || this.paused) return;
    this.hooks.state('offline');
    const delay = Math.min(MAX_BACKOFF_MS, this.retryMs * 2 ** this.failures) * (0.75 + Math.random() / 2);
    this.failures++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => settle(this.connect()), delay);
  }

  private openSocket(url: string): void {
    const ws = new WebSocket(url);
    this.ws = ws;
    let open = false;
    ws.onopen = () => {
      open = true;
      this.opened = true;
      this.failures = 0;
      this.hooks.state('online');
    };
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string' || e.data === '') return; // keep-alive
      try {
        this.receive(JSON.parse(e.data) as { activities?: Activity[]; watermark?: string });
      } catch {
        // a malformed frame is skipped; the watermark makes the next reconnect catch up
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      // Some networks block WebSockets: after 3 failed first attempts, poll instead.
      if (!open && !this.opened && this.failures >= 2) this.polling = true;
      this.retry();
    };
  }

  private receive(msg: { activities?: Activity[]; watermark?: string }): void {
    const s = this.api.session;
    if (!s || this.paused) return;
    if (msg.watermark !== undefined && msg.watermark !== null) {
      s.watermark = String(msg.watermark);
      this.hooks.save(s);
    }
    const list = msg.activities ?? [];
    if (list.length === 0) return;
    const replay = this.replay;
    if (list.some((a) => a.type === 'message')) this.replay = false;
    this.hooks.activities(list, replay);
  }

  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopped || this.paused || !this.api.session) return;
    try {
      const r = await this.api.activities();
      this.failures = 0;
      this.hooks.state('online');
      this.receive(r);
      this.pollDelay = r.activities.length > 0 ? 1000 : Math.min(10_000, this.pollDelay * 1.5);
      if (this.stopped || this.paused) return;
      this.timer = setTimeout(() => settle(this.poll()), this.pollDelay);
    } catch {
      this.retry();
    }
  }

  private pollSoon(): void {
    if (!this.polling) return;
    this.pollDelay = 1000;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => settle(this.poll()), 300);
  }
}
