/**
 * Every Redis key family of Pas à pas, declared once: its pattern (the builder is derived from it), its
 * Redis type, its Redis Cluster hash tag, whether it holds personal data, and how long it is kept. Stores
 * build their keys with `keyspace(prefix)`; `pasapas purge` classifies keys with `familyOf`; erasure,
 * the TTL tests and docs/scaling.md read the same table (BullMQ's `queue-keys.ts` is the model).
 *
 * A pattern is literal text with `<name>` placeholders; a placeholder matches `[^:]+` unless `parts`
 * says otherwise, and `{<name>}` is the hash tag: every key a Lua script touches shares it, so each
 * script runs in one cluster slot. No module builds a key string itself (test/architecture/runtime.test.ts).
 */

import { createHash } from 'node:crypto';

/** How long a family's keys live. */
export type Retention =
  /** Personal data: written with the (territory's) retention TTL; `pasapas purge` gives it back to a key that lost it. */
  | { kind: 'retention' }
  /** Anonymous data kept a fixed time; personal data only with a reason (`why`), e.g. a mediator's work record. */
  | { kind: 'fixed'; seconds: number; why?: string }
  /** A stream whose entries older than the retention period (or `ms`) are trimmed by `pasapas purge`. */
  | { kind: 'trim'; ms?: number }
  /** Kept by design until removed by the application (accounts, queues, reminders until cancelled). */
  | { kind: 'kept'; why: string }
  /** Not a key: a pub/sub channel name. */
  | { kind: 'channel' };

export type RedisType = 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream' | 'pubsub';

export interface FamilyDecl {
  readonly pattern: string;
  readonly type: RedisType;
  /** The module that writes it. */
  readonly owner: string;
  /** Holds data about a person (citizen or mediator): never logged, erased or expired as its retention says. */
  readonly personal: boolean;
  readonly retention: Retention;
  /** The line of `pasapas purge`'s report that counts it. */
  readonly category: string;
  /** Regex of a placeholder when not `[^:]+`. */
  readonly parts?: Readonly<Record<string, string>>;
  /** What it is, in one line. */
  readonly doc: string;
}

/** Statistics are kept 25 months: a territory compares a year with the year before. */
export const STATS_SECONDS = 25 * 31 * 86_400;
/** The mediator audit trail is kept 13 months. */
export const AUDIT_MS = 13 * 31 * 86_400_000;

/**
 * A citizen's keys on the messaging channels share the hash tag of their user id's bucket (`{u7f2}`, one of 4096:
 * `contactBucket`), so one script (beforeTurn, afterTurn) finds them all on one cluster node. The layout before
 * it had no tag: its families (`…Untagged`) are still read and erased until they expire with the retention, and
 * are what the ids of the version before keyed ids (`ContactIds.legacySha256`, `pasapas migrate-contacts`) use.
 */
const CONTACT_BUCKET = 'u[0-9a-f]+';
/** A messaging user id: `<channel>:<keyed hash>` (or a plain SHA-256 of the version before). */
const CONTACT_USER = '(?:sms|sms-ovh|sms-brevo|whatsapp|telegram):[^:]+';
/**
 * An untagged address key: of ids.addressKey, `<channel>:<keyed hash>`, or `<channel>:o.<hash>` for an erased
 * citizen's STOP (`pasapas migrate-contacts`).
 */
const ADDRESS_KEY = '[a-z-]+:(?:(?:sms|sms-ovh|sms-brevo|whatsapp|telegram):)?[^:]+';

/**
 * The per-address counters of the messaging channels (`contactCounter`): what an address may send per minute
 * (in:m) and per day (in:d), receive per day (out:d), and the one limit notice. Erasure removes them all.
 */
export const CONTACT_COUNTERS = ['in:m', 'in:d', 'out:d', 'notice'] as const;

const d = <P extends string>(decl: FamilyDecl & { pattern: P }) => decl;

