/**
 * The messaging channels' ContactStore in memory (the embedded default, one instance): the same contract as
 * RedisContactStore (test/channels/contacts.contract.ts runs against both), keys private to the process.
 */
import { ContactIds } from '../../privacy/contactIds';
import { CONTACT_COUNTERS } from '../../storage/keyspace';
import { DELIVERY_LEASE_SECONDS, type AfterTurnRequest, type BeforeTurn, type BeforeTurnRequest, type ContactStore, type DeliveryState } from './contacts';

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

  async optOut(channel: string, userId: string): Promise<void> {
    this.set(`stop:${channel}:${userId}`, '1');
  }

  async eraseUser(channel: string, userId: string): Promise<void> {
    this.values.delete(`seen:${userId}`);
    this.values.delete(`convs:${userId}`);
    this.values.delete(`held:${channel}:${userId}`);
    for (const c of CONTACT_COUNTERS) this.values.delete(`rl:${userId}:${c}`);
  }
}
