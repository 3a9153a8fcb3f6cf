/**
 * The audit log of mediators' actions (login, claim, message, release, close, callback, presence, a photo opened, an internal note, a transfer)
 * and of logins slowed down after many failures:
 * who, what, which handoff, when. A capped Redis stream per territory, or memory.
 */
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

export interface AuditEntry {
  at: number;
  mediatorId: string;
  /** `login-slowed`: many failed logins for this account from several addresses; its logins are slowed down. */
  action: 'login' | 'logout' | 'login-slowed' | 'claim' | 'message' | 'release' | 'close' | 'callback-done' | 'on-duty' | 'off-duty' | 'photo' | 'note' | 'transfer';
  handoffId?: string;
  outcome?: string;
}

export interface AuditLog {
  write(territory: string, entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(territory: string, count?: number): Promise<AuditEntry[]>;
}

export class MemoryAudit implements AuditLog {
  private readonly entries = new Map<string, AuditEntry[]>();

  async write(territory: string, entry: AuditEntry) {
    const list = this.entries.get(territory) ?? [];
    list.push(entry);
    if (list.length > 100_000) list.shift();
    this.entries.set(territory, list);
  }

  async list(territory: string, count = 100) {
    return [...(this.entries.get(territory) ?? [])].reverse().slice(0, count);
  }
}

export class RedisAudit implements AuditLog {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  private key(territory: string) {
    return this.keys.mediatorAudit(territory);
  }

  async write(territory: string, e: AuditEntry) {
    const fields = ['at', String(e.at), 'mediatorId', e.mediatorId, 'action', e.action];
    if (e.handoffId) fields.push('handoffId', e.handoffId);
    if (e.outcome) fields.push('outcome', e.outcome);
    await this.redis.xadd(this.key(territory), 'MAXLEN', '~', '100000', '*', ...fields);
  }

  async list(territory: string, count = 100) {
    const rows = await this.redis.xrevrange(this.key(territory), '+', '-', 'COUNT', count);
    return rows.map(([, f]) => {
      const o: Record<string, string> = {};
      for (let i = 0; i < f.length; i += 2) o[f[i]] = f[i + 1];
      return { at: Number(o.at), mediatorId: o.mediatorId, action: o.action as AuditEntry['action'], handoffId: o.handoffId, outcome: o.outcome };
    });
  }
}