export const FAMILIES = {
  // storage/
  state: d({ pattern: 'state:<item>', parts: { item: '.+' }, type: 'hash', owner: 'storage/redisStore', personal: true, retention: { kind: 'retention' }, category: 'conversation state', doc: 'botbuilder state item {e: eTag, v: JSON, l: log}: conversation and user state; l is the conversation\'s masked transcript (its last lines, JSON, one a line), written with the state and read only at a handoff' }),
  limit: d({ pattern: 'lim:<counter>', parts: { counter: '.+' }, type: 'string', owner: 'storage/rateLimiter', personal: true, retention: { kind: 'retention' }, category: 'rate limits', doc: 'counter of the shared RateLimiter (mediator logins by account and IP, web chat tokens by IP and messages by conversation); expires with its window' }),

  // handoff/ (one slot per territory)
  handoffQueue: d({ pattern: 'ho:{<territory>}:queue', type: 'zset', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'kept', why: 'the waiting handoffs' }, category: 'handoff queue', doc: 'waiting handoff ids; score = band + arrival' }),
  handoffArrivals: d({ pattern: 'ho:{<territory>}:seq', type: 'string', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'kept', why: 'arrival counter' }, category: 'handoff queue', doc: 'counter of arrivals (FIFO order within a millisecond)' }),
  handoffRecord: d({ pattern: 'ho:{<territory>}:h:<id>', type: 'hash', owner: 'handoff/redisQueue', personal: true, retention: { kind: 'retention' }, category: 'handoff records', doc: 'one handoff: state, transcript, conversation reference' }),
  handoffCitizen: d({ pattern: 'ho:{<territory>}:citizen:<citizenKey>', type: 'string', owner: 'handoff/redisQueue', personal: true, retention: { kind: 'retention' }, category: 'handoff records', doc: 'the active handoff id of a citizen (idempotent request)' }),
  handoffMessages: d({ pattern: 'ho:{<territory>}:m:<id>', type: 'list', owner: 'handoff/redisQueue', personal: true, retention: { kind: 'retention' }, category: 'handoff records', doc: 'the messages of one handoff (citizen ⇄ mediator), JSON' }),
  handoffNotes: d({ pattern: 'ho:{<territory>}:notes:<id>', type: 'list', owner: 'handoff/redisNotes', personal: true, retention: { kind: 'retention' }, category: 'handoff records', doc: 'mediators\' internal notes on one handoff (JSON, masked); never sent to the citizen, erased with the handoff' }),
  handoffLeases: d({ pattern: 'ho:{<territory>}:leases', type: 'zset', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'kept', why: 'claimed handoffs' }, category: 'handoff queue', doc: 'claimed handoffs by lease expiry (ms)' }),
  handoffEvents: d({ pattern: 'ho:{<territory>}:events', type: 'stream', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'trim' }, category: 'handoff events', doc: 'the territory\'s handoff events (consoles, notifiers, other instances); MAXLEN ~ 10000' }),
  handoffWaits: d({ pattern: 'ho:{<territory>}:waits', type: 'list', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'kept', why: 'the wait estimate' }, category: 'handoff queue', doc: 'recent waits (ms) before a claim, newest first' }),
  handoffDuty: d({ pattern: 'ho:{<territory>}:duty', type: 'zset', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'kept', why: 'presence' }, category: 'handoff queue', doc: 'mediators on duty, by presence expiry (ms)' }),
  handoffTyping: d({ pattern: 'ho:{<territory>}:typing:<id>', type: 'string', owner: 'handoff/typing', personal: false, retention: { kind: 'fixed', seconds: 10 }, category: 'handoff typing', doc: 'the citizen of a handoff is typing (web chat), until this time (ms); a few seconds' }),
  handoffCallbacks: d({ pattern: 'ho:{<territory>}:callbacks', type: 'zset', owner: 'handoff/redisQueue', personal: false, retention: { kind: 'kept', why: 'callback requests' }, category: 'handoff queue', doc: 'callback requests by requested time (ms)' }),

  // channels/outbox (one slot per provider: {ovh}, {brevo})
  outboxDue: d({ pattern: 'ob:{<provider>}:due', type: 'zset', owner: 'channels/outbox/store', personal: false, retention: { kind: 'kept', why: 'jobs until sent or dead (minutes)' }, category: 'SMS outbox', doc: 'outgoing job ids by next attempt (ms)' }),
  outboxJobs: d({ pattern: 'ob:{<provider>}:jobs', type: 'hash', owner: 'channels/outbox/store', personal: true, retention: { kind: 'kept', why: 'jobs until sent or dead (minutes); erasure cannot reach a message already leaving' }, category: 'SMS outbox', doc: 'outgoing jobs: id → {to, from, text, attempts} (the number and the text, until sent)' }),
  outboxDead: d({ pattern: 'ob:{<provider>}:dead', type: 'list', owner: 'channels/outbox/store', personal: false, retention: { kind: 'kept', why: 'the last 1000 dead letters, for pasapas report' }, category: 'SMS outbox', doc: 'dead letters: {id, territory, attempts, reason, at}, no number and no text' }),

  // territories/smsBudget: SMS segments sent per territory and calendar month (Paris time)
  smsBudget: d({ pattern: 'smsb:{<territory>}:<month>', type: 'hash', owner: 'territories/smsBudgetStore', personal: false, retention: { kind: 'fixed', seconds: 400 * 86_400 }, category: 'SMS budget', doc: 'one territory\'s month (YYYY-MM): {used, skipped, warned}, counts only' }),

  // reminders/ (one slot: {rem})
  reminderDue: d({ pattern: 'rem:{rem}:due', type: 'zset', owner: 'reminders/store', personal: false, retention: { kind: 'kept', why: 'reminders until cancelled' }, category: 'reminders', doc: 'reminder ids by due time' }),
  reminderRecord: d({ pattern: 'rem:{rem}:r:<id>', type: 'hash', owner: 'reminders/store', personal: true, retention: { kind: 'kept', why: 'reminders until cancelled (erasure and STOP cancel them)' }, category: 'reminders', doc: 'one reminder (citizen key, conversation reference, kind)' }),
  reminderIndex: d({ pattern: 'rem:{rem}:u:<citizenKey>', type: 'set', owner: 'reminders/store', personal: true, retention: { kind: 'kept', why: 'reminders until cancelled' }, category: 'reminders', doc: 'the reminder ids of a citizen' }),

  // places/: links of the places answers shortened through our own domain (/r/<id>)
  shortLink: d({ pattern: 'link:<id>', type: 'string', owner: 'places/shortLinks', personal: false, retention: { kind: 'fixed', seconds: 400 * 86_400 }, category: 'short links', doc: 'a booking link sent by SMS, as /r/<id>: {url, territory}, no citizen' }),

  // stats/ and selfcheck/
  statsCounters: d({ pattern: 'stats:{<territory>}:c:<day>', type: 'hash', owner: 'stats/recorder', personal: false, retention: { kind: 'fixed', seconds: STATS_SECONDS }, category: 'statistics', doc: 'daily counters of a territory' }),
  statsWaits: d({ pattern: 'stats:{<territory>}:w:<day>', type: 'list', owner: 'stats/recorder', personal: false, retention: { kind: 'fixed', seconds: STATS_SECONDS }, category: 'statistics', doc: 'daily handoff waits (ms) of a territory' }),
  statsEnded: d({ pattern: 'stats:{<territory>}:e:<day>', type: 'list', owner: 'stats/recorder', personal: true, retention: { kind: 'fixed', seconds: STATS_SECONDS, why: "the mediators' activity report (Coop CRA): their work, no citizen data, as long as the statistics it goes with" }, category: 'statistics', doc: 'handoffs ended that day (JSON: times, outcome, guide, channel, mediator id; nothing of the citizen): the Coop activity report' }),
  selfCheckStats: d({ pattern: 'stats:{<territory>}:selfcheck:<month>', type: 'hash', owner: 'selfcheck/stats', personal: false, retention: { kind: 'fixed', seconds: STATS_SECONDS }, category: 'statistics', doc: 'monthly self-check answers and orientations' }),

  // mediator/
  mediatorAccount: d({ pattern: 'med:{<territory>}:acct:<username>', type: 'string', owner: 'mediator/accounts', personal: true, retention: { kind: 'kept', why: 'accounts until removed' }, category: 'mediator accounts', doc: 'one mediator account, JSON (name, scrypt hash, role)' }),
  mediatorAccounts: d({ pattern: 'med:{<territory>}:accts', type: 'set', owner: 'mediator/accounts', personal: true, retention: { kind: 'kept', why: 'accounts until removed' }, category: 'mediator accounts', doc: 'the usernames of a territory' }),
  mediatorAudit: d({ pattern: 'med:{<territory>}:audit', type: 'stream', owner: 'mediator/audit', personal: true, retention: { kind: 'trim', ms: AUDIT_MS }, category: 'mediator audit', doc: 'who did what in the console; MAXLEN ~ 100000' }),
  mediatorReplies: d({ pattern: 'med:{<territory>}:replies:<locale>', type: 'string', owner: 'mediator/replies', personal: false, retention: { kind: 'kept', why: 'the team\'s replies until edited again' }, category: 'mediator replies', doc: 'the canned replies of a territory in one language, JSON {replies: [{title, text}], updatedAt, updatedBy}' }),
  proconnectLogin: d({ pattern: 'med:pc:<state>', type: 'string', owner: 'mediator/proconnectStore', personal: false, retention: { kind: 'fixed', seconds: 600 }, category: 'mediator sessions', doc: 'a ProConnect sign-in under way, by its state: {territory, nonce, PKCE verifier}; read once, expires after 10 minutes' }),
  mediatorSession: d({ pattern: 'med:session:<digest>', type: 'string', owner: 'mediator/sessions', personal: true, retention: { kind: 'retention' }, category: 'mediator sessions', doc: 'a console session, by SHA-256 of its token; expires when idle' }),
  mediatorSessionIndex: d({ pattern: 'med:session:by:<territory>:<username>', type: 'set', owner: 'mediator/sessions', personal: true, retention: { kind: 'retention' }, category: 'mediator sessions', doc: 'the session digests of a mediator; expires with the longest session' }),

  // channels/webhook/contacts.ts (SMS, WhatsApp, Telegram): one slot a citizen ({u<bucket>})
  contactSeen: d({ pattern: 'contact:seen:{<bucket>}:<userId>', parts: { bucket: CONTACT_BUCKET, userId: CONTACT_USER }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: "the citizen's address and last message time" }),
  contactConversations: d({ pattern: 'contact:convs:{<bucket>}:<userId>', parts: { bucket: CONTACT_BUCKET, userId: CONTACT_USER }, type: 'set', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: "the citizen's conversations with our numbers" }),
  contactStop: d({ pattern: 'contact:stop:<channel>:{<bucket>}:<userId>', parts: { bucket: CONTACT_BUCKET, userId: CONTACT_USER }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: 'opt-out (STOP) of a citizen on a channel: the only record of it' }),
  contactHeld: d({ pattern: 'contact:held:<channel>:{<bucket>}:<userId>', parts: { bucket: CONTACT_BUCKET, userId: CONTACT_USER }, type: 'list', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: 'messages held for a citizen ("SUITE", over the outbound limit, WhatsApp window closed)' }),
  contactCounter: d({ pattern: 'rl:{<bucket>}:<userId>:<counter>', parts: { bucket: CONTACT_BUCKET, userId: CONTACT_USER, counter: CONTACT_COUNTERS.join('|') }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'rate limits', doc: 'what an address may send (in:m per minute, in:d per day) and receive (out:d), and the one limit notice' }),
  dedup: d({ pattern: 'dedup:<channel>:{<bucket>}:<digest>', parts: { bucket: CONTACT_BUCKET }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'dedup keys', doc: 'an inbound provider message id (hashed; the tag is the citizen\'s bucket, not their id): delivery lease then done; short TTL' }),
  // …and the layout before hash tags (read and erased until it expires; written with the ids of the version before)
  contactSeenUntagged: d({ pattern: 'contact:seen:<userId>', parts: { userId: CONTACT_USER }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: 'contactSeen, layout before hash tags' }),
  contactConversationsUntagged: d({ pattern: 'contact:convs:<userId>', parts: { userId: CONTACT_USER }, type: 'set', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: 'contactConversations, layout before hash tags' }),
  contactStopUntagged: d({ pattern: 'contact:stop:<addressKey>', parts: { addressKey: ADDRESS_KEY }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: 'contactStop, layout before hash tags (by address key; an erased citizen\'s as <channel>:o.<hash>)' }),
  contactHeldUntagged: d({ pattern: 'contact:held:<addressKey>', parts: { addressKey: ADDRESS_KEY }, type: 'list', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'messaging contacts', doc: 'contactHeld, layout before hash tags' }),
  contactCounterUntagged: d({ pattern: 'rl:<userId>:<counter>', parts: { userId: CONTACT_USER, counter: CONTACT_COUNTERS.join('|') }, type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'rate limits', doc: 'contactCounter, layout before hash tags' }),
  dedupUntagged: d({ pattern: 'dedup:<channel>:<digest>', type: 'string', owner: 'channels/webhook/contacts', personal: true, retention: { kind: 'retention' }, category: 'dedup keys', doc: 'dedup, layout before hash tags' }),

  // channels/directline/ (web chat; one slot per conversation)
  webChatMeta: d({ pattern: 'dl:{<conversationId>}:meta', type: 'hash', owner: 'channels/directline/redisActivityLog', personal: true, retention: { kind: 'retention' }, category: 'web chat', doc: 'a web chat conversation: territory, watermark, retention' }),
  webChatActivities: d({ pattern: 'dl:{<conversationId>}:acts', type: 'list', owner: 'channels/directline/redisActivityLog', personal: true, retention: { kind: 'retention' }, category: 'web chat', doc: 'the activities of a web chat conversation' }),
  webChatClientIds: d({ pattern: 'dl:{<conversationId>}:cids', type: 'hash', owner: 'channels/directline/redisActivityLog', personal: true, retention: { kind: 'retention' }, category: 'web chat', doc: "the client activity ids already stored (Web Chat's retries)" }),
  webChatFile: d({ pattern: 'dl:{<conversationId>}:file:<fileId>', type: 'string', owner: 'channels/directline/fileStore', personal: true, retention: { kind: 'retention' }, category: 'web chat', doc: 'an uploaded photo: content type, newline, bytes' }),
  webChatEvents: d({ pattern: 'dl:events', type: 'pubsub', owner: 'channels/directline/redisActivityLog', personal: false, retention: { kind: 'channel' }, category: 'web chat', doc: 'pub/sub channel: new activities, for the instances holding a stream' }),
  photoQuota: d({ pattern: 'rl:photos:<scope>', parts: { scope: '.+' }, type: 'hash', owner: 'channels/directline/uploadQuota', personal: true, retention: { kind: 'retention' }, category: 'rate limits', doc: 'photos and bytes uploaded in a 24-hour window (dlQuota-1.lua)' }),
} as const;

