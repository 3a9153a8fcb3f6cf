/**
 * What the messaging channels (SMS, WhatsApp, Telegram) remember about a citizen's address, shared
 * by every instance: provider message ids already handled (retries → one turn), when the citizen
 * last wrote (we only ever write to people who wrote first; WhatsApp's 24-hour window), STOP, rate
 * limits, and messages held back (the rest of a long SMS reply until "SUITE", or WhatsApp messages
 * waiting for the citizen to reopen the window), and the conversations of each citizen (one per number
 * of ours they wrote to: "effacer mes données" erases them all). Addresses (phone numbers, chat ids)
 * appear in keys only as keyed hashes (src/privacy/contactIds.ts). Everything expires with the retention
 * period: the store's, or its territory's through `withTtl` (the channel knows the territory of the
 * number the citizen wrote to).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../paths';
import type { RedisClient } from '../../storage/redis';
import { ContactIds, isLegacyId, legacyAddressKey } from '../../privacy/contactIds';

/**
 * How long a message id stays taken by a turn that has not finished. A process that dies in the
 * middle of a turn leaves the id "pending": once this has passed, the provider's next retry of the
 * message runs it (WhatsApp and Telegram retry for hours), instead of being taken as a duplicate.
 * Far above any turn (the webhook answers 503 after WEBHOOK_DEADLINE_MS, 800 ms by default).
 */
export const DELIVERY_LEASE_SECONDS = 120;

export type DeliveryState = 'taken' | 'pending' | 'done';

const TAKE_SCRIPT = readFileSync(join(ROOT, 'src/channels/webhook/lua/deliveryTake-1.lua'), 'utf8');
type TakeClient = RedisClient & { pasapasDeliveryTake(key: string, leaseSeconds: number): Promise<string | null> };

export interface ContactStore {
  /** How addresses become ids (keyed with CONTACT_HASH_SECRET). */
  readonly ids: ContactIds;
  /** The same store, whose writes are kept `ttlSeconds` (a territory's retention). */
  withTtl(ttlSeconds: number): ContactStore;
  /**
   * Take a provider message id: 'taken' the first time (it is now "pending" for DELIVERY_LEASE_SECONDS);
   * for a retry (on any instance), 'pending' while a turn may still be running it, 'done' once it is handled.
   */
  takeDelivery(channel: string, messageId: string): Promise<DeliveryState>;
  /** The message's turn is stored: its id is remembered for the retention period. */
  deliveryDone(channel: string, messageId: string): Promise<void>;
  /** Forget a message id whose turn failed, so the provider's retry is processed. */
  releaseDelivery(channel: string, messageId: string): Promise<void>;
  /**
   * The citizen wrote to us at `at` (in `conversationId`, remembered among their conversations); returns their
   * user id (a keyed hash of the address). A STOP written by the version before keyed ids is carried over.
   */
  touch(channel: string, address: string, at: number, conversationId?: string): Promise<string>;
  /** The conversations of a user id (one per number of ours written to), within the retention period. */
  conversationsOf(userId: string): Promise<string[]>;
  /** A user id back to its address and when they last wrote, if within the retention period. */
  lookup(userId: string): Promise<{ address: string; at: number } | undefined>;
  setOptedOut(channel: string, address: string, optedOut: boolean): Promise<void>;
  isOptedOut(channel: string, address: string): Promise<boolean>;
  /** Count one message against `limit` per `windowMs`; true while under the limit. */
  hit(key: string, limit: number, windowMs: number, now: number): Promise<boolean>;
  /** Hold messages for later, replacing what was held. */
  hold(channel: string, address: string, items: string[]): Promise<void>;
  /** Add messages after what is held. */
  holdMore(channel: string, address: string, items: string[]): Promise<void>;
  /** Take up to `count` held messages; `remaining` says how many are still held. */
  take(channel: string, address: string, count: number): Promise<{ items: string[]; remaining: number }>;
  /** Keep a user id's address at least `seconds` more (a reminder the citizen asked for must be able to reach them). */
  keep(userId: string, seconds: number): Promise<void>;
  /**
   * "Effacer mes données": forget a user id's address, held messages, counters and list of conversations.
   * STOP is kept (it is only a keyed hash, and honouring it is the citizen's right); it expires with the
   * retention period.
   */
  eraseUser(channel: string, userId: string): Promise<void>;
  /** Forget everything about an address (opt-out excepted: STOP outlives a reset). */
  forget(channel: string, address: string): Promise<void>;
}

