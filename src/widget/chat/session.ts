/// <reference lib="dom" />
/**
 * What survives a reload, per territory: the Direct Line session in sessionStorage (this tab only, gone
 * when it closes: on a shared computer the next person never finds the previous citizen's token) with the
 * messages still waiting for the network (./outbox.ts; forgotten with the session, "Terminer et effacer" too), and
 * the text size and "Tout lire à voix haute" in localStorage (a preference, nothing personal). Storage may be missing or throw
 * (private mode, blocked third-party storage): then memory only.
 */
export interface Session {
  token: string;
  conversationId: string;
  watermark: string;
  /** Epoch ms (browser clock) after which the token is no longer valid. */
  expiresAt: number;
  userId: string;
}

/** A message waiting to be sent (./outbox.ts `Outgoing`). */
export interface Waiting {
  text: string;
  id: string;
  typed: boolean;
}
/** At most this many waiting messages are kept (nobody writes more while the network is cut). */
const WAITING_MAX = 20;

export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function browserStorage(kind: 'session' | 'local' = 'session'): KeyValue | null {
  try {
    const s = kind === 'session' ? window.sessionStorage : window.localStorage;
    s.getItem('pasapas');
    return s;
  } catch {
    return null;
  }
}

export class Persisted {
  constructor(
    /** The session's store (sessionStorage). */
    private readonly store: KeyValue | null,
    private readonly prefix: string,
    /** Preferences' store (localStorage); the session's by default. */
    private readonly prefs: KeyValue | null = store,
  ) {}

  private get(key: string, from = this.store): string | null {
    try {
      return from?.getItem(`${this.prefix}:${key}`) ?? null;
    } catch {
      return null;
    }
  }

  private set(key: string, value: string | null, to = this.store): void {
    try {
      if (value === null) to?.removeItem(`${this.prefix}:${key}`);
      else to?.setItem(`${this.prefix}:${key}`, value);
    } catch {
      // full or blocked: the conversation still works, it just won't survive a reload
    }
  }

  /** Older widgets kept the session in localStorage: a token left there is removed, never used. */
  dropLegacySession(): void {
    if (this.prefs !== this.store) this.set('session', null, this.prefs);
  }

  session(): Session | null {
    try {
      const s = JSON.parse(this.get('session') ?? 'null') as Partial<Session> | null;
      if (!s || typeof s.token !== 'string' || typeof s.conversationId !== 'string' || typeof s.userId !== 'string') return null;
      return { token: s.token, conversationId: s.conversationId, userId: s.userId, watermark: String(s.watermark ?? ''), expiresAt: Number(s.expiresAt) || 0 };
    } catch {
      return null;
    }
  }

  saveSession(s: Session | null): void {
    this.set('session', s && JSON.stringify(s));
    // The messages waiting belong to the conversation: forgotten with it.
    if (!s) this.set('outbox', null);
  }

  /** The messages a previous page could not send yet, in order. */
  waiting(): Waiting[] {
    try {
      const list = JSON.parse(this.get('outbox') ?? '[]') as unknown;
      if (!Array.isArray(list)) return [];
      return list
        .filter((w: Partial<Waiting> | null) => !!w && typeof w.text === 'string' && w.text !== '' && typeof w.id === 'string' && w.id !== '' && w.id.length <= 100)
        .slice(0, WAITING_MAX)
        .map((w: Waiting) => ({ text: w.text, id: w.id, typed: w.typed === true }));
    } catch {
      return [];
    }
  }

  saveWaiting(list: Waiting[]): void {
    this.set('outbox', list.length > 0 ? JSON.stringify(list.slice(0, WAITING_MAX).map((w) => ({ text: w.text, id: w.id, typed: w.typed }))) : null);
  }

  textSize(): number {
    return Number(this.get('size', this.prefs)) || 0;
  }

  saveTextSize(step: number): void {
    this.set('size', String(step), this.prefs);
  }

  /** "Tout lire à voix haute", kept across visits like the text size. */
  readAloud(): boolean {
    return this.get('read', this.prefs) === '1';
  }

  saveReadAloud(on: boolean): void {
    this.set('read', on ? '1' : null, this.prefs);
  }
}

/** The `user` claim of a Direct Line token (JWT payload, base64url JSON); not verified. */
export function userIdOf(token: string): string | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4));
    const user = (JSON.parse(json) as { user?: unknown }).user;
    return typeof user === 'string' && user ? user : null;
  } catch {
    return null;
  }
}
