/// <reference lib="dom" />
/**
 * The Direct Line 3.0 requests of the chat frame (fetch, no library) and the session they run under: a new
 * conversation or the saved one's stream URL, the token (adopted from each answer, refreshed at half-life, and
 * once more when refused before its time), messages, typing, photos, the activities since a watermark (polling),
 * and erasing the conversation. Keeping the connection up is ./directline.ts.
 */
import { userIdOf, type Session } from './session';

export interface Activity {
  type: string;
  id?: string;
  from?: { id?: string; role?: string; name?: string };
  text?: string;
  /** 'markdown' (the server's escaped markdown: see ./markdown.ts) or 'plain'. */
  textFormat?: string;
  locale?: string;
  /** Each action's `channelData.key`: what the bot understands when it is typed ("0" for a person in our menu). */
  suggestedActions?: { actions?: Array<{ type?: string; title?: string; value?: unknown; channelData?: { key?: unknown } }> };
  attachments?: Array<{ contentType?: string; contentUrl?: string; name?: string }>;
  /** The echo of the citizen's message keeps the id this client gave it. */
  channelData?: { clientActivityID?: unknown };
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

interface StreamInfo {
  conversationId: string;
  token: string;
  streamUrl: string;
  expires_in: number;
}

export interface ApiOptions {
  /** "/v3/directline" (or absolute) */
  apiBase: string;
  territory: string;
  /** The session saved by a previous page, if any. */
  saved: Session | null;
  now: () => number;
  /** The session changed (null: forgotten): keep it for the next page. */
  save(session: Session | null): void;
  /** The token is at half-life: time to refresh it (the client knows whether it may). */
  refreshDue(): void;
}

export class DirectLineApi {
  private s: Session | null;
  private refreshTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly o: ApiOptions) {
    this.s = o.saved;
  }

  /** The conversation's session (its watermark is the client's to move), or null before one starts. */
  get session(): Session | null {
    return this.s;
  }

  get userId(): string {
    return this.s?.userId ?? '';
  }

  forget(): void {
    this.s = null;
    this.o.save(null);
  }

  /** The saved conversation's stream URL, from its watermark (403 / 404: it cannot be resumed). */
  async reconnect(): Promise<string> {
    const s = this.require();
    const info = await this.call<StreamInfo>('GET', `conversations/${encodeURIComponent(s.conversationId)}?watermark=${encodeURIComponent(s.watermark)}`);
    this.adopt(info.token, info.expires_in);
    return info.streamUrl;
  }

  /** A new conversation in the territory, and its stream URL. */
  async open(): Promise<string> {
    const gen = await this.call<{ token: string; conversationId: string; expires_in: number }>(
      'POST',
      'tokens/generate',
      { territory: this.o.territory },
      false,
    );
    this.s = { token: gen.token, conversationId: gen.conversationId, userId: userIdOf(gen.token) ?? '', watermark: '', expiresAt: 0 };
    const info = await this.call<StreamInfo>('POST', 'conversations');
    this.adopt(info.token, info.expires_in);
    return info.streamUrl;
  }

  async refresh(): Promise<void> {
    const r = await this.call<{ token: string; expires_in: number }>('POST', 'tokens/refresh');
    this.adopt(r.token, r.expires_in);
  }

  cancelRefresh(): void {
    clearTimeout(this.refreshTimer);
  }

  /**
   * DELETE /conversations/:id (its activities, photos, handoff, state), then the session is forgotten. False when
   * the server could not be reached: it is kept. A token too old to be accepted (403) or a conversation already
   * gone (404) is forgotten too.
   */
  async erase(): Promise<boolean> {
    const s = this.s;
    if (!s) return true;
    let ok = false;
    try {
      const res = await fetch(`${this.o.apiBase}/conversations/${encodeURIComponent(s.conversationId)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${s.token}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      ok = res.ok || res.status === 403 || res.status === 404;
    } catch {
      ok = false;
    }
    if (ok) this.forget();
    return ok;
  }

  /** A message; `clientId` (its `channelData.clientActivityID`) makes a re-post of it run once on the server. */
  async send(text: string, locale: string, clientId?: string): Promise<string> {
    const s = this.require();
    const r = await this.call<{ id: string }>('POST', `conversations/${encodeURIComponent(s.conversationId)}/activities`, {
      type: 'message',
      from: { id: s.userId },
      text,
      locale,
      ...(clientId ? { channelData: { clientActivityID: clientId } } : {}),
    });
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
  }

  /** The activities after the session's watermark (polling). */
  async activities(): Promise<{ activities: Activity[]; watermark: string }> {
    const s = this.require();
    return this.call('GET', `conversations/${encodeURIComponent(s.conversationId)}/activities?watermark=${encodeURIComponent(s.watermark)}`);
  }

  private require(): Session {
    if (!this.s) throw new HttpError(0);
    return this.s;
  }

  private async call<T>(method: string, path: string, body?: unknown, auth = true, retried = false): Promise<T> {
    const headers: Record<string, string> = {};
    if (auth && this.s) headers.Authorization = `Bearer ${this.s.token}`;
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.o.apiBase}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    if (res.status === 403 && auth && !retried && path !== 'tokens/refresh' && this.s && this.s.expiresAt > this.o.now()) {
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
    this.s.expiresAt = this.o.now() + expiresIn * 1000;
    this.o.save(this.s);
    clearTimeout(this.refreshTimer);
    // Refresh at half-life: long before expiry, even if timers run late on a sleeping phone.
    this.refreshTimer = setTimeout(() => this.o.refreshDue(), Math.max(5000, (expiresIn * 1000) / 2));
  }
}
