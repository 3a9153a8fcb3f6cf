/// <reference lib="dom" />
/**
 * The console's client of the mediator API (docs/mediator-api.md): the HttpOnly session cookie goes
 * by itself (same origin); every POST carries X-CSRF-Token. The CSRF token lives in sessionStorage
 * (this tab only, gone when it closes), never in localStorage.
 */
import type { HandoffView, MessageView, Outcome } from './format';

export interface Mediator {
  id: string;
  name: string;
  territory: string;
  role: 'mediateur' | 'coordinateur';
}

export interface Me extends Mediator {
  onDuty: boolean;
  /** The territory requires a second factor and this account has none yet: enrol first (/mediator/admin/). */
  twoFactorSetupRequired?: boolean;
  idleTimeoutSeconds: number;
}

export interface TranscriptLine {
  from: 'citizen' | 'bot' | 'mediator';
  text: string;
  at: number;
}

export interface CallbackView {
  id: string;
  phone: string;
  callAt: number;
  guideTitle?: string;
  stepNumber?: number;
  stepTotal?: number;
  summary: string;
  locale: string;
  reason?: string;
}

export interface ClaimResult {
  handoff: HandoffView;
  transcript: TranscriptLine[];
  messages: MessageView[];
}

/** GET /handoffs/:id: what a reload rebuilds a conversation from. */
export interface HandoffDetail extends ClaimResult {
  notes: unknown[];
  previous: unknown[];
}

export interface CannedReply {
  title: string;
  text: string;
}

export interface RepliesView {
  locale: string;
  replies: CannedReply[];
  /** false: the defaults (nobody of the team saved any yet). */
  custom: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const CSRF_KEY = 'pasapas:mediator:csrf';
const BASE = '/api/mediator';

function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export class MediatorApi {
  private csrf: string | null = session()?.getItem(CSRF_KEY) ?? null;
  /** Called on any 401 of an authenticated call (session over). */
  onUnauthorized: () => void = () => undefined;

  get hasSession(): boolean {
    return this.csrf !== null;
  }

  private setCsrf(token: string | null): void {
    this.csrf = token;
    try {
      if (token) session()?.setItem(CSRF_KEY, token);
      else session()?.removeItem(CSRF_KEY);
    } catch {
      // storage refused: memory only (a reload asks to log in again)
    }
  }

  /** One call of the API (public for the console's other modules: tools.ts). */
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, authed = true): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['X-CSRF-Token'] = this.csrf;
    let res: Response;
    try {
      res = await fetch(BASE + path, { method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'Offline', 'network error');
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
      if (res.status === 401 && authed) {
        this.setCsrf(null);
        this.onUnauthorized();
      }
      throw new ApiError(res.status, err?.code ?? String(res.status), err?.message ?? res.statusText, res.headers.get('retry-after'));
    }
    return json as T;
  }

  /** `code`: the authenticator app's code or a recovery code, when the account has a second factor. */
  async login(territory: string, username: string, password: string, code?: string): Promise<Mediator> {
    const r = await this.call<{ csrfToken: string; mediator: Mediator }>('POST', '/login', { territory, username, password, ...(code ? { code } : {}) }, false);
    this.setCsrf(r.csrfToken);
    return r.mediator;
  }

  async logout(): Promise<void> {
    try {
      await this.call<null>('POST', '/logout');
    } finally {
      this.setCsrf(null);
    }
  }

  /** Forget the session locally (it already ended on the server). */
  forget(): void {
    this.setCsrf(null);
  }

  async me(): Promise<Me> {
    const m = await this.call<Me & { csrfToken?: string }>('GET', '/me');
    // After a ProConnect sign-in (a redirect) this is where the console learns its CSRF token.
    if (m.csrfToken && !this.csrf) this.setCsrf(m.csrfToken);
    return m;
  }

  queue(): Promise<{ waiting: HandoffView[]; mine: HandoffView[]; now?: number; atCapacity?: boolean }> {
    return this.call('GET', '/queue');
  }

  claim(id: string): Promise<ClaimResult> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/claim`);
  }

  handoff(id: string): Promise<HandoffDetail> {
    return this.call('GET', `/handoffs/${encodeURIComponent(id)}`);
  }

  heartbeat(id: string): Promise<{ leaseExpiresAt: number }> {
    return this.call('POST', `/handoffs/${encodeURIComponent(id)}/heartbeat`);
  }

  async messages(id: string, after: number): Promise<MessageView[]> {
    const q = after > 0 ? `?after=${after}` : '';
    return (await this.call<{ messages: MessageView[] }>('GET', `/handoffs/${encodeURIComponent(id)}/messages${q}`)).messages ?? [];
  }

  /** Sends a message; `delivery` is "when-citizen-writes" when it will wait for the citizen (WhatsApp, after 24 h). */
  async send(id: string, text: string): Promise<{ index: number; delivery?: string }> {
    return (await this.call<{ index: number; delivery?: string }>('POST', `/handoffs/${encodeURIComponent(id)}/messages`, { text }));
  }

  async release(id: string): Promise<void> {
    await this.call('POST', `/handoffs/${encodeURIComponent(id)}/release`);
  }

  async close(id: string, outcome: Outcome, note?: string): Promise<void> {
    await this.call('POST', `/handoffs/${encodeURIComponent(id)}/close`, note ? { outcome, note } : { outcome });
  }

  async callbacks(): Promise<CallbackView[]> {
    return (await this.call<{ callbacks: CallbackView[] }>('GET', '/callbacks')).callbacks ?? [];
  }

  async callbackDone(id: string, outcome: Outcome): Promise<void> {
    await this.call('POST', `/callbacks/${encodeURIComponent(id)}/done`, { outcome });
  }

  /** Is the citizen typing (only where the channel shows it: `shown`)? */
  typingOf(id: string): Promise<{ citizen: boolean; since?: number; shown: boolean }> {
    return this.call('GET', `/handoffs/${encodeURIComponent(id)}/typing`);
  }

  /** The mediator is typing in this conversation. */
  async typing(id: string): Promise<void> {
    await this.call('POST', `/handoffs/${encodeURIComponent(id)}/typing`);
  }

  /** The team's canned replies in a language (GET /replies). */
  replies(locale: string): Promise<RepliesView> {
    return this.call('GET', `/replies?locale=${encodeURIComponent(locale)}`);
  }

  /** Coordinators: replace them (PUT /replies). */
  saveReplies(locale: string, replies: CannedReply[]): Promise<RepliesView> {
    return this.call('PUT', '/replies', { locale, replies });
  }

  async presence(onDuty: boolean): Promise<boolean> {
    return (await this.call<{ onDuty: boolean }>('POST', '/presence', { onDuty })).onDuty;
  }
}
