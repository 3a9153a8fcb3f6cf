/**
 * The web chat's conversations and their activities, kept for the retention period so a reload, a
 * reconnect, or a reconnect to ANOTHER instance resumes with the history. Appends are announced to
 * every instance (Redis pub/sub) so the instance holding a citizen's WebSocket pushes them.
 */
import { retentionOf, type RetentionOf } from '../../territories/retention';
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import type { RateLimiter } from '../../storage/rateLimiter';

export interface ConversationMeta {
  conversationId: string;
  territory: string;
  userId: string;
  createdAt: number;
}

/** What instances tell each other: new activities, "the bot is typing", or the conversation ended (its sockets close). */
export interface LogEvent {
  conversationId: string;
  kind: 'activities' | 'typing' | 'ended';
  /** New activities: the conversation's watermark after them, and how many they are… */
  watermark?: number;
  count?: number;
  /** …and their JSON array, so a socket that has seen all before them gets them without a read. */
  json?: string;
  /** "The bot is typing": its activity's id and timestamp (ISO), the same on every instance. */
  activityId?: string;
  timestamp?: string;
  /** Who is typing, when not the bot: the mediator of a handoff (the widget says "Le conseiller écrit…"). */
  from?: 'mediator';
}

/**
 * A client's own id for a message (Web Chat's `channelData.clientActivityID`): what a re-post of the
 * same message finds. 'taken': nobody handled it, this caller runs the turn (and must append with
 * `clientActivity`, or release); 'done': handled, `activityId` is its id; 'pending': another request
 * (maybe on another instance) is running its turn right now.
 */
export type ClientClaim = { state: 'taken' | 'done' | 'pending' | 'limited'; activityId: string };

/**
 * A message counted against a limit as it is claimed ('limited' then, nothing claimed): one round trip
 * with Redis, which counts under `lim:<key>` as `limiter` does; the in-memory log asks `limiter`.
 */
export interface MessageCount {
  key: string;
  limit: number;
  windowMs: number;
  limiter: RateLimiter;
}

/** A client activity's claim lasts this long: a turn still not appended by then is taken over. */
export const CLIENT_CLAIM_LEASE_MS = 30_000;
/** Client ids remembered per conversation (retries come within minutes): the next one starts the list over. */
export const CLIENT_IDS_KEPT = 200;

export interface ActivityLog {
  /** Create once, kept as long as its territory keeps data (every append refreshes it); false when it already existed. */
  create(meta: ConversationMeta): Promise<boolean>;
  meta(conversationId: string): Promise<ConversationMeta | undefined>;
  /**
   * Store activities (in order) and announce them; the new watermark, or -1 if unknown. The conversation
   * keeps the retention it was created with (`territory`: its territory, for one created without).
   */
  append(conversationId: string, activities: Partial<Activity>[], territory?: string, clientActivity?: { clientId: string; activityId: string }): Promise<number>;
  /**
   * Claim the handling of a client's message id (see ClientClaim). A claim that was taken is marked
   * done by the append that stores the turn (`clientActivity`, atomically), or released on failure.
   */
  claimClientActivity(conversationId: string, clientId: string, activityId: string, now: number, territory?: string, count?: MessageCount): Promise<ClientClaim>;
  releaseClientActivity(conversationId: string, clientId: string, activityId: string): Promise<void>;
  /** Activities after `watermark` (a count), and the new watermark. */
  since(conversationId: string, watermark: number): Promise<{ activities: Partial<Activity>[]; watermark: number }>;
  /** "Effacer mes données": every stored activity becomes an empty "erased" event (watermarks stay valid). */
  wipe(conversationId: string): Promise<number>;
  /**
   * "Terminer et effacer": delete the conversation (meta and activities: its tokens reach nothing any
   * more) and announce it ended, so every instance closes its sockets. False when it did not exist.
   */
  end(conversationId: string): Promise<boolean>;
  /** Announce an ephemeral event to every instance (not stored). */
  announce(event: LogEvent): Promise<void>;
  onEvent(listener: (event: LogEvent) => void): () => void;
  close(): Promise<void>;
}

