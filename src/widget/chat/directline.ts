/// <reference lib="dom" />
/**
 * A small Direct Line 3.0 client (fetch + WebSocket, no library): starts or resumes the
 * conversation, streams activities, reconnects with backoff, falls back to polling when WebSockets
 * never open, and refreshes the token before it expires.
 */
import { userIdOf, type Session } from './session';
import { settle } from './settle';

export interface Activity {
  type: string;
  id?: string;
  from?: { id?: string; role?: string; name?: string };
  text?: string;
  /** 'markdown' (the server's escaped markdown: see ./markdown.ts) or 'plain'. */
  textFormat?: string;
  locale?: string;
  suggestedActions?: { actions?: Array<{ type?: string; title?: string; value?: unknown }> };
  attachments?: Array<{ contentType?: string; contentUrl?: string; name?: string }>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** The server's `error.code` (e.g. "PhotoQuotaExceeded"), when it said one. */
    readonly code = '',
  ) {
    super(`HTTP ${status}`);
  }
}

export type LinkState = 'connecting' | 'online' | 'offline';

export interface ClientHooks {
  /** New activities; `replay` when it is the whole history sent again after a reload. */
  activities(list: Activity[], replay: boolean): void;
  state(state: LinkState): void;
  save(session: Session | null): void;
  /** The saved conversation could not be resumed (expired, erased): a new one starts. */
  restarted(): void;
}

interface StreamInfo {
  conversationId: string;
  token: string;
  streamUrl: string;
  expires_in: number;
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
  private s: Session | null;
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
  private refreshTimer?: ReturnType<typeof setTimeout>;
  private readonly apiBase: string;
  private readonly territory: string;
  private readonly hooks: ClientHooks;
  private readonly now: () => number;
  private readonly retryMs: number;

  constructor(o: ClientOptions) {
    this.apiBase = o.apiBase;
    this.territory = o.territory;
    this.hooks = o.hooks;
    this.s = o.saved;
    this.now = o.now ?? (() => Date.now());
    this.retryMs = o.retryMs ?? 1000;
  }

  /** Polling instead of a WebSocket (some networks block WebSockets). */
  get isPolling(): boolean {
    return this.polling;
  }

  get userId(): string {
    return this.s?.userId ?? '';
  }

