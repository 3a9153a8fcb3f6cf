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

/** What a messaging channel asks before a citizen's turn (one round trip: src/channels/webhook/lua/beforeTurn-8.lua). */
export interface BeforeTurnRequest {
  /** Provider message id (MessageSid, wamid, update_id). */
  messageId: string;
  /** The citizen's address (phone number, chat id): remembered, to write back. */
  address: string;
  at: number;
  /** The conversation written in, remembered among the citizen's conversations. */
  conversationId: string;
  limits: { perMinute: number; perDay: number };
  /** A photo or voice note without text (no STOP, no "SUITE", nothing held is touched). */
  media: boolean;
  /** STOP and START are recorded before the turn, so that nothing after it can lose them. */
  command?: 'stop' | 'start';
  /** "SUITE": hand out up to this many held items instead of running a turn (0: not asked). */
  more: number;
  /** What becomes of held items on a new message: sent first ('flush'), dropped ('clear'), left ('keep'). */
  held: 'flush' | 'clear' | 'keep';
}

export type BeforeTurn =
  | { state: 'pending' | 'done'; userId: string }
  | {
      state: 'taken';
      userId: string;
      /** Over the inbound rate limit (nothing else was done); `notice`: say so (once per window). */
      limited?: 'minute' | 'day';
      notice: boolean;
      /** STOP was in force before this message. */
      optedOut: boolean;
      /** "SUITE" found held items: these go out instead of a turn. */
      more?: { items: string[]; remaining: number };
      /** Held items taken to go out before this turn's replies ('flush'). */
      flushed: string[];
    };

/** What a messaging channel writes once the items to send are known (one round trip: lua/afterTurn-3.lua). */
export interface AfterTurnRequest {
  userId: string;
  /** The message whose turn this was: marked done (a retry of it is then a duplicate). None: proactive. */
  messageId?: string;
  /** How many items are about to be sent: counted against the day's outbound cap. */
  count: number;
  outPerDay: number;
  /** Items held back for later: replacing what was held, or after it. */
  hold?: { mode: 'replace' | 'append'; items: string[] };
}

const BEFORE_SCRIPT = readFileSync(join(ROOT, 'src/channels/webhook/lua/beforeTurn-8.lua'), 'utf8');
const AFTER_SCRIPT = readFileSync(join(ROOT, 'src/channels/webhook/lua/afterTurn-3.lua'), 'utf8');
const TAKE_SCRIPT = readFileSync(join(ROOT, 'src/channels/webhook/lua/deliveryTake-1.lua'), 'utf8');
type ScriptClient = RedisClient & {
  pasapasDeliveryTake(key: string, leaseSeconds: number): Promise<string | null>;
  pasapasBeforeTurn(...args: Array<string | number>): Promise<string[]>;
  pasapasAfterTurn(...args: Array<string | number>): Promise<number>;
};

export interface ContactStore {
  /** How addresses become ids (keyed with CONTACT_HASH_SECRET). */
  readonly ids: ContactIds;
  /** The same store, whose writes are kept `ttlSeconds` (a territory's retention). */
  withTtl(ttlSeconds: number): ContactStore;
  /**
   * Before a turn: take the message id — for a retry (on any instance) 'pending' while a turn may still be
   * running it (for DELIVERY_LEASE_SECONDS), 'done' once it is handled; nothing else happens then. Taken:
   * remember the citizen, count the message, read and record STOP/START, take or clear held items. A STOP
   * written under an older key layout is carried over.
   */
  beforeTurn(channel: string, req: BeforeTurnRequest): Promise<BeforeTurn>;
  /** Hold items, count those about to be sent against the day's cap, mark the message done: how many may go. */
  afterTurn(channel: string, req: AfterTurnRequest): Promise<number>;
  /**
   * Take a message id alone (what `beforeTurn` does first): 'taken' the first time, then 'pending' while its
   * turn may still run, 'done' once handled. (Tests play another instance with it.)
   */
  takeDelivery(channel: string, userId: string, messageId: string): Promise<DeliveryState>;
  /** The citizen wrote at `at` (in `conversationId`), as `beforeTurn` remembers it; returns their user id. */
  touch(channel: string, address: string, at: number, conversationId?: string): Promise<string>;
  /** Forget a message id whose turn failed, so the provider's retry is processed. */
  releaseDelivery(channel: string, userId: string, messageId: string): Promise<void>;
  /** The conversations of a user id (one per number of ours written to), within the retention period. */
  conversationsOf(userId: string): Promise<string[]>;
  /** A user id back to its address and when they last wrote, if within the retention period. */
  lookup(userId: string): Promise<{ address: string; at: number } | undefined>;
  /** Has this citizen said STOP (and not START since)? The only record of opting out (docs/channels.md). */
  isOptedOut(channel: string, userId: string): Promise<boolean>;
  /** Keep a user id's address at least `seconds` more (a reminder the citizen asked for must be able to reach them). */
  keep(userId: string, seconds: number): Promise<void>;
  /**
   * "Effacer mes données": forget a user id's address, held messages, counters and list of conversations.
   * STOP is kept (it is only a keyed hash, and honouring it is the citizen's right); it expires with the
   * retention period.
   */
  eraseUser(channel: string, userId: string): Promise<void>;
}

