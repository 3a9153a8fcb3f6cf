/**
 * ProConnect sign-ins under way (src/mediator/proconnect.ts): what the callback needs to check the answer — the
 * territory, the `nonce` and the PKCE code verifier — kept on the server under the `state` sent to the provider,
 * for 10 minutes at most, and read once (a replayed callback finds nothing). Memory or Redis behind one interface.
 */
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

export interface PendingLogin {
  territory: string;
  nonce: string;
  codeVerifier: string;
}

export const PENDING_LOGIN_SECONDS = 600;

export interface PendingLogins {
  put(state: string, login: PendingLogin, now: number): Promise<void>;
  /** The sign-in started with this state, removed as it is read; undefined when unknown, used or expired. */
  take(state: string, now: number): Promise<PendingLogin | undefined>;
}

export class MemoryPendingLogins implements PendingLogins {
  private readonly byState = new Map<string, { login: PendingLogin; expiresAt: number }>();

  async put(state: string, login: PendingLogin, now: number) {
    for (const [k, v] of this.byState) if (v.expiresAt <= now) this.byState.delete(k);
    this.byState.set(state, { login, expiresAt: now + PENDING_LOGIN_SECONDS * 1000 });
  }

  async take(state: string, now: number) {
    const e = this.byState.get(state);
    this.byState.delete(state);
    return e && e.expiresAt > now ? e.login : undefined;
  }
}

export class RedisPendingLogins implements PendingLogins {
  private readonly keys: Keyspace;

  constructor(private readonly redis: RedisClient, prefix: string) {
    this.keys = keyspace(prefix);
  }

  async put(state: string, login: PendingLogin) {
    await this.redis.set(this.keys.proconnectLogin(state), JSON.stringify(login), 'EX', PENDING_LOGIN_SECONDS);
  }

  async take(state: string) {
    // One key, read and removed at once (GETDEL): a state is used only once, even by two instances.
    const json = await this.redis.getdel(this.keys.proconnectLogin(state));
    return json ? (JSON.parse(json) as PendingLogin) : undefined;
  }
}
