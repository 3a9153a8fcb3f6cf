/**
 * The audit log of mediators' actions (login, claim, message, release, close, callback, presence, a photo opened, a voice note played, an
 * internal note, a transfer), of logins slowed down after many failures, and of coordinators' changes to accounts
 * (who changed whose account, how): who, what, which handoff or account, when. A capped Redis stream per territory, or memory.
 */
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

export const AUDIT_ACTIONS = [
  'login', 'logout', 'login-slowed', 'claim', 'message', 'release', 'close', 'callback-done', 'on-duty', 'off-duty',
  'account-add', 'account-remove', 'account-role', 'account-disable', 'account-enable', 'account-capacity', 'account-password', 'account-email',
  'two-factor-on', 'two-factor-failed', 'account-two-factor-reset', 'replies-edit', 'photo', 'audio', 'note', 'transfer', 'proconnect-refused',
] as const;

export interface AuditEntry {
  at: number;
  /** Who did it: a mediator id ("territory:username"), or "cli" for the command line. */
  mediatorId: string;
  /** `login-slowed`: many failed logins for this account from several addresses; its logins are slowed down. `replies-edit`: a coordinator saved the team's canned replies. */
  action: (typeof AUDIT_ACTIONS)[number];
  handoffId?: string;
  outcome?: string;
  /** The account an `account-*` action changed (a mediator id). */
  target?: string;
  /** What it was changed to: the role, the capacity ("none" = no limit). */
  detail?: string;
}

/** Filters of the audit page: a mediator (who did it or whose account), an action, a period (ms, inclusive). */
export interface AuditQuery {
  mediatorId?: string;
  action?: AuditEntry['action'];
  from?: number;
  to?: number;
  /** At most this many entries (default 200). */
  limit?: number;
}

/** Entries read from the newest back when filtering (the stream holds up to 100 000). */
const SCAN = 20_000;

export function matches(e: AuditEntry, q: AuditQuery): boolean {
  if (q.mediatorId && e.mediatorId !== q.mediatorId && e.target !== q.mediatorId) return false;
  if (q.action && e.action !== q.action) return false;
  if (q.from !== undefined && e.at < q.from) return false;
  if (q.to !== undefined && e.at > q.to) return false;
  return true;
}

export interface AuditLog {
  write(territory: string, entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(territory: string, count?: number): Promise<AuditEntry[]>;
  /** Newest first, filtered (among the newest 20 000 entries). */
  query(territory: string, q: AuditQuery): Promise<AuditEntry[]>;
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

  async query(territory: string, q: AuditQuery) {
    return (await this.list(territory, SCAN)).filter((e) => matches(e, q)).slice(0, q.limit ?? 200);
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
    if (e.target) fields.push('target', e.target);
    if (e.detail) fields.push('detail', e.detail);
    await this.redis.xadd(this.key(territory), 'MAXLEN', '~', '100000', '*', ...fields);
  }

  async list(territory: string, count = 100) {
    const rows = await this.redis.xrevrange(this.key(territory), '+', '-', 'COUNT', count);
    return rows.map(([, f]) => {
      const o: Record<string, string> = {};
      for (let i = 0; i < f.length; i += 2) o[f[i]] = f[i + 1];
      const e: AuditEntry = { at: Number(o.at), mediatorId: o.mediatorId, action: o.action as AuditEntry['action'], handoffId: o.handoffId, outcome: o.outcome };
      if (o.target) e.target = o.target;
      if (o.detail) e.detail = o.detail;
      return e;
    });
  }

  async query(territory: string, q: AuditQuery) {
    return (await this.list(territory, SCAN)).filter((e) => matches(e, q)).slice(0, q.limit ?? 200);
  }
}
