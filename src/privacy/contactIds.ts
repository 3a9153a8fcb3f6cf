/**
 * How a citizen's messaging address (a phone number, a Telegram chat id) becomes the ids that Redis keys,
 * handoff records, reminders and logs know them by — without the address itself.
 *
 * Until issue #10 (security review, finding 12) an id was a plain SHA-256 of the address: anyone reading
 * the keys could hash every French mobile number (about 10^9, minutes on one core) and find whose they
 * were. An id is now keyed: `<channel>:k.` + HMAC-SHA256(CONTACT_HASH_SECRET, <the old id>), 22 characters
 * of base64url. Computed over the old id (itself SHA-256 of channel and address) rather than the address,
 * so that `pasapas migrate-contacts` can rename every key and reference written by the old version without
 * knowing any address, and a reference it has not reached yet still finds its citizen (`upgrade`). The
 * "k." cannot appear in an old id (base64url has no "."), so old and new ids never mix up.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** An id of the old scheme: `<channel>:` + 22 characters of base64url SHA-256 (only the messaging channels had them). */
const LEGACY = /^(sms|whatsapp|telegram):([A-Za-z0-9_-]{22})$/;

/** The old scheme (plain SHA-256 of channel and address): for the migration and what it has not reached yet. */
export function legacyAddressKey(channel: string, address: string): string {
  return `${channel}:${createHash('sha256').update(`${channel}\u0000${address}`).digest('base64url').slice(0, 22)}`;
}

export function isLegacyId(id: string): boolean {
  return LEGACY.test(id);
}

/**
 * Ids remembered per process: a messaging turn asks for the same few (user, conversation) several times. The memo
 * is keyed by the phone number, so it is short-lived: emptied at least every minute (a number is not kept in memory
 * after its turns, e.g. after an erasure). It has two generations: when the newer is full it becomes the older and
 * the oldest is dropped, so that a busy minute (more numbers than fit) keeps the numbers writing now instead of
 * emptying everything, which made every conversation under way hash its ids again (~10 µs a hash).
 */
const MAX_REMEMBERED = 1024;
const REMEMBER_MS = 60_000;

export class ContactIds {
  /** Address keys and orphan keys by what they were computed from (the map is only a shortcut): newer, then older. */
  private known = new Map<string, string>();
  private older = new Map<string, string>();
  private knownSince = Date.now();

  private constructor(private readonly secret: Buffer | undefined) {}

  /** Ids keyed with the service's secret (CONTACT_HASH_SECRET). */
  static keyed(secret: string): ContactIds {
    if (secret.length < 32) throw new Error('CONTACT_HASH_SECRET: at least 32 characters');
    return new ContactIds(Buffer.from(secret, 'utf8'));
  }

  /** A random secret: ids that mean nothing after this process ends (tests, a throwaway development instance). */
  static ephemeral(): ContactIds {
    return new ContactIds(randomBytes(32));
  }

  /** The ids of the version before the keyed ones (plain SHA-256): to write data as it did, in migration tests. */
  static legacySha256(): ContactIds {
    return new ContactIds(undefined);
  }

  /** The id of an address on a channel (also of `botAddress \0 address`, a conversation). */
  addressKey(channel: string, address: string): string {
    const memo = `address\u0000${channel}\u0000${address}`;
    const known = this.recall(memo);
    if (known !== undefined) return known;
    const key = this.upgrade(legacyAddressKey(channel, address));
    this.remember(memo, key);
    return key;
  }

  /** A citizen's user id: the same for every number of ours they write to on this channel. */
  userId(channel: string, address: string): string {
    return this.addressKey(channel, address);
  }

  /** The conversation between one address and one of our numbers (ids, bot paths). */
  conversationId(channel: string, botAddress: string, address: string): string {
    return `${channel}:${this.addressKey(channel, `${botAddress}\u0000${address}`)}`;
  }

  /**
   * The old scheme's key of an address's old-scheme id (where the version before keyed ids wrote a STOP): asked at
   * every messaging turn, remembered beside the address keys (two SHA-256 otherwise).
   */
  legacyOfLegacy(channel: string, address: string): string {
    const memo = `legacy\u0000${channel}\u0000${address}`;
    const known = this.recall(memo);
    if (known !== undefined) return known;
    const key = legacyAddressKey(channel, legacyAddressKey(channel, address));
    this.remember(memo, key);
    return key;
  }

  /** An id of the old scheme → the id now; any other id is returned as it is. */
  upgrade(id: string): string {
    if (!this.secret) return id;
    const m = LEGACY.exec(id);
    if (!m) return id;
    return `${m[1]}:k.${createHmac('sha256', this.secret).update(id).digest('base64url').slice(0, 22)}`;
  }

  /** A conversation id of the old scheme (`<channel>:<old id>`) → the id now. */
  upgradeConversation(id: string): string {
    const colon = id.indexOf(':');
    if (colon < 0) return id;
    const channel = id.slice(0, colon);
    const rest = id.slice(colon + 1);
    return rest.startsWith(`${channel}:`) ? `${channel}:${this.upgrade(rest)}` : id;
  }

  /**
   * A keyed name for something of the old scheme that the migration cannot tie to a citizen (a STOP kept after
   * an erasure): `<channel>:o.` + HMAC(old key). The citizen's next message, whose address gives the old key
   * again, finds it (ContactStore.touch).
   */
  orphan(channel: string, legacyKey: string): string {
    if (!this.secret) return legacyKey;
    // Asked at every messaging turn (where an old STOP may be): remembered beside the address keys.
    const memo = `orphan\u0000${channel}\u0000${legacyKey}`;
    const known = this.recall(memo);
    if (known !== undefined) return known;
    const key = `${channel}:o.${createHmac('sha256', this.secret).update(`orphan\u0000${legacyKey}`).digest('base64url').slice(0, 22)}`;
    this.remember(memo, key);
    return key;
  }

  private recall(memo: string): string | undefined {
    if (Date.now() - this.knownSince >= REMEMBER_MS) {
      this.known.clear();
      this.older.clear();
      this.knownSince = Date.now();
    }
    const known = this.known.get(memo);
    if (known !== undefined) return known;
    const older = this.older.get(memo);
    if (older !== undefined) this.remember(memo, older);
    return older;
  }

  private remember(memo: string, key: string): void {
    if (this.known.size >= MAX_REMEMBERED) {
      this.older = this.known;
      this.known = new Map();
    }
    this.known.set(memo, key);
  }

  get isLegacy(): boolean {
    return !this.secret;
  }
}

export { citizenKeyFor } from '../conversation/identity';

/**
 * The addresses of the same person on the other channels that share them: a phone number writes by SMS
 * (Twilio: "+33612345678") and by WhatsApp ("33612345678"); a Telegram chat id is Telegram's only.
 */
export function sameAddressOn(channel: string, address: string): Array<[string, string]> {
  if (channel !== 'sms' && channel !== 'sms-ovh' && channel !== 'sms-brevo' && channel !== 'whatsapp') return [[channel, address]];
  const digits = address.replace(/^\+/, '');
  if (!/^\d{5,20}$/.test(digits)) return [[channel, address]];
  return [['sms', `+${digits}`], ['sms-ovh', `+${digits}`], ['sms-brevo', `+${digits}`], ['whatsapp', digits]];
}
