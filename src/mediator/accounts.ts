/**
 * Mediator accounts: each belongs to ONE territory, with a role (mediateur | coordinateur) and a
 * password hashed with scrypt (node:crypto; a random salt per password, compared in constant time).
 * Redis in production (one Lua script per multi-key change), memory in the embedded default.
 * Removing an account, changing its role, disabling it or resetting its password ends that mediator's sessions
 * (`endSessions`). Coordinators manage accounts through src/mediator/accountAdmin.ts (console and CLI alike).
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';
import { scripts, type ScriptCommands } from '../storage/scripts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export type Role = 'mediateur' | 'coordinateur';

export interface Mediator {
  id: string;
  territory: string;
  username: string;
  name: string;
  role: Role;
  createdAt: number;
  /** A demo account of the embedded default (refused in production). */
  demo?: boolean;
  /** A disabled account cannot log in; its sessions ended when it was disabled. */
  disabled?: boolean;
  /** Most handoffs this mediator may hold at once (set by a coordinator); absent: no limit. */
  capacity?: number;
  /** Their work e-mail (lower case), set by a coordinator: how a ProConnect sign-in finds the account. */
  email?: string;
  /** Signs in with a TOTP code too (read-only: set by enrolment, src/mediator/twoFactor.ts). */
  twoFactorEnabled?: boolean;
  /**
   * Only on a session's copy: the territory requires two-factor sign-in and this mediator has none yet, so the
   * session may only enrol (src/mediator/api.ts refuses everything else with 403).
   */
  twoFactorSetupRequired?: boolean;
}

/** What a coordinator may change on an account without re-creating it. */
export interface AccountChange {
  role?: Role;
  disabled?: boolean;
  /** null: no limit. */
  capacity?: number | null;
  /** null: none. */
  email?: string | null;
}

/** An e-mail as accounts keep it (trimmed, lower case), or an error naming the field. */
export function normalEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw new Error('email: not an e-mail address');
  return e;
}

/** A mediator's second factor (src/mediator/twoFactor.ts): never leaves the server. */
export interface TwoFactorState {
  /** Base32 TOTP secret, once enrolment is confirmed. */
  secret?: string;
  /** The last time step accepted (a code is never accepted twice). */
  lastStep?: number;
  /** A secret being enrolled (shown as a QR code), until a code from it confirms it. */
  pending?: string;
  /** SHA-256 digests of the unused recovery codes. */
  recovery?: string[];
}

interface Stored extends Mediator {
  hash: string;
  twoFactor?: TwoFactorState;
}