export type FamilyName = keyof typeof FAMILIES;

/** One string per placeholder of a pattern, in order: `'ho:{<territory>}:h:<id>'` → `[string, string]`. */
type Args<P extends string> = P extends `${string}<${string}>${infer Rest}` ? [string, ...Args<Rest>] : [];

/** A key builder per family, with the prefix; pub/sub channels too. */
export type Keyspace = { readonly [K in FamilyName]: (...args: Args<(typeof FAMILIES)[K]['pattern']>) => string } & {
  readonly prefix: string;
};

type Segment = string | { name: string };

function segments(pattern: string): Segment[] {
  const out: Segment[] = [];
  const re = /<([a-zA-Z]+)>/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) out.push(pattern.slice(last, m.index));
    out.push({ name: m[1] });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) out.push(pattern.slice(last));
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regex a family's keys match (without the prefix). */
export function familyRegex(name: FamilyName): RegExp {
  const f: FamilyDecl = FAMILIES[name];
  const source = segments(f.pattern)
    .map((s) => (typeof s === 'string' ? escape(s) : `(?:${f.parts?.[s.name] ?? '[^:]+'})`))
    .join('');
  return new RegExp(`^${source}$`);
}

const PARSERS = new Map<FamilyName, { re: RegExp; names: string[] }>();

