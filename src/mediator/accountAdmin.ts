/**
 * Managing a territory's mediator accounts: the one code path of the coordinators' console
 * (src/mediator/coordinatorApi.ts) and of `pasapas mediator` (src/mediator/cli.ts). Every change is written to the
 * territory's audit log with who made it; removing, demoting, disabling an account or resetting its password ends
 * that person's sessions (the accounts store's endSessions) and their presence.
 */
import type { AccountChange, Mediator, MediatorAccounts, Role } from './accounts';
import { USERNAME, generatePassword, normalEmail } from './accounts';
import type { AuditEntry, AuditLog } from './audit';
import { fold } from '../text/fold';

/** Who acts: a coordinator's mediator id, or "cli". */
export type Actor = string;

export class AccountError extends Error {
  constructor(
    readonly code: 'NotFound' | 'Taken' | 'Invalid' | 'Self',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export interface NewAccount {
  name: string;
  username?: string;
  role?: Role;
  capacity?: number | null;
  /** Their work e-mail: how a ProConnect sign-in finds the account (docs/mediator-api.md, "ProConnect"). */
  email?: string;
  /** Absent: one is generated and returned once. */
  password?: string;
}

/** A username from a name: "Léa Martin" → "lea.martin". */
export function usernameFor(name: string): string {
  return fold(name).replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

export class AccountAdmin {
  constructor(
    private readonly deps: {
      accounts: MediatorAccounts;
      audit: AuditLog;
      now: () => number;
      /** Presence off when someone's sessions end (the handoff queue's setPresence). */
      setPresence?: (territory: string, mediatorId: string, onDuty: boolean, ttlMs: number, now: number) => Promise<void>;
      /** Ends a mediator's sessions (the session store's endAll), for changes the accounts store does not end them for. */
      endSessions?: (territory: string, username: string) => Promise<unknown>;
    },
  ) {}

  private get endSessions() {
    return this.deps.endSessions;
  }

  list(territory: string): Promise<Mediator[]> {
    return this.deps.accounts.list(territory);
  }

  private async log(territory: string, actor: Actor, action: AuditEntry['action'], target: string, detail?: string) {
    await this.deps.audit.write(territory, { at: this.deps.now(), mediatorId: actor, action, target, ...(detail ? { detail } : {}) });
  }

  private async sessionsEnded(territory: string, username: string) {
    await this.deps.setPresence?.(territory, `${territory}:${username}`, false, 0, this.deps.now());
  }

  private async must(territory: string, username: string): Promise<Mediator> {
    const m = await this.deps.accounts.get(territory, username);
    if (!m) throw new AccountError('NotFound', `no account "${username}" in territory "${territory}"`);
    return m;
  }

  /** The new account and its password (shown once: it is stored hashed). */
  async add(actor: Actor, territory: string, input: NewAccount): Promise<{ account: Mediator; password: string; generated: boolean }> {
    const name = input.name.trim();
    if (!name) throw new AccountError('Invalid', 'name: required');
    const username = input.username ?? usernameFor(name);
    if (!USERNAME.test(username)) throw new AccountError('Invalid', `username "${username}": 2 to 40 lower-case letters, digits, ".", "_" or "-"`);
    if (input.capacity != null && (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 50)) throw new AccountError('Invalid', 'capacity: a whole number from 1 to 50, or none');
    const generated = input.password === undefined;
    const password = input.password ?? generatePassword();
    if (password.length < 10) throw new AccountError('Invalid', 'password: at least 10 characters');
    if (input.email !== undefined) await this.checkEmail(territory, input.email, username);
    if (await this.deps.accounts.get(territory, username)) throw new AccountError('Taken', `username "${username}" already exists in territory "${territory}"`);
    let account: Mediator;
    try {
      account = await this.deps.accounts.add({ territory, username, name, password, role: input.role ?? 'mediateur', ...(input.email ? { email: input.email } : {}) });
    } catch (err) {
      throw new AccountError('Taken', (err as Error).message);
    }
    if (input.capacity != null) account = (await this.deps.accounts.update(territory, username, { capacity: input.capacity })) ?? account;
    await this.log(territory, actor, 'account-add', account.id, account.role);
    return { account, password, generated };
  }

  /** Role, capacity, disabled: one audit entry per field that changed. */
  async update(actor: Actor, territory: string, username: string, change: AccountChange): Promise<Mediator> {
    const before = await this.must(territory, username);
    const self = actor === before.id;
    if (self && change.role === 'mediateur' && before.role === 'coordinateur') throw new AccountError('Self', 'you cannot remove your own coordinator role: ask another coordinator');
    if (self && change.disabled) throw new AccountError('Self', 'you cannot disable your own account');
    if (change.capacity != null && (!Number.isInteger(change.capacity) || change.capacity < 1 || change.capacity > 50)) throw new AccountError('Invalid', 'capacity: a whole number from 1 to 50, or null (no limit)');
    if (change.email) await this.checkEmail(territory, change.email, username);
    const after = await this.deps.accounts.update(territory, username, change);
    if (!after) throw new AccountError('NotFound', `no account "${username}" in territory "${territory}"`);
    if (after.role !== before.role) await this.log(territory, actor, 'account-role', after.id, after.role);
    if (Boolean(after.disabled) !== Boolean(before.disabled)) {
      await this.log(territory, actor, after.disabled ? 'account-disable' : 'account-enable', after.id);
      if (after.disabled) await this.sessionsEnded(territory, username);
    }
    if (after.capacity !== before.capacity) await this.log(territory, actor, 'account-capacity', after.id, after.capacity === undefined ? 'none' : String(after.capacity));
    // The audit says an e-mail was set or removed, not which (personal data stays in the account only).
    if (after.email !== before.email) await this.log(territory, actor, 'account-email', after.id, after.email ? 'set' : 'none');
    return after;
  }

  /** A valid e-mail no other account of the territory has, else AccountError. */
  private async checkEmail(territory: string, email: string, username: string): Promise<void> {
    if (email.trim() === '') return;
    let normal: string;
    try {
      normal = normalEmail(email);
    } catch (err) {
      throw new AccountError('Invalid', (err as Error).message);
    }
    const other = await this.deps.accounts.findByEmail(territory, normal);
    if (other && other.username !== username) throw new AccountError('Taken', 'email: another account of this territory has it');
  }

  /** A new generated password, shown once; the mediator's sessions end. */
  async resetPassword(actor: Actor, territory: string, username: string): Promise<string> {
    const m = await this.must(territory, username);
    const password = generatePassword();
    await this.deps.accounts.setPassword(territory, username, password);
    await this.sessionsEnded(territory, username);
    await this.log(territory, actor, 'account-password', m.id);
    return password;
  }

  /** Remove someone's second factor (lost phone); their sessions end. False when they had none. */
  async resetTwoFactor(actor: Actor, territory: string, username: string, reset: (t: string, u: string) => Promise<boolean>): Promise<boolean> {
    const m = await this.must(territory, username);
    if (!(await reset(territory, username))) return false;
    await this.endSessions?.(territory, username);
    await this.sessionsEnded(territory, username);
    await this.log(territory, actor, 'account-two-factor-reset', m.id);
    return true;
  }

  async remove(actor: Actor, territory: string, username: string): Promise<void> {
    const m = await this.must(territory, username);
    if (actor === m.id) throw new AccountError('Self', 'you cannot remove your own account');
    await this.deps.accounts.remove(territory, username);
    await this.sessionsEnded(territory, username);
    await this.log(territory, actor, 'account-remove', m.id);
  }
}