/** What leaves the store: no hash, no second-factor secret; `twoFactorEnabled` says whether they have one. */
function publicOf(s: Stored): Mediator {
  const { hash: _h, twoFactor, twoFactorEnabled: _e, ...m } = s;
  return twoFactor?.secret ? { ...m, twoFactorEnabled: true } : m;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 64, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

export interface NewMediator {
  territory: string;
  username: string;
  name: string;
  password: string;
  role?: Role;
  demo?: boolean;
  email?: string;
}

export interface MediatorAccounts {
  /** Throws when the username is taken in that territory. */
  add(input: NewMediator): Promise<Mediator>;
  list(territory: string): Promise<Mediator[]>;
  /** Remove the account and end its sessions; false when there was none. */
  remove(territory: string, username: string): Promise<boolean>;
  /** Change the role and end the mediator's sessions (they log in again with the new rights); false when no such account. */
  setRole(territory: string, username: string, role: Role): Promise<boolean>;
  /**
   * Change role, disabled or capacity; a new role or disabling ends the mediator's sessions. Undefined when no such
   * account; else the account after the change.
   */
  update(territory: string, username: string, change: AccountChange): Promise<Mediator | undefined>;
  /** Set a new password and end the mediator's sessions; false when no such account. */
  setPassword(territory: string, username: string, password: string): Promise<boolean>;
  /** The second-factor state (server side only), or undefined when no such account. */
  twoFactorOf(territory: string, username: string): Promise<TwoFactorState | undefined>;
  /** Replace the second-factor state (null: none); false when no such account. */
  setTwoFactor(territory: string, username: string, state: TwoFactorState | null): Promise<boolean>;
  /** The account when the password is right, else undefined (same time either way). */
  verify(territory: string, username: string, password: string): Promise<Mediator | undefined>;
  get(territory: string, username: string): Promise<Mediator | undefined>;
  /** The territory's account with this e-mail (case-insensitive), for a ProConnect sign-in; undefined when none. */
  findByEmail(territory: string, email: string): Promise<Mediator | undefined>;
}

export interface AccountsOptions {
  /** Ends every session of a mediator (the session store's endAll); called after a removal or a role change. */
  endSessions?: (territory: string, username: string) => Promise<unknown>;
}

/** A fixed hash to compare against when the account does not exist (no timing oracle). */
let dummyHash: Promise<string> | undefined;

abstract class BaseAccounts implements MediatorAccounts {
  constructor(private readonly options: AccountsOptions = {}) {}

  protected abstract load(territory: string, username: string): Promise<Stored | undefined>;
  protected abstract save(s: Stored, mustBeNew: boolean): Promise<boolean>;
  protected abstract delete(territory: string, username: string): Promise<boolean>;
  abstract list(territory: string): Promise<Mediator[]>;

  async remove(territory: string, username: string): Promise<boolean> {
    const removed = await this.delete(territory, username);
    // Even when the account was already gone: a session must never outlive its account.
    await this.options.endSessions?.(territory, username);
    return removed;
  }

  async setRole(territory: string, username: string, role: Role): Promise<boolean> {
    return (await this.update(territory, username, { role })) !== undefined;
  }

  async update(territory: string, username: string, change: AccountChange): Promise<Mediator | undefined> {
    const s = await this.load(territory, username);
    if (!s) return undefined;
    const next: Stored = { ...s };
    if (change.role !== undefined) next.role = change.role;
    if (change.disabled !== undefined) {
      if (change.disabled) next.disabled = true;
      else delete next.disabled;
    }
    if (change.capacity !== undefined) {
      if (change.capacity === null) delete next.capacity;
      else if (!Number.isInteger(change.capacity) || change.capacity < 1 || change.capacity > 50) throw new Error('capacity: a whole number from 1 to 50');
      else next.capacity = change.capacity;
    }
    if (change.email !== undefined) {
      const email = change.email === null || change.email.trim() === '' ? undefined : normalEmail(change.email);
      const other = email ? await this.findByEmail(territory, email) : undefined;
      if (other && other.username !== username) throw new Error('email: another account of this territory has it');
      if (email) next.email = email;
      else delete next.email;
    }
    await this.save(next, false);
    if (next.role !== s.role || (next.disabled && !s.disabled)) await this.options.endSessions?.(territory, username);
    return publicOf(next);
  }

  async twoFactorOf(territory: string, username: string): Promise<TwoFactorState | undefined> {
    const s = await this.load(territory, username);
    return s ? { ...(s.twoFactor ?? {}) } : undefined;
  }

  async setTwoFactor(territory: string, username: string, state: TwoFactorState | null): Promise<boolean> {
    const s = await this.load(territory, username);
    if (!s) return false;
    const next: Stored = { ...s };
    if (state) next.twoFactor = state;
    else delete next.twoFactor;
    await this.save(next, false);
    return true;
  }

  async setPassword(territory: string, username: string, password: string): Promise<boolean> {
    if (password.length < 10) throw new Error('password: at least 10 characters');
    const s = await this.load(territory, username);
    if (!s) return false;
    await this.save({ ...s, hash: await hashPassword(password) }, false);
    await this.options.endSessions?.(territory, username);
    return true;
  }

  async add(input: NewMediator): Promise<Mediator> {
    if (!USERNAME.test(input.username)) throw new Error('username: 2 to 40 lower-case letters, digits, ".", "_" or "-"');
    if (input.password.length < 10) throw new Error('password: at least 10 characters');
    const m: Mediator = {
      id: `${input.territory}:${input.username}`,
      territory: input.territory,
      username: input.username,
      name: input.name.slice(0, 80),
      role: input.role ?? 'mediateur',
      createdAt: Date.now(),
      ...(input.demo ? { demo: true } : {}),
      ...(input.email ? { email: normalEmail(input.email) } : {}),
    };
    if (m.email && (await this.findByEmail(m.territory, m.email))) throw new Error('email: another account of this territory has it');
    const ok = await this.save({ ...m, hash: await hashPassword(input.password) }, true);
    if (!ok) throw new Error(`username "${input.username}" already exists in territory "${input.territory}"`);
    return m;
  }

  async verify(territory: string, username: string, password: string): Promise<Mediator | undefined> {
    const s = await this.load(territory, username);
    dummyHash ??= hashPassword(generatePassword());
    const ok = await verifyPassword(password, s?.hash ?? (await dummyHash));
    if (!s || !ok) return undefined;
    return publicOf(s);
  }

  async get(territory: string, username: string): Promise<Mediator | undefined> {
    const s = await this.load(territory, username);
    return s ? publicOf(s) : undefined;
  }

  async findByEmail(territory: string, email: string): Promise<Mediator | undefined> {
    const wanted = email.trim().toLowerCase();
    // A territory has tens of accounts: a scan is enough (no e-mail index to keep in step).
    return wanted ? (await this.list(territory)).find((m) => m.email === wanted) : undefined;
  }
}

export class MemoryAccounts extends BaseAccounts {
  private readonly byKey = new Map<string, Stored>();

  protected async load(territory: string, username: string) {
    return this.byKey.get(`${territory}:${username}`);
  }

  protected async save(s: Stored, mustBeNew: boolean) {
    if (mustBeNew && this.byKey.has(s.id)) return false;
    this.byKey.set(s.id, s);
    return true;
  }

  async list(territory: string) {
    return [...this.byKey.values()].filter((s) => s.territory === territory).map(publicOf);
  }

  protected async delete(territory: string, username: string) {
    return this.byKey.delete(`${territory}:${username}`);
  }
}

export class RedisAccounts extends BaseAccounts {
  private readonly client: RedisClient;
  private readonly scripts: ScriptCommands;
  private readonly keys: Keyspace;

  constructor(
    redis: RedisClient,
    prefix: string,
    options: AccountsOptions = {},
  ) {
    super(options);
    this.client = redis;
    this.scripts = scripts(redis);
    this.keys = keyspace(prefix);
  }

  private key(territory: string, username: string) {
    return this.keys.mediatorAccount(territory, username);
  }

  private set(territory: string) {
    return this.keys.mediatorAccounts(territory);
  }

  protected async load(territory: string, username: string) {
    const json = await this.client.get(this.key(territory, username));
    return json ? (JSON.parse(json) as Stored) : undefined;
  }

  protected async save(s: Stored, mustBeNew: boolean) {
    return (await this.scripts.accountPut([this.key(s.territory, s.username), this.set(s.territory)], s.username, JSON.stringify(s), mustBeNew ? '1' : '0')) === 1;
  }

  async list(territory: string) {
    const names = (await this.client.smembers(this.set(territory))).sort();
    const all = await Promise.all(names.map((n) => this.get(territory, n)));
    return all.filter((m): m is Mediator => m !== undefined);
  }

  protected async delete(territory: string, username: string) {
    return (await this.scripts.accountRemove([this.key(territory, username), this.set(territory)], username)) === 1;
  }
}

/** The display name of a mediator id ("territory:username"), for reports; undefined when the account is gone. */
export function mediatorName(accounts: MediatorAccounts) {
  return async (territory: string, mediatorId: string): Promise<string | undefined> => {
    const username = mediatorId.startsWith(`${territory}:`) ? mediatorId.slice(territory.length + 1) : mediatorId;
    return (await accounts.get(territory, username))?.name;
  };
}