/** The placeholder values of a key (without the prefix) of this family; undefined when it is not one. */
export function parseKey(family: FamilyName, name: string): Record<string, string> | undefined {
  let parser = PARSERS.get(family);
  if (!parser) {
    const f: FamilyDecl = FAMILIES[family];
    const names: string[] = [];
    const source = segments(f.pattern)
      .map((s) => {
        if (typeof s === 'string') return escape(s);
        names.push(s.name);
        return `(${f.parts?.[s.name] ?? '[^:]+'})`;
      })
      .join('');
    parser = { re: new RegExp(`^${source}$`), names };
    PARSERS.set(family, parser);
  }
  const m = parser.re.exec(name);
  if (!m) return undefined;
  return Object.fromEntries(parser.names.map((n, i) => [n, m[i + 1]]));
}

/** The hash tag placeholder of a family (`territory` for `ho:{<territory>}:…`), or the literal tag (`rem`), if any. */
export function hashTagOf(name: FamilyName): string | undefined {
  return /\{<?([a-zA-Z]+)>?\}/.exec(FAMILIES[name].pattern)?.[1];
}

const NAMES = Object.keys(FAMILIES) as FamilyName[];
const REGEXES = NAMES.map((n) => [n, familyRegex(n)] as const);

/** The family of a key (without the prefix); undefined for a key nobody declared. */
export function familyOf(name: string): FamilyName | undefined {
  for (const [family, re] of REGEXES) if (re.test(name)) return family;
  return undefined;
}

