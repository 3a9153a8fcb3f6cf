/**
 * ActivityLog on Redis: per conversation a meta hash and an activity list sharing the
 * {conversationId} hash tag; multi-key changes are Lua scripts; appends are announced on one
 * pub/sub channel that every instance subscribes to with its own connection.
 */
import { retentionOf, type RetentionOf } from '../../territories/retention';
import type { RedisClient } from '../../storage/redis';
import { keyspace, type Keyspace } from '../../storage/keyspace';
import { scripts, type ScriptCommands } from '../../storage/scripts';
import type { Activity } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { CLIENT_CLAIM_LEASE_MS, CLIENT_IDS_KEPT, type ActivityLog, type ClientClaim, type ConversationMeta, type LogEvent, type MessageCount } from './activityLog';

/** Return codes of the scripts. */
const CREATED = 1;
const UNKNOWN_CONVERSATION = -1;

const ACTIVITIES_FIELD = ',"activities":';

/**
 * An announcement. The activities' array comes last (see dlAppend-3.lua): it is cut out as text, not
 * parsed, since the socket sends it on as it is. `,"activities":` cannot occur inside a JSON string
 * (a quote there is escaped), so its first occurrence is the field.
 */
export function parseEvent(message: string): LogEvent {
  const at = message.indexOf(ACTIVITIES_FIELD);
  if (at < 0) return JSON.parse(message) as LogEvent;
  const event = JSON.parse(`${message.slice(0, at)}}`) as LogEvent;
  const json = message.slice(at + ACTIVITIES_FIELD.length, -1);
  if (json[0] !== '[' || json[json.length - 1] !== ']' || message[message.length - 1] !== '}') throw new Error('malformed announcement');
  event.json = json;
  return event;
}

export class RedisActivityLog implements ActivityLog {
  private readonly client: RedisClient;
  private readonly run: ScriptCommands;
  private readonly ks: Keyspace;
  private readonly subscriber: RedisClient;
  private readonly listeners = new Set<(e: LogEvent) => void>();
  private readonly channel: string;
  private subscribed: Promise<unknown> | undefined;
  private readonly retention: RetentionOf;
  /**
   * Announcements of this log's own appends start with this: its listeners already had them when the script
   * returned, so the subscriber skips them before reading (a web chat turn's announcement is a few KB).
   */
  private readonly own = `{"origin":"${randomBytes(9).toString('base64url')}",`;

  constructor(
    redis: RedisClient,
    prefix: string,
    retention: number | RetentionOf,
    private readonly logger: Logger,
  ) {
    this.retention = retentionOf(retention);
    this.client = redis;
    this.run = scripts(redis);
    this.ks = keyspace(prefix);
    this.channel = this.ks.webChatEvents();
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', (err: Error) => this.logger.warn({ err }, 'redis subscriber error'));
    this.subscriber.on('message', (_channel: string, message: string) => {
      if (message.startsWith(this.own)) return;
      try {
        const event = parseEvent(message);
        for (const l of this.listeners) l(event);
      } catch {
        this.logger.warn('malformed web chat event ignored');
      }
    });
  }

  /** Subscribe before serving, so no announcement is missed. */
  async ready(): Promise<void> {
    this.subscribed ??= this.subscriber.subscribe(this.channel);
    await this.subscribed;
  }

  private keys(id: string) {
    return { meta: this.ks.webChatMeta(id), acts: this.ks.webChatActivities(id), cids: this.ks.webChatClientIds(id) };
  }

  async create(meta: ConversationMeta): Promise<boolean> {
    const code = await this.run.dlCreate(
      [this.keys(meta.conversationId).meta],
      meta.territory,
      meta.userId,
      meta.createdAt,
      this.retention(meta.territory),
    );
    return code === CREATED;
  }

  async meta(id: string): Promise<ConversationMeta | undefined> {
    const h = await this.client.hgetall(this.keys(id).meta);
    if (!h.territory || !h.user) return undefined;
    return { conversationId: id, territory: h.territory, userId: h.user, createdAt: Number(h.createdAt) };
  }

  async append(id: string, activities: Partial<Activity>[], territory?: string, clientActivity?: { clientId: string; activityId: string }): Promise<number> {
    const k = this.keys(id);
    // The script also announces the append, with the activities, in the same round trip.
    const head = `${this.own}${JSON.stringify({ conversationId: id, kind: 'activities' } satisfies LogEvent).slice(1, -1)},"count":${activities.length}`;
    const jsons = activities.map((a) => JSON.stringify(a));
    // The conversation's retention is kept in its meta hash; this one is for conversations created without.
    const n = await this.run.dlAppend(
      [k.meta, k.acts, k.cids],
      this.retention(territory),
      territory ? '1' : '0',
      this.channel,
      head,
      clientActivity?.clientId ?? '',
      clientActivity?.activityId ?? '',
      ...jsons,
    );
    if (n === UNKNOWN_CONVERSATION) return -1;
    // What the other instances hear through the announcement, this one's sockets get at once.
    if (jsons.length > 0) this.tell({ conversationId: id, kind: 'activities', count: jsons.length, watermark: n, json: `[${jsons.join(',')}]` });
    return n;
  }

  async claimClientActivity(id: string, clientId: string, activityId: string, now: number, territory?: string, count?: MessageCount): Promise<ClientClaim> {
    const ttl = this.retention(territory);
    const cids = this.keys(id).cids;
    // The counter RedisRateLimiter keeps for `count.key` (its key carries the conversation's hash tag: one slot).
    const counter = count ? this.ks.limit(count.key) : cids;
    const r = await this.run.dlClient([cids, counter], 'claim', clientId, activityId, now, CLIENT_CLAIM_LEASE_MS, ttl, CLIENT_IDS_KEPT, count?.limit ?? 0, count?.windowMs ?? 0);
    const [state, was] = r as [string, string];
    return { state: state === 'done' || state === 'pending' || state === 'limited' ? state : 'taken', activityId: was };
  }

  async releaseClientActivity(id: string, clientId: string, activityId: string): Promise<void> {
    const cids = this.keys(id).cids;
    await this.run.dlClient([cids, cids], 'release', clientId, activityId);
  }

  async since(id: string, watermark: number) {
    const k = this.keys(id);
    const list = await this.client.lrange(k.acts, watermark, -1);
    const activities: Partial<Activity>[] = [];
    for (const json of list) {
      try {
        activities.push(JSON.parse(json) as Partial<Activity>);
      } catch {
        this.logger.warn('corrupted web chat activity skipped');
      }
    }
    // The new watermark counts what was read (an append racing with this read is picked up next time).
    return { activities, watermark: watermark + list.length };
  }

  async wipe(id: string): Promise<number> {
    return this.run.dlWipe([this.keys(id).acts]);
  }

  async end(id: string): Promise<boolean> {
    const k = this.keys(id);
    // One DEL of both keys (same {id} hash tag: one slot, one atomic command).
    const deleted = await this.client.del(k.meta, k.acts, k.cids);
    await this.announce({ conversationId: id, kind: 'ended' });
    return deleted > 0;
  }

  async announce(event: LogEvent): Promise<void> {
    await this.client.publish(this.channel, JSON.stringify(event));
  }

  private tell(event: LogEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.logger.warn({ err }, 'web chat event listener failed');
      }
    }
  }

  onEvent(listener: (event: LogEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