  /** Resume the saved conversation (its whole history is sent again) or start a new one. */
  start(): void {
    if (this.s) {
      if (this.s.expiresAt > this.now() + 5000) {
        this.s.watermark = '';
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
    clearTimeout(this.refreshTimer);
    this.ws?.close();
  }

  /** Back on screen or online again: refresh a token close to expiry, reconnect now. */
  wake(): void {
    if (this.stopped || this.paused) return;
    if (this.s && this.s.expiresAt - this.now() < 5 * 60_000) this.refreshSoon();
    if (!this.ws && !this.connecting) {
      clearTimeout(this.timer);
      this.failures = 0;
      settle(this.connect());
    }
  }

  /**
   * "Terminer et effacer": the server deletes the conversation (DELETE /conversations/:id: its
   * activities, photos, handoff, state), then it is forgotten here. Until `resume()` nothing
   * reconnects. False when the server could not be reached: the conversation is kept, to try again.
   * A token too old to be accepted (403) or a conversation already gone (404) is forgotten too.
   */
  async end(): Promise<boolean> {
    const s = this.s;
    if (!s) return true;
    this.paused = true;
    clearTimeout(this.timer);
    clearTimeout(this.refreshTimer);
    const ws = this.ws;
    this.ws = null; // its close event is then ignored (no reconnect)
    ws?.close();
    let ok = false;
    try {
      const res = await fetch(`${this.apiBase}/conversations/${encodeURIComponent(s.conversationId)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${s.token}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      ok = res.ok || res.status === 403 || res.status === 404;
    } catch {
      ok = false;
    }
    if (ok) {
      this.s = null;
      this.replay = false;
      this.hooks.save(null);
    }
    return ok;
  }

  /** After `end()`: go on, with a new conversation if the old one was forgotten. */
  resume(): void {
    this.paused = false;
    this.failures = 0;
    clearTimeout(this.timer);
    settle(this.connect());
  }

  async send(text: string, locale: string): Promise<string> {
    const s = this.require();
    const r = await this.call<{ id: string }>('POST', `conversations/${encodeURIComponent(s.conversationId)}/activities`, {
      type: 'message',
      from: { id: s.userId },
      text,
      locale,
    });
    this.pollSoon();
    return r.id;
  }

  /** "The citizen is typing" (a Direct Line `typing` activity, not stored): the mediator's console shows it. */
  async typing(): Promise<void> {
    const s = this.s;
    if (!s) return;
    await this.call('POST', `conversations/${encodeURIComponent(s.conversationId)}/activities`, { type: 'typing', from: { id: s.userId } });
  }

    async upload(file: Blob, name: string): Promise<void> {
    const s = this.require();
    const form = new FormData();
    form.append('file', file, name);
    const path = `conversations/${encodeURIComponent(s.conversationId)}/upload?userId=${encodeURIComponent(s.userId)}`;
    await this.call('POST', path, form);
    this.pollSoon();
  }

  private require(): Session {
    if (!this.s) throw new HttpError(0);
    return this.s;
  }

  private forget(): void {
    this.s = null;
    this.hooks.save(null);
    this.hooks.restarted();
  }

  private async call<T>(method: string, path: string, body?: unknown, auth = true, retried = false): Promise<T> {
    const headers: Record<string, string> = {};
    if (auth && this.s) headers.Authorization = `Bearer ${this.s.token}`;
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.apiBase}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (res.status === 403 && auth && !retried && path !== 'tokens/refresh' && this.s && this.s.expiresAt > this.now()) {
      // A token refused before its time (another instance's clock, a rotated secret): refresh once.
      if (await this.refresh().then(() => true, () => false)) return this.call<T>(method, path, body, auth, true);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { code?: unknown } } | null;
      throw new HttpError(res.status, typeof body?.error?.code === 'string' ? body.error.code : '');
    }
    return (await res.json()) as T;
  }

  private adopt(token: string, expiresIn: number): void {
    if (!this.s) return;
    this.s.token = token;
    this.s.expiresAt = this.now() + expiresIn * 1000;
    this.hooks.save(this.s);
    clearTimeout(this.refreshTimer);
    // Refresh at half-life: long before expiry, even if timers run late on a sleeping phone.
    this.refreshTimer = setTimeout(() => this.refreshSoon(), Math.max(5000, (expiresIn * 1000) / 2));
  }

  /** A refresh in the background: a failure is retried by the next one, or ends in a new conversation. */
  private refreshSoon(): void {
    if (this.paused) return;
    settle(this.refresh());
  }

  private async refresh(): Promise<void> {
    const r = await this.call<{ token: string; expires_in: number }>('POST', 'tokens/refresh');
    this.adopt(r.token, r.expires_in);
  }

  /** A stream URL for the saved conversation, or for a new one. */
  private async streamUrl(): Promise<string> {
    if (this.s) {
      try {
        const wm = encodeURIComponent(this.s.watermark);
        const info = await this.call<StreamInfo>('GET', `conversations/${encodeURIComponent(this.s.conversationId)}?watermark=${wm}`);
        this.adopt(info.token, info.expires_in);
        return info.streamUrl;
      } catch (err) {
        if (!(err instanceof HttpError) || (err.status !== 403 && err.status !== 404)) throw err;
        this.replay = false;
        this.forget();
      }
    }
    const gen = await this.call<{ token: string; conversationId: string; expires_in: number }>(
      'POST',
      'tokens/generate',
      { territory: this.territory },
      false,
    );
    this.s = { token: gen.token, conversationId: gen.conversationId, userId: userIdOf(gen.token) ?? '', watermark: '', expiresAt: 0 };
    const info = await this.call<StreamInfo>('POST', 'conversations');
    this.adopt(info.token, info.expires_in);
    return info.streamUrl;
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
    if (!this.s || this.paused) return;
    if (msg.watermark !== undefined && msg.watermark !== null) {
      this.s.watermark = String(msg.watermark);
      this.hooks.save(this.s);
    }
    const list = msg.activities ?? [];
    if (list.length === 0) return;
    const replay = this.replay;
    if (list.some((a) => a.type === 'message')) this.replay = false;
    this.hooks.activities(list, replay);
  }

  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopped || this.paused || !this.s) return;
    try {
      const before = this.s.watermark;
      const r = await this.call<{ activities: Activity[]; watermark: string }>(
        'GET',
        `conversations/${encodeURIComponent(this.s.conversationId)}/activities?watermark=${encodeURIComponent(before)}`,
      );
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