/** Every family a key (without the prefix) matches: exactly one for a well-formed key (tested). */
export function familiesMatching(name: string): FamilyName[] {
  return REGEXES.filter(([, re]) => re.test(name)).map(([family]) => family);
}

function builder(pattern: string, prefix: string): (...args: string[]) => string {
  const parts = segments(pattern);
  const arity = parts.filter((p) => typeof p !== 'string').length;
  if (arity === 0) {
    const key = prefix + pattern;
    return () => key;
  }
  return (...args: string[]) => {
    let i = 0;
    let key = prefix;
    for (const p of parts) key += typeof p === 'string' ? p : args[i++];
    return key;
  };
}

const cache = new Map<string, Keyspace>();

/** The key builders under a prefix (`REDIS_KEY_PREFIX`); one object per prefix. */
export function keyspace(prefix: string): Keyspace {
  let ks = cache.get(prefix);
  if (!ks) {
    const out: Record<string, unknown> = { prefix };
    for (const name of NAMES) out[name] = builder(FAMILIES[name].pattern, prefix);
    ks = out as Keyspace;
    cache.set(prefix, ks);
  }
  return ks;
}

/**
 * botbuilder's storage keys (ConversationState, UserState, namespace ''): the `<item>` of the `state` family,
 * for erasure (a citizen's other conversations and user state).
 */
