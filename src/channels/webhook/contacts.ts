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
import type { RedisClient } from '../../storage/redis';
import { CONTACT_COUNTERS, contactBucket, keyspace, type Keyspace } from '../../storage/keyspace';
import { scripts, type ScriptCommands } from '../../storage/scripts';
import { ContactIds, isLegacyId, legacyAddressKey } from '../../privacy/contactIds';
import { OldStops } from './oldStops';

/**
 * How long a message id stays taken by a turn that has not finished. A process that dies in the
 * middle of a turn leaves the id "pending": once this has passed, the provider's next retry of the
 * message runs it (WhatsApp and Telegram retry for hours), instead of being taken as a duplicate.
 * Far above any turn (the webhook answers 503 after WEBHOOK_DEADLINE_MS, 800 ms by default).
 */
export const DELIVERY_LEASE_SECONDS = 120;

export type DeliveryState = 'taken' | 'pending' | 'done';

/** What a messaging channel asks before a citizen's turn (one round trip: src/storage/lua/beforeTurn-8.lua). */
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

/** What a messaging channel writes once the items to send are known (one round trip: src/storage/lua/afterTurn-3.lua). */
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
  /**
   * Record a STOP that was not the message itself: the words of a voice note, confirmed by the citizen's "oui"
   * (docs/voice.md). The same record as a STOP `beforeTurn` reads from a message, kept as long.
   */
  optOut(channel: string, userId: string): Promise<void>;
  /** Keep a user id's address at least `seconds` more (a reminder the citizen asked for must be able to reach them). */
  keep(userId: string, seconds: number): Promise<void>;
  /**
   * "Effacer mes données": forget a user id's address, held messages, counters and list of conversations.
   * STOP is kept (it is only a keyed hash, and honouring it is the citizen's right); it expires with the
   * retention period.
   */
  eraseUser(channel: string, userId: string): Promise<void>;
}

/**
 * Hashes of the provider message ids seen lately: a turn's id is hashed before it (beforeTurn) and after it
 * (afterTurn), with other citizens' turns in between. Provider ids, not addresses; emptied when full.
 */
const messageHashes = new Map<string, string>();
const MAX_MESSAGE_HASHES = 4096;

function messageIdHash(messageId: string): string {
  const known = messageHashes.get(messageId);
  if (known !== undefined) return known;
  const hash = createHash('sha256').update(messageId).digest('base64url').slice(0, 22);
  if (messageHashes.size >= MAX_MESSAGE_HASHES) messageHashes.clear();
  messageHashes.set(messageId, hash);
  return hash;
}