export class RedisContactStore implements ContactStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly leaseSeconds = DELIVERY_LEASE_SECONDS,
    readonly ids: ContactIds = ContactIds.ephemeral(),
  ) {
    if (!('pasapasDeliveryTake' in redis)) redis.defineCommand('pasapasDeliveryTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  }

  withTtl(ttlSeconds: number): ContactStore {
    return new RedisContactStore(this.redis, this.prefix, ttlSeconds, this.leaseSeconds, this.ids);
  }

  private k(kind: string, channel: string, address: string): string {
    return `${this.prefix}contact:${kind}:${this.ids.addressKey(channel, address)}`;
  }

  private convs(userId: string): string {
    return `${this.prefix}contact:convs:${userId}`;
  }

  private dedupKey(channel: string, messageId: string): string {
    return `${this.prefix}dedup:${channel}:${createHash('sha256').update(messageId).digest('base64url').slice(0, 22)}`;
  }

  async takeDelivery(channel: string, messageId: string): Promise<DeliveryState> {
    const was = await (this.redis as TakeClient).pasapasDeliveryTake(this.dedupKey(channel, messageId), this.leaseSeconds);
    // '1': an id remembered before ids had states (done).
    return was === null ? 'taken' : was === 'pending' ? 'pending' : 'done';
  }

  async deliveryDone(channel: string, messageId: string): Promise<void> {
    // XX: a released id (the turn failed) stays released.
    await this.redis.set(this.dedupKey(channel, messageId), 'done', 'EX', this.ttlSeconds, 'XX');
  }

  async releaseDelivery(channel: string, messageId: string): Promise<void> {
    await this.redis.del(this.dedupKey(channel, messageId));
  }

  async touch(channel: string, address: string, at: number, conversationId?: string): Promise<string> {
    const userId = this.ids.userId(channel, address);
    // Independent keys in different cluster slots: sent together, not in one transaction.
    await Promise.all([
      this.redis.set(`${this.prefix}contact:seen:${userId}`, JSON.stringify({ address, at }), 'EX', this.ttlSeconds),
      conversationId ? this.redis.multi().sadd(this.convs(userId), conversationId).expire(this.convs(userId), this.ttlSeconds).exec() : undefined,
      this.adoptLegacyStop(channel, address, userId),
    ]);
    return userId;
  }

  /**
   * A STOP recorded by the version before keyed ids (its key: the plain hash of the old user id), or kept by
   * `pasapas migrate-contacts` for a citizen it could not tie to an address (an erased one): the citizen's own
   * message gives the address, so the STOP is found and moved under their keyed id. Two key reads (PTTL) per message.
   */
  private async adoptLegacyStop(channel: string, address: string, userId: string): Promise<void> {
    if (this.ids.isLegacy) return;
    const oldKey = legacyAddressKey(channel, legacyAddressKey(channel, address));
    const candidates = [`${this.prefix}contact:stop:${oldKey}`, `${this.prefix}contact:stop:${this.ids.orphan(channel, oldKey)}`];
    const found = await Promise.all(candidates.map((key) => this.redis.pttl(key)));
    const ttlMs = Math.max(...found);
    if (ttlMs === -2) return; // neither exists
    await this.redis.set(this.k('stop', channel, userId), '1', 'PX', ttlMs > 0 ? ttlMs : this.ttlSeconds * 1000);
    await Promise.all(candidates.map((key) => this.redis.unlink(key)));
  }

  async conversationsOf(userId: string): Promise<string[]> {
    return this.redis.smembers(this.convs(userId));
  }

  async lookup(userId: string): Promise<{ address: string; at: number } | undefined> {
    const v = await this.redis.get(`${this.prefix}contact:seen:${userId}`);
    return v === null ? undefined : (JSON.parse(v) as { address: string; at: number });
  }

  async keep(userId: string, seconds: number): Promise<void> {
    const key = `${this.prefix}contact:seen:${userId}`;
    // Only ever lengthen: GT keeps a later expiry that is already set.
    await this.redis.expire(key, seconds, 'GT');
  }

  async setOptedOut(channel: string, address: string, optedOut: boolean): Promise<void> {
    const key = this.k('stop', channel, address);
    if (optedOut) await this.redis.set(key, '1', 'EX', this.ttlSeconds);
    else await this.redis.del(key);
  }

  async isOptedOut(channel: string, address: string): Promise<boolean> {
    const keys = [this.k('stop', channel, address)];
    // An old id, from a reference stored before ids were keyed (until `pasapas migrate-contacts` has run): its STOP
    // is still under the plain hash.
    if (isLegacyId(address) && !this.ids.isLegacy) keys.push(`${this.prefix}contact:stop:${legacyAddressKey(channel, address)}`);
    const found = await Promise.all(keys.map((key) => this.redis.exists(key)));
    return found.some((n) => n === 1);
  }

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const k = `${this.prefix}rl:${key}`;
    const [[, n]] = (await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').exec()) as [[null, number], unknown];
    return n <= limit;
  }

  async hold(channel: string, address: string, items: string[]): Promise<void> {
    const key = this.k('held', channel, address);
    const tx = this.redis.multi().del(key);
    if (items.length) tx.rpush(key, ...items).expire(key, this.ttlSeconds);
    await tx.exec();
  }

  async holdMore(channel: string, address: string, items: string[]): Promise<void> {
    if (!items.length) return;
    const key = this.k('held', channel, address);
    await this.redis.multi().rpush(key, ...items).expire(key, this.ttlSeconds).exec();
  }

  async take(channel: string, address: string, count: number): Promise<{ items: string[]; remaining: number }> {
    const key = this.k('held', channel, address);
    const res = (await this.redis.multi().lrange(key, 0, count - 1).ltrim(key, count, -1).llen(key).exec()) as Array<[Error | null, unknown]>;
    return { items: res[0][1] as string[], remaining: res[2][1] as number };
  }

  async forget(channel: string, address: string): Promise<void> {
    // Two independent keys (nothing ties one to the other), in different cluster slots: one DEL each.
    await Promise.all([this.redis.unlink(this.k('seen', channel, address)), this.redis.unlink(this.k('held', channel, address))]);
  }

  async eraseUser(channel: string, userId: string): Promise<void> {
    const counters = ['in:m', 'in:d', 'out:d', 'notice'].map((c) => `${this.prefix}rl:${userId}:${c}`);
    // Independent keys in different cluster slots: one UNLINK each.
    const keys = [`${this.prefix}contact:seen:${userId}`, this.k('held', channel, userId), this.convs(userId), ...counters];
    await Promise.all(keys.map((k) => this.redis.unlink(k)));
  }
}

export class MemoryContactStore implements ContactStore {
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    private readonly leaseSeconds = DELIVERY_LEASE_SECONDS,
    readonly ids: ContactIds = ContactIds.ephemeral(),
    private readonly values = new Map<string, { value: string | string[]; expiresAt: number }>(),
  ) {}

  withTtl(ttlSeconds: number): ContactStore {
    return new MemoryContactStore(ttlSeconds, this.now, this.leaseSeconds, this.ids, this.values);
  }

  private key(channel: string, address: string): string {
    return this.ids.addressKey(channel, address);
  }

  private get(key: string): string | string[] | undefined {
    const e = this.values.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.values.delete(key);
      return undefined;
    }
    return e.value;
  }

  private set(key: string, value: string | string[], ttlMs = this.ttlSeconds * 1000): void {
    this.values.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async takeDelivery(channel: string, messageId: string): Promise<DeliveryState> {
    const key = `dedup:${channel}:${messageId}`;
    const was = this.get(key);
    if (was !== undefined) return was === 'pending' ? 'pending' : 'done';
    this.set(key, 'pending', this.leaseSeconds * 1000);
    return 'taken';
  }

  async deliveryDone(channel: string, messageId: string): Promise<void> {
    const key = `dedup:${channel}:${messageId}`;
    if (this.get(key) !== undefined) this.set(key, 'done');
  }

  async releaseDelivery(channel: string, messageId: string): Promise<void> {
    this.values.delete(`dedup:${channel}:${messageId}`);
  }

  async touch(channel: string, address: string, at: number, conversationId?: string): Promise<string> {
    const userId = this.ids.userId(channel, address);
    this.set(`seen:${userId}`, JSON.stringify({ address, at }));
    if (conversationId) {
      const list = this.get(`convs:${userId}`);
      const all = Array.isArray(list) ? list : [];
      this.set(`convs:${userId}`, all.includes(conversationId) ? all : [...all, conversationId]);
    }
    return userId;
  }

  async conversationsOf(userId: string): Promise<string[]> {
    const list = this.get(`convs:${userId}`);
    return Array.isArray(list) ? [...list] : [];
  }

  async lookup(userId: string): Promise<{ address: string; at: number } | undefined> {
    const v = this.get(`seen:${userId}`);
    return typeof v === 'string' ? (JSON.parse(v) as { address: string; at: number }) : undefined;
  }

  async keep(userId: string, seconds: number): Promise<void> {
    const e = this.values.get(`seen:${userId}`);
    if (e) e.expiresAt = Math.max(e.expiresAt, this.now() + seconds * 1000);
  }

  async setOptedOut(channel: string, address: string, optedOut: boolean): Promise<void> {
    const key = `stop:${this.key(channel, address)}`;
    if (optedOut) this.set(key, '1');
    else this.values.delete(key);
  }

  async isOptedOut(channel: string, address: string): Promise<boolean> {
    return this.get(`stop:${this.key(channel, address)}`) !== undefined;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<boolean> {
    const k = `rl:${key}`;
    const e = this.values.get(k);
    const count = e && e.expiresAt > this.now() ? Number(e.value) + 1 : 1;
    this.values.set(k, { value: String(count), expiresAt: e && e.expiresAt > this.now() ? e.expiresAt : this.now() + windowMs });
    return count <= limit;
  }

  async hold(channel: string, address: string, items: string[]): Promise<void> {
    const key = `held:${this.key(channel, address)}`;
    if (items.length) this.set(key, [...items]);
    else this.values.delete(key);
  }

  async holdMore(channel: string, address: string, items: string[]): Promise<void> {
    const held = this.get(`held:${this.key(channel, address)}`);
    await this.hold(channel, address, [...(Array.isArray(held) ? held : []), ...items]);
  }

  async take(channel: string, address: string, count: number): Promise<{ items: string[]; remaining: number }> {
    const key = `held:${this.key(channel, address)}`;
    const held = this.get(key);
    const list = Array.isArray(held) ? held : [];
    const items = list.slice(0, count);
    const rest = list.slice(count);
    if (rest.length) this.set(key, rest);
    else this.values.delete(key);
    return { items, remaining: rest.length };
  }

  async forget(channel: string, address: string): Promise<void> {
    this.values.delete(`seen:${this.key(channel, address)}`);
    this.values.delete(`held:${this.key(channel, address)}`);
  }

  async eraseUser(channel: string, userId: string): Promise<void> {
    this.values.delete(`seen:${userId}`);
    this.values.delete(`convs:${userId}`);
    this.values.delete(`held:${this.key(channel, userId)}`);
    for (const c of ['in:m', 'in:d', 'out:d', 'notice']) this.values.delete(`rl:${userId}:${c}`);
  }
}