interface Entry {
  meta: ConversationMeta;
  activities: string[];
  /** Client message ids: activity id, and the claim's expiry while its turn runs (0: done). */
  clients: Map<string, { activityId: string; pendingUntil: number }>;
  ttlSeconds: number;
  expiresAt: number;
}

/** Embedded default: one process, same contract. */
export class MemoryActivityLog implements ActivityLog {
  private readonly conversations = new Map<string, Entry>();
  private readonly events = new EventEmitter();
  private readonly retention: RetentionOf;

  constructor(
    retention: number | RetentionOf,
    private readonly now: () => number = Date.now,
  ) {
    this.retention = retentionOf(retention);
    this.events.setMaxListeners(0);
  }

  private live(id: string): Entry | undefined {
    const e = this.conversations.get(id);
    if (e && e.expiresAt <= this.now()) {
      this.conversations.delete(id);
      return undefined;
    }
    return e;
  }

  async create(meta: ConversationMeta): Promise<boolean> {
    if (this.live(meta.conversationId)) return false;
    const ttlSeconds = this.retention(meta.territory);
    this.conversations.set(meta.conversationId, { meta, activities: [], clients: new Map(), ttlSeconds, expiresAt: this.now() + ttlSeconds * 1000 });
    return true;
  }

  async meta(id: string): Promise<ConversationMeta | undefined> {
    return this.live(id)?.meta;
  }

  async append(id: string, activities: Partial<Activity>[], _territory?: string, clientActivity?: { clientId: string; activityId: string }): Promise<number> {
    const e = this.live(id);
    if (!e) return -1;
    const json = activities.map((a) => JSON.stringify(a));
    e.activities.push(...json);
    if (clientActivity) e.clients.set(clientActivity.clientId, { activityId: clientActivity.activityId, pendingUntil: 0 });
    e.expiresAt = this.now() + e.ttlSeconds * 1000;
    const event: LogEvent = { conversationId: id, kind: 'activities', watermark: e.activities.length, count: json.length, json: `[${json.join(',')}]` };
    this.events.emit('event', event);
    return e.activities.length;
  }

  async claimClientActivity(id: string, clientId: string, activityId: string, now: number, _territory?: string, count?: MessageCount): Promise<ClientClaim> {
    if (count && !(await count.limiter.hit(count.key, count.limit, count.windowMs, now))) return { state: 'limited', activityId: '' };
    const e = this.live(id);
    if (!e) return { state: 'taken', activityId };
    const was = e.clients.get(clientId);
    if (was && was.pendingUntil === 0) return { state: 'done', activityId: was.activityId };
    if (was && was.pendingUntil > now) return { state: 'pending', activityId: was.activityId };
    if (e.clients.size >= CLIENT_IDS_KEPT) e.clients.clear();
    e.clients.set(clientId, { activityId, pendingUntil: now + CLIENT_CLAIM_LEASE_MS });
    return { state: 'taken', activityId };
  }

  async releaseClientActivity(id: string, clientId: string, activityId: string): Promise<void> {
    const e = this.live(id);
    const was = e?.clients.get(clientId);
    if (was && was.pendingUntil > 0 && was.activityId === activityId) e!.clients.delete(clientId);
  }

  async since(id: string, watermark: number) {
    const list = this.live(id)?.activities ?? [];
    return { activities: list.slice(watermark).map((j) => JSON.parse(j) as Partial<Activity>), watermark: list.length };
  }

  async wipe(id: string): Promise<number> {
    const e = this.live(id);
    if (!e) return 0;
    e.activities = e.activities.map((json, i) => {
      let activityId = `erased-${i}`;
      try {
        activityId = (JSON.parse(json) as { id?: string }).id ?? activityId;
      } catch {
        /* kept as erased-i */
      }
      return JSON.stringify({ type: 'event', name: 'erased', id: activityId });
    });
    return e.activities.length;
  }

  async end(id: string): Promise<boolean> {
    const existed = this.live(id) !== undefined;
    this.conversations.delete(id);
    this.events.emit('event', { conversationId: id, kind: 'ended' } satisfies LogEvent);
    return existed;
  }

  async announce(event: LogEvent): Promise<void> {
    this.events.emit('event', event);
  }

  onEvent(listener: (event: LogEvent) => void): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}