export class RedisContactStore implements ContactStore {
  private readonly ks: Keyspace;
  private readonly run: ScriptCommands;
  private readonly oldStops: OldStops;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly leaseSeconds = DELIVERY_LEASE_SECONDS,
    readonly ids: ContactIds = ContactIds.ephemeral(),
    oldStops?: OldStops,
  ) {
    this.ks = keyspace(prefix);
    this.run = scripts(redis);
    this.oldStops = oldStops ?? new OldStops(redis, this.ks, ids);
  }

  withTtl(ttlSeconds: number): ContactStore {
    return new RedisContactStore(this.redis, this.prefix, ttlSeconds, this.leaseSeconds, this.ids, this.oldStops);
  }

  /*
   * A citizen's keys share one hash tag, so that the scripts of a turn touch them together (one cluster slot):
   * a bucket of their user id (storage/keyspace.ts `contactBucket`), not the id itself — a message id's dedup
   * key, kept after "effacer mes données", must not name the citizen. STOP and held items are per channel. With
   * the ids of the version before (`ContactIds.legacySha256`, which only `pasapas migrate-contacts` and its tests
   * use) the keys are laid out as that version wrote them (the `…Untagged` families).
   */
  private seenKey(userId: string): string {
    return this.ids.isLegacy ? this.ks.contactSeenUntagged(userId) : this.ks.contactSeen(contactBucket(userId), userId);
  }

  private convsKey(userId: string): string {
    return this.ids.isLegacy ? this.ks.contactConversationsUntagged(userId) : this.ks.contactConversations(contactBucket(userId), userId);
  }

  private stopKey(channel: string, userId: string): string {
    return this.ids.isLegacy ? this.untaggedStop(channel, userId) : this.ks.contactStop(channel, contactBucket(userId), userId);
  }

  private heldKey(channel: string, userId: string): string {
    return this.ids.isLegacy ? this.ks.contactHeldUntagged(this.ids.addressKey(channel, userId)) : this.ks.contactHeld(channel, contactBucket(userId), userId);
  }

  private counter(userId: string, name: (typeof CONTACT_COUNTERS)[number]): string {
    return this.ids.isLegacy ? this.ks.contactCounterUntagged(userId, name) : this.ks.contactCounter(contactBucket(userId), userId, name);
  }

  private dedupKey(channel: string, userId: string, messageId: string): string {
    const hash = messageIdHash(messageId);
    return this.ids.isLegacy ? this.ks.dedupUntagged(channel, hash) : this.ks.dedup(channel, contactBucket(userId), hash);
  }

  private untaggedStop(channel: string, userId: string): string {
    return this.ks.contactStopUntagged(this.ids.addressKey(channel, userId));
  }

  async beforeTurn(channel: string, req: BeforeTurnRequest): Promise<BeforeTurn> {
    const userId = this.ids.userId(channel, req.address);
    const keys: [string, string, string, string, string, string, string, string] = [
      this.dedupKey(channel, userId, req.messageId),
      this.seenKey(userId),
      this.convsKey(userId),
      this.counter(userId, 'in:m'),
      this.counter(userId, 'in:d'),
      this.counter(userId, 'notice'),
      this.stopKey(channel, userId),
      this.heldKey(channel, userId),
    ];
    // A STOP written under an older layout, looked for in the same round trip (other cluster slots).
    const oldStops = this.oldStops.keys(channel, req.address, userId);
    const [reply, ttls] = await Promise.all([
      this.run.beforeTurn(
        keys,
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
      ),
      this.oldStops.ttls(oldStops),
    ]);
    const [state, limited, notice, stopped, kind, remaining, ...items] = reply;
    // '1': an id remembered before ids had states (done).
    if (state !== 'taken') return { state: state === 'pending' ? 'pending' : 'done', userId };
    let optedOut = Number(stopped) === 1;
    const oldTtlMs = Math.max(-2, ...ttls);
    if (oldTtlMs !== -2) {
      if (req.command !== 'start') {
        optedOut = optedOut || req.command !== 'stop';
        await this.redis.set(this.stopKey(channel, userId), '1', 'PX', oldTtlMs > 0 ? oldTtlMs : this.ttlSeconds * 1000);
      }
      await Promise.all(oldStops.map((key) => this.redis.unlink(key)));
    }
    if (oldStops.length > 0) this.oldStops.cleared(channel, userId);
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

  async afterTurn(channel: string, req: AfterTurnRequest): Promise<number> {
    const out = this.counter(req.userId, 'out:d');
    const keys: [string, string, string] = [out, this.heldKey(channel, req.userId), req.messageId ? this.dedupKey(channel, req.userId, req.messageId) : out];
    const hold = req.hold && (req.hold.items.length > 0 || req.hold.mode === 'replace') ? req.hold : undefined;
    return Number(await this.run.afterTurn(keys, req.count, req.outPerDay, this.ttlSeconds, req.messageId ? '1' : '0', hold?.mode ?? 'keep', ...(hold?.items ?? [])));
  }

  async takeDelivery(channel: string, userId: string, messageId: string): Promise<DeliveryState> {
    const was = await this.run.deliveryTake([this.dedupKey(channel, userId, messageId)], this.leaseSeconds);
    // '1': an id remembered before ids had states (done).
    return was === null ? 'taken' : was === 'pending' ? 'pending' : 'done';
  }

  async touch(channel: string, address: string, at: number, conversationId?: string): Promise<string> {
    const userId = this.ids.userId(channel, address);
    const tx = this.redis.multi().set(this.seenKey(userId), JSON.stringify({ address, at }), 'EX', this.ttlSeconds);
    if (conversationId) tx.sadd(this.convsKey(userId), conversationId).expire(this.convsKey(userId), this.ttlSeconds);
    await tx.exec();
    return userId;
  }

  async releaseDelivery(channel: string, userId: string, messageId: string): Promise<void> {
    await this.redis.del(this.dedupKey(channel, userId, messageId));
  }

  async conversationsOf(userId: string): Promise<string[]> {
    const [now, before] = await Promise.all([this.redis.smembers(this.convsKey(userId)), this.redis.smembers(this.ks.contactConversationsUntagged(userId))]);
    return [...new Set([...now, ...before])];
  }

  async lookup(userId: string): Promise<{ address: string; at: number } | undefined> {
    const [now, before] = await Promise.all([this.redis.get(this.seenKey(userId)), this.redis.get(this.ks.contactSeenUntagged(userId))]);
    const v = now ?? before;
    return v === null ? undefined : (JSON.parse(v) as { address: string; at: number });
  }

  async keep(userId: string, seconds: number): Promise<void> {
    // Only ever lengthen: GT keeps a later expiry that is already set.
    await Promise.all([this.redis.expire(this.seenKey(userId), seconds, 'GT'), this.redis.expire(this.ks.contactSeenUntagged(userId), seconds, 'GT')]);
  }

  async isOptedOut(channel: string, userId: string): Promise<boolean> {
    const keys = [...new Set([this.stopKey(channel, userId), this.untaggedStop(channel, userId)])];
    // An old id, from a reference stored before ids were keyed (until `pasapas migrate-contacts` has run): its STOP
    // is still under the plain hash.
    if (isLegacyId(userId) && !this.ids.isLegacy) keys.push(this.ks.contactStopUntagged(legacyAddressKey(channel, userId)));
    const found = await Promise.all(keys.map((key) => this.redis.exists(key)));
    return found.some((n) => n === 1);
  }

  async optOut(channel: string, userId: string): Promise<void> {
    await this.redis.set(this.stopKey(channel, userId), '1', 'EX', this.ttlSeconds);
  }

  async eraseUser(channel: string, userId: string): Promise<void> {
    const keys = [
      this.seenKey(userId),
      this.convsKey(userId),
      this.heldKey(channel, userId),
      ...CONTACT_COUNTERS.map((c) => this.counter(userId, c)),
      // Written before hash tags.
      this.ks.contactSeenUntagged(userId),
      this.ks.contactConversationsUntagged(userId),
      this.ks.contactHeldUntagged(this.ids.addressKey(channel, userId)),
      ...CONTACT_COUNTERS.map((c) => this.ks.contactCounterUntagged(userId, c)),
      // (With the ids of the version before, some of these are the keys above: unlinked twice.)
    ];
    // Independent keys in different cluster slots: one UNLINK each.
    await Promise.all(keys.map((k) => this.redis.unlink(k)));
  }
}

/**
 * The contact of a user id found in a stored reference (a handoff record, a reminder). A reference written
 * before ids were keyed holds an old id: it is read as the id it now has, or as it was until
 * `pasapas migrate-contacts` has moved its contact (src/privacy/contactIds.ts).
 */
export async function contactOfReference(contacts: ContactStore, id: string): Promise<{ userId: string; contact?: { address: string; at: number } }> {
  const current = contacts.ids.upgrade(id);
  const contact = await contacts.lookup(current);
  if (contact || current === id) return { userId: current, contact };
  return { userId: id, contact: await contacts.lookup(id) };
}