export const conversationStateKey = (channelId: string, conversationId: string) => `${channelId}/conversations/${conversationId}/`;
export const userStateKey = (channelId: string, userId: string) => `${channelId}/users/${userId}/`;

/**
 * Buckets of the user ids seen lately (contactBucket): a turn builds a citizen's keys several times, and under load
 * the turns of many citizens interleave (a one-entry memo missed most of the time). User ids are keyed hashes, not
 * phone numbers; the memo is emptied when full.
 */
const buckets = new Map<string, string>();
const MAX_BUCKETS = 4096;

/** The bucket of a messaging user id (`u7f2`, one of 4096): the hash tag of all their keys (`{<bucket>}`). */
export function contactBucket(userId: string): string {
  const known = buckets.get(userId);
  if (known !== undefined) return known;
  const h = createHash('sha256').update(userId).digest();
  const bucket = `u${((h[0] << 4) | (h[1] >> 4)).toString(16)}`;
  if (buckets.size >= MAX_BUCKETS) buckets.clear();
  buckets.set(userId, bucket);
  return bucket;
}

/** The families that hold a citizen's personal data (what erasure and retention are about). */
export function personalFamilies(): FamilyName[] {
  return NAMES.filter((n) => FAMILIES[n].personal);
}

export const FAMILY_NAMES: readonly FamilyName[] = NAMES;