export class RedisContactStore implements ContactStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly leaseSeconds = DELIVERY_LEASE_SECONDS,
    readonly ids: ContactIds = ContactIds.ephemeral(),
  ) {
    if (!('pasapasBeforeTurn' in redis)) redis.defineCommand('pasapasBeforeTurn', { numberOfKeys: 8, lua: BEFORE_SCRIPT });
    if (!('pasapasDeliveryTake' in redis)) redis.defineCommand('pasapasDeliveryTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    if (!('pasapasAfterTurn' in redis)) redis.defineCommand('pasapasAfterTurn', { numberOfKeys: 3, lua: AFTER_SCRIPT });
  }

  withTtl(ttlSeconds: number): ContactStore {
    return new RedisContactStore(this.redis, this.prefix, ttlSeconds, this.leaseSeconds, this.ids);
  }

  /**
   * A citizen's keys share one hash tag, so that the scripts of a turn touch them together (one cluster slot):
   * a bucket of their user id (1 of 4096), not the id itself — a message id's dedup key, kept after
   * "effacer mes données", must not name the citizen. STOP and held items are per channel. With the ids of
   * the version before (`ContactIds.legacySha256`, which only `pasapas migrate-contacts` and its tests use) the
   * keys are laid out as that version wrote them.
   */
  private tag(userId: string): string {
    const h = createHash('sha256').update(userId).digest();
    return `{u${((h[0] << 4) | (h[1] >> 4)).toString(16)}}`;
  }

  private key(kind: 'seen' | 'convs', userId: string): string {
    if (this.ids.isLegacy) return this.untagged(kind, userId);
    return `${this.prefix}contact:${kind}:${this.tag(userId)}:${userId}`;
  }

  private channelKey(kind: 'stop' | 'held', channel: string, userId: string): string {
    if (this.ids.isLegacy) return `${this.prefix}contact:${kind}:${this.ids.addressKey(channel, userId)}`;
    return `${this.prefix}contact:${kind}:${channel}:${this.tag(userId)}:${userId}`;
  }

  private counter(userId: string, name: string): string {
    if (this.ids.isLegacy) return `${this.prefix}rl:${userId}:${name}`;
    return `${this.prefix}rl:${this.tag(userId)}:${userId}:${name}`;
  }

  private dedupKey(channel: string, userId: string, messageId: string): string {
    const hash = createHash('sha256').update(messageId).digest('base64url').slice(0, 22);
    return this.ids.isLegacy ? `${this.prefix}dedup:${channel}:${hash}` : `${this.prefix}dedup:${channel}:${this.tag(userId)}:${hash}`;
  }

  /** Keys of the layout before hash tags (read, carried over or erased until they expire with the retention). */
  private untagged(kind: 'seen' | 'convs', userId: string): string {
    return `${this.prefix}contact:${kind}:${userId}`;
  }

  private untaggedStop(channel: string, userId: string): string {
    return `${this.prefix}contact:stop:${this.ids.addressKey(channel, userId)}`;
  }

  async beforeTurn(channel: string, req: BeforeTurnRequest): Promise<BeforeTurn> {
    const userId = this.ids.userId(channel, req.address);
    const keys = [
      this.dedupKey(channel, userId, req.messageId),
      this.key('seen', userId),
      this.key('convs', userId),
      this.counter(userId, 'in:m'),
      this.counter(userId, 'in:d'),
      this.counter(userId, 'notice'),
      this.channelKey('stop', channel, userId),
      this.channelKey('held', channel, userId),
    ];
    const args = [
      this.leaseSeconds,
      this.ttlSeconds,
      JSON.stringify({ address: req.address, at: req.at }),
      req.conversationId,
      req.limits.perMinute,
      req.limits.perDay,
      req.media ? 'media' : 'text',
      req.command ?? '',
      req.more,
      req.held,
    ];
    // A STOP written under an older layout, looked for in the same round trip (other cluster slots).
    const oldStops = this.oldStopKeys(channel, req.address, userId);
    const [reply, ttls] = await Promise.all([
      (this.redis as ScriptClient).pasapasBeforeTurn(...keys, ...args),
      Promise.all(oldStops.map((key) => this.redis.pttl(key))),
    ]);
    const [state, limited, notice, stopped, kind, remaining, ...items] = reply;
    // '1': an id remembered before ids had states (done).
    if (state !== 'taken') return { state: state === 'pending' ? 'pending' : 'done', userId };
    let optedOut = Number(stopped) === 1;
    const oldTtlMs = Math.max(-2, ...ttls);
    if (oldTtlMs !== -2) {
      if (req.command !== 'start') {
        optedOut = optedOut || req.command !== 'stop';
        await this.redis.set(this.channelKey('stop', channel, userId), '1', 'PX', oldTtlMs > 0 ? oldTtlMs : this.ttlSeconds * 1000);
      }
      await Promise.all(oldStops.map((key) => this.redis.unlink(key)));
    }
    return {
      state: 'taken',
      userId,
      ...(limited ? { limited: limited as 'minute' | 'day' } : {}),
      notice: Number(notice) === 1,
      optedOut,
      ...(kind === 'more' ? { more: { items, remaining: Number(remaining) } } : {}),
      flushed: kind === 'more' ? [] : items,
    };
  }

  /**
   * Where a STOP may still be under an older layout: before hash tags; recorded by the version before keyed
   * ids (the plain hash of the old user id), or kept by `pasapas migrate-contacts` for a citizen it could not
   * tie to an address (an erased one). The citizen's own message gives the address, so it is found and moved.
   */
  private oldStopKeys(channel: string, address: string, userId: string): string[] {
    if (this.ids.isLegacy) return [];
    const oldKey = legacyAddressKey(channel, legacyAddressKey(channel, address));
    return [this.untaggedStop(channel, userId), `${this.prefix}contact:stop:${oldKey}`, `${this.prefix}contact:stop:${this.ids.orphan(channel, oldKey)}`];
  }

  async afterTurn(channel: string, req: AfterTurnRequest): Promise<number> {
    const out = this.counter(req.userId, 'out:d');
    const keys = [out, this.channelKey('held', channel, req.userId), req.messageId ? this.dedupKey(channel, req.userId, req.messageId) : out];
    const hold = req.hold && (req.hold.items.length > 0 || req.hold.mode === 'replace') ? req.hold : undefined;
    const args = [req.count, req.outPerDay, this.ttlSeconds, req.messageId ? '1' : '0', hold?.mode ?? 'keep', ...(hold?.items ?? [])];
    return Number(await (this.redis as ScriptClient).pasapasAfterTurn(...keys, ...args));
  }

  async takeDelivery(channel: string, userId: string, messageId: string): Promise<DeliveryState> {
    const was = await (this.redis as ScriptClient).pasapasDeliveryTake(this.dedupKey(channel, userId, messageId), this.leaseSeconds);
    // '1': an id remembered before ids had states (done).
    return was === null ? 'taken' : was === 'pending' ? 'pending' : 'done';
  }

  async touch(channel: string, address: string, at: number, conversationId?: string): Promise<string> {
    const userId = this.ids.userId(channel, address);
    const tx = this.redis.multi().set(this.key('seen', userId), JSON.stringify({ address, at }), 'EX', this.ttlSeconds);
    if (conversationId) tx.sadd(this.key('convs', userId), conversationId).expire(this.key('convs', userId), this.ttlSeconds);
    await tx.exec();
    return userId;
  }

  async releaseDelivery(channel: string, userId: string, messageId: string): Promise<void> {
    await this.redis.del(this.dedupKey(channel, userId, messageId));
  }

  async conversationsOf(userId: string): Promise<string[]> {
    const [now, before] = await Promise.all([this.redis.smembers(this.key('convs', userId)), this.redis.smembers(this.untagged('convs', userId))]);
    return [...new Set([...now, ...before])];
  }

  async lookup(userId: string): Promise<{ address: string; at: number } | undefined> {
    const [now, before] = await Promise.all([this.redis.get(this.key('seen', userId)), this.redis.get(this.untagged('seen', userId))]);
    const v = now ?? before;
    return v === null ? undefined : (JSON.parse(v) as { address: string; at: number });
  }

  async keep(userId: string, seconds: number): Promise<void> {
    // Only ever lengthen: GT keeps a later expiry that is already set.
    await Promise.all([this.redis.expire(this.key('seen', userId), seconds, 'GT'), this.redis.expire(this.untagged('seen', userId), seconds, 'GT')]);
  }

  async isOptedOut(channel: string, userId: string): Promise<boolean> {
    const keys = [...new Set([this.channelKey('stop', channel, userId), this.untaggedStop(channel, userId)])];
    // An old id, from a reference stored before ids were keyed (until `pasapas migrate-contacts` has run): its STOP
    // is still under the plain hash.
    if (isLegacyId(userId) && !this.ids.isLegacy) keys.push(`${this.prefix}contact:stop:${legacyAddressKey(channel, userId)}`);
    const found = await Promise.all(keys.map((key) => this.redis.exists(key)));
    return found.some((n) => n === 1);
  }

  async eraseUser(channel: string, userId: string): Promise<void> {
    const counters = ['in:m', 'in:d', 'out:d', 'notice'];
    const keys = [
      this.key('seen', userId),
      this.key('convs', userId),
      this.channelKey('held', channel, userId),
      ...counters.map((c) => this.counter(userId, c)),
      // Written before hash tags.
      this.untagged('seen', userId),
      this.untagged('convs', userId),
      `${this.prefix}contact:held:${this.ids.addressKey(channel, userId)}`,
      ...counters.map((c) => `${this.prefix}rl:${userId}:${c}`),
      // (With the ids of the version before, some of these are the keys above: unlinked twice.)
    ];
    // Independent keys in different cluster slots: one UNLINK each.
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

  private list(key: string): string[] {
    const v = this.get(key);
    return Array.isArray(v) ? v : [];
  }

  /** A counter over a window that starts with its first hit; true while within `limit`. */
  private hit(key: string, limit: number, windowMs: number, by = 1): number {
    const e = this.values.get(key);
    const live = e !== undefined && e.expiresAt > this.now();
    const count = (live ? Number(e.value) : 0) + by;
    this.values.set(key, { value: String(count), expiresAt: live ? e.expiresAt : this.now() + windowMs });
    return count <= limit ? by : Math.max(0, by - (count - limit));
  }

  async beforeTurn(channel: string, req: BeforeTurnRequest): Promise<BeforeTurn> {
    const userId = this.ids.userId(channel, req.address);
    const state = await this.takeDelivery(channel, userId, req.messageId);
    if (state !== 'taken') return { state, userId };
    await this.touch(channel, req.address, req.at, req.conversationId);
    const underMinute = this.hit(`rl:${userId}:in:m`, req.limits.perMinute, 60_000) === 1;
    const underDay = underMinute && this.hit(`rl:${userId}:in:d`, req.limits.perDay, 86_400_000) === 1;
    if (!underDay) {
      const notice = this.hit(`rl:${userId}:notice`, 1, underMinute ? 86_400_000 : 60_000) === 1;
      return { state: 'taken', userId, limited: underMinute ? 'day' : 'minute', notice, optedOut: false, flushed: [] };
    }
    const stop = `stop:${channel}:${userId}`;
    const optedOut = this.get(stop) !== undefined;
    if (req.media) return { state: 'taken', userId, notice: false, optedOut, flushed: [] };
    const held = `held:${channel}:${userId}`;
    if (req.more > 0) {
      const list = this.list(held);
      if (list.length) {
        this.keepList(held, list.slice(req.more));
        return { state: 'taken', userId, notice: false, optedOut, more: { items: list.slice(0, req.more), remaining: Math.max(0, list.length - req.more) }, flushed: [] };
      }
    }
    if (req.command === 'stop') this.set(stop, '1');
    else if (req.command === 'start') this.values.delete(stop);
    let flushed: string[] = [];
    if (req.held === 'flush') {
      const list = this.list(held);
      flushed = list.slice(0, 1000);
      this.keepList(held, list.slice(1000));
    } else if (req.held === 'clear') this.values.delete(held);
    return { state: 'taken', userId, notice: false, optedOut, flushed };
  }

  /** The rest of a list, its expiry unchanged (Redis LTRIM). */
  private keepList(key: string, rest: string[]): void {
    const e = this.values.get(key);
    if (rest.length && e) e.value = rest;
    else this.values.delete(key);
  }

  async afterTurn(channel: string, req: AfterTurnRequest): Promise<number> {
    const held = `held:${channel}:${req.userId}`;
    if (req.hold) {
      const items = req.hold.mode === 'append' ? [...this.list(held), ...req.hold.items] : req.hold.items;
      if (items.length) this.set(held, items);
      else this.values.delete(held);
    }
    if (req.messageId) {
      const dedup = `dedup:${channel}:${req.messageId}`;
      if (this.get(dedup) !== undefined) this.set(dedup, 'done');
    }
    return req.count === 0 ? 0 : this.hit(`rl:${req.userId}:out:d`, req.outPerDay, 86_400_000, req.count);
  }

  async takeDelivery(channel: string, _userId: string, messageId: string): Promise<DeliveryState> {
    const dedup = `dedup:${channel}:${messageId}`;
    const was = this.get(dedup);
    if (was !== undefined) return was === 'pending' ? 'pending' : 'done';
    this.set(dedup, 'pending', this.leaseSeconds * 1000);
    return 'taken';
  }

  async touch(channel: string, address: string, at: number, conversationId?: string): Promise<string> {
    const userId = this.ids.userId(channel, address);
    this.set(`seen:${userId}`, JSON.stringify({ address, at }));
    if (conversationId) {
      const all = this.list(`convs:${userId}`);
      this.set(`convs:${userId}`, all.includes(conversationId) ? all : [...all, conversationId]);
    }
    return userId;
  }

  async releaseDelivery(channel: string, _userId: string, messageId: string): Promise<void> {
    this.values.delete(`dedup:${channel}:${messageId}`);
  }

  async conversationsOf(userId: string): Promise<string[]> {
    return [...this.list(`convs:${userId}`)];
  }

  async lookup(userId: string): Promise<{ address: string; at: number } | undefined> {
    const v = this.get(`seen:${userId}`);
    return typeof v === 'string' ? (JSON.parse(v) as { address: string; at: number }) : undefined;
  }

  async keep(userId: string, seconds: number): Promise<void> {
    const e = this.values.get(`seen:${userId}`);
    if (e) e.expiresAt = Math.max(e.expiresAt, this.now() + seconds * 1000);
  }

  async isOptedOut(channel: string, userId: string): Promise<boolean> {
    return this.get(`stop:${channel}:${userId}`) !== undefined;
  }

  async eraseUser(channel: string, userId: string): Promise<void> {
    this.values.delete(`seen:${userId}`);
    this.values.delete(`convs:${userId}`);
    this.values.delete(`held:${channel}:${userId}`);
    for (const c of ['in:m', 'in:d', 'out:d', 'notice']) this.values.delete(`rl:${userId}:${c}`);
  }
}
