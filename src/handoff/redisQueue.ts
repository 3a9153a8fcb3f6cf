/**
 * HandoffQueue on Redis. Every transition is one Lua script (src/storage/lua/handoff<Name>-<keys>.lua)
 * that checks the state, changes it and appends exactly one event to the territory's stream, so
 * two instances, fifty racing mediators or a process killed mid-way never leave it half done.
 * Return codes are named once in scriptCodes.ts and mapped to errors once there (codeToError).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { scanKeys, type RedisClient } from '../storage/redis';
import type { Logger } from 'pino';
import { keyspace, type Keyspace } from '../storage/keyspace';
import { scripts, type ScriptCommands } from '../storage/scripts';
import { IllegalTransition, type HandoffState, type Outcome, type Transition } from './states';
import {
  HandoffNotFound,
  LeaseLost,
  type Claim,
  type HandoffEvent,
  type HandoffMessage,
  type HandoffQueue,
  type HandoffRecord,
  type NewHandoff,
} from './queue';
import { codeToError, eventFromStream, EXISTING, hashOf, movedTo, NOT_FOUND, OK, type Reply } from './scriptCodes';

const STATIC_FIELDS = [
  'territory', 'citizenKey', 'personKey', 'reference', 'channel', 'locale', 'reason', 'guideId', 'guideTitle', 'stepId',
  'stepTitle', 'stepNumber', 'stepTotal', 'stage', 'said', 'transcript',
] as const;

export class RedisHandoffQueue implements HandoffQueue {
  private readonly client: RedisClient;
  private readonly scripts: ScriptCommands;
  private readonly keys: Keyspace;

  constructor(
    redis: RedisClient,
    prefix: string,
    /** Seconds, or per territory (its `retentionDays`). */
    private readonly retentionSeconds: number | ((territory: string) => number),
    private readonly logger: Logger,
  ) {
    this.client = redis;
    this.scripts = scripts(redis);
    this.keys = keyspace(prefix);
  }

  private retention(territory: string): number {
    return typeof this.retentionSeconds === 'function' ? this.retentionSeconds(territory) : this.retentionSeconds;
  }

  /** A script's reply, or its code as the error it names (codeToError). */
  private async run(id: string, transition: Transition | 'message', call: Promise<Reply>): Promise<Reply> {
    const reply = await call;
    const err = codeToError(reply, id, transition);
    if (err) throw err;
    return reply;
  }

  private toRecord(id: string, h: Record<string, string>): HandoffRecord | undefined {
    if (!h.state || !h.data) return undefined;
    let data: NewHandoff;
    try {
      data = JSON.parse(h.data) as NewHandoff;
    } catch {
      this.logger.warn({ id }, 'corrupted handoff record');
      return undefined;
    }
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    return {
      ...data,
      id,
      state: h.state as HandoffState,
      priority: Number(h.priority ?? 0),
      createdAt: Number(h.createdAt),
      enqueuedAt: Number(h.enqueuedAt),
      claimedAt: num(h.claimedAt),
      mediatorId: h.mediatorId || undefined,
      leaseExpiresAt: num(h.leaseExpiresAt),
      closedAt: num(h.closedAt),
      outcome: (h.outcome || undefined) as Outcome | undefined,
      note: h.note || undefined,
      callbackPhone: h.callbackPhone || undefined,
      callbackAt: num(h.callbackAt),
      notifiedPosition: num(h.notifiedPosition),
      movedTo: movedTo(h.movedTo),
    };
  }

  private data(input: NewHandoff): string {
    const out: Record<string, unknown> = {};
    for (const f of STATIC_FIELDS) if (input[f] !== undefined) out[f] = input[f];
    return JSON.stringify(out);
  }

  async request(input: NewHandoff, now = Date.now()) {
    const id = randomUUID();
    const t = input.territory;
    const priority = input.priority ?? 0;
    const k = this.keys;
    const reply = await this.run(id, 'request', this.scripts.handoffRequest(
      [k.handoffRecord(t, id), k.handoffQueue(t), k.handoffCitizen(t, input.citizenKey), k.handoffEvents(t), k.handoffArrivals(t)],
      id, now, this.retention(t), this.data(input), Math.max(-9, Math.min(9, priority)), input.citizenKey,
    ));
    const actualId = String(reply[1]);
    const record = await this.get(t, actualId);
    if (!record) throw new HandoffNotFound(actualId);
    return { record, created: reply[0] === OK };
  }

  async get(territory: string, id: string) {
    return this.toRecord(id, await this.client.hgetall(this.keys.handoffRecord(territory, id)));
  }

  async activeFor(territory: string, citizenKey: string) {
    const id = await this.client.get(this.keys.handoffCitizen(territory, citizenKey));
    return id ? this.get(territory, id) : undefined;
  }

  async position(territory: string, id: string) {
    const rank = await this.client.zrank(this.keys.handoffQueue(territory), id);
    return rank === null ? undefined : rank + 1;
  }

  async waiting(territory: string) {
    const ids = await this.client.zrange(this.keys.handoffQueue(territory), 0, -1);
    const records = await Promise.all(ids.map((id) => this.get(territory, id)));
    return records.filter((r): r is HandoffRecord => r !== undefined);
  }

  async claim(territory: string, id: string, mediatorId: string, leaseMs: number, now = Date.now()): Promise<Claim> {
    const leaseToken = randomBytes(16).toString('base64url');
    const k = this.keys;
    const reply = await this.run(id, 'claim', this.scripts.handoffClaim(
      [k.handoffRecord(territory, id), k.handoffQueue(territory), k.handoffLeases(territory), k.handoffEvents(territory), k.handoffWaits(territory)],
      id, mediatorId, leaseToken, now, leaseMs, this.retention(territory),
    ));
    return { leaseToken, leaseExpiresAt: Number(reply[1]), record: this.toRecord(id, hashOf(reply[2] ?? []))! };
  }

  async transfer(territory: string, id: string, leaseToken: string, toMediatorId: string, leaseMs: number, now = Date.now()): Promise<Claim> {
    const newToken = randomBytes(16).toString('base64url');
    const k = this.keys;
    const reply = await this.run(id, 'transfer', this.scripts.handoffTransfer(
      [k.handoffRecord(territory, id), k.handoffLeases(territory), k.handoffEvents(territory)],
      id, leaseToken, toMediatorId, newToken, now, leaseMs, this.retention(territory),
    ));
    return { leaseToken: newToken, leaseExpiresAt: Number(reply[1]), record: this.toRecord(id, hashOf(reply[2] ?? []))! };
  }

  async moveOut(territory: string, id: string, leaseToken: string, to: { territory: string; id: string }, now = Date.now()): Promise<void> {
    const k = this.keys;
    const record = await this.get(territory, id);
    await this.run(id, 'transfer-territory', this.scripts.handoffMoveOut(
      [k.handoffRecord(territory, id), k.handoffLeases(territory), k.handoffCitizen(territory, record?.citizenKey ?? ''), k.handoffEvents(territory)],
      id, leaseToken, now, `${to.territory}/${to.id}`, this.retention(territory),
    ));
  }

  async leaseOf(territory: string, id: string, mediatorId: string) {
    const [state, holder, lease] = await this.client.hmget(this.keys.handoffRecord(territory, id), 'state', 'mediatorId', 'lease');
    return state === 'with_mediator' && holder === mediatorId && lease ? lease : undefined;
  }

  async heartbeat(territory: string, id: string, leaseToken: string, leaseMs: number, now = Date.now()) {
    const k = this.keys;
    const reply = await this.run(id, 'release', this.scripts.handoffHeartbeat([k.handoffRecord(territory, id), k.handoffLeases(territory)], id, leaseToken, now, leaseMs, this.retention(territory)));
    return Number(reply[1]);
  }

  private async putBack(territory: string, id: string, token: string, mode: 'release' | 'lease-expired', now: number) {
    const rec = await this.get(territory, id);
    if (!rec) throw new HandoffNotFound(id);
    const k = this.keys;
    await this.run(id, mode, this.scripts.handoffRelease(
      [k.handoffRecord(territory, id), k.handoffQueue(territory), k.handoffLeases(territory), k.handoffEvents(territory)],
      id, token, now, mode, this.retention(territory),
    ));
  }

  async release(territory: string, id: string, leaseToken: string, now = Date.now()) {
    await this.putBack(territory, id, leaseToken, 'release', now);
  }

  async reapLeases(territory: string, now = Date.now()) {
    const due = await this.client.zrangebyscore(this.keys.handoffLeases(territory), '-inf', now);
    const reaped: string[] = [];
    for (const id of due) {
      try {
        await this.putBack(territory, id, '', 'lease-expired', now);
        reaped.push(id);
      } catch (err) {
        // Renewed or closed in between (or reaped by another instance): nothing to do.
        if (!(err instanceof LeaseLost) && !(err instanceof IllegalTransition) && !(err instanceof HandoffNotFound)) throw err;
        if (err instanceof HandoffNotFound) await this.client.zrem(this.keys.handoffLeases(territory), id);
      }
    }
    return reaped;
  }

  async close(territory: string, id: string, leaseToken: string, outcome: Outcome, note = '', now = Date.now()) {
    const rec = await this.get(territory, id);
    if (!rec) throw new HandoffNotFound(id);
    const k = this.keys;
    await this.run(id, 'close', this.scripts.handoffClose(
      [k.handoffRecord(territory, id), k.handoffLeases(territory), k.handoffCitizen(territory, rec.citizenKey), k.handoffEvents(territory)],
      id, leaseToken, now, outcome, note.slice(0, 2000), this.retention(territory),
    ));
  }

  private async leave(territory: string, id: string, mode: 'cancel' | 'expire', maxWaitMs: number, now: number) {
    const rec = await this.get(territory, id);
    if (!rec) throw new HandoffNotFound(id);
    const k = this.keys;
    await this.run(id, mode, this.scripts.handoffLeave(
      [k.handoffRecord(territory, id), k.handoffQueue(territory), k.handoffCitizen(territory, rec.citizenKey), k.handoffEvents(territory)],
      id, now, mode, maxWaitMs, this.retention(territory),
    ));
  }

  async cancel(territory: string, id: string, now = Date.now()) {
    await this.leave(territory, id, 'cancel', 0, now);
  }

  async expireWaiting(territory: string, maxWaitMs: number, now = Date.now()) {
    const expired: string[] = [];
    for (const rec of await this.waiting(territory)) {
      if (now - rec.enqueuedAt < maxWaitMs) continue;
      try {
        await this.leave(territory, rec.id, 'expire', maxWaitMs, now);
        expired.push(rec.id);
      } catch (err) {
        if (!(err instanceof IllegalTransition) && !(err instanceof LeaseLost)) throw err;
      }
    }
    return expired;
  }

  async requestCallback(input: NewHandoff & { existingId?: string; phone: string; callAt: number }, now = Date.now()): Promise<HandoffRecord> {
    const t = input.territory;
    const id = input.existingId ?? randomUUID();
    const k = this.keys;
    const creating = input.existingId ? '0' : '1';
    const priority = input.priority ?? 0;
    const reply = await this.run(id, 'request-callback', this.scripts.handoffCallback(
      [k.handoffRecord(t, id), k.handoffQueue(t), k.handoffCitizen(t, input.citizenKey), k.handoffCallbacks(t), k.handoffEvents(t)],
      id, now, this.retention(t), input.phone, input.callAt, creating, this.data(input), priority, input.citizenKey,
    ));
    const actual = String(reply[1]);
    if (reply[0] === EXISTING && actual !== id) {
      // The citizen already had an active handoff: move that one instead.
      return this.requestCallback({ ...input, existingId: actual }, now);
    }
    return (await this.get(t, actual))!;
  }

  async callbackDone(territory: string, id: string, outcome: Outcome, mediatorId: string, now = Date.now()) {
    const rec = await this.get(territory, id);
    if (!rec) throw new HandoffNotFound(id);
    const k = this.keys;
    await this.run(id, 'callback-done', this.scripts.handoffCallbackDone(
      [k.handoffRecord(territory, id), k.handoffCallbacks(territory), k.handoffCitizen(territory, rec.citizenKey), k.handoffEvents(territory)],
      id, now, outcome, mediatorId, this.retention(territory),
    ));
  }

  async callbacks(territory: string) {
    const ids = await this.client.zrange(this.keys.handoffCallbacks(territory), 0, -1);
    const records = await Promise.all(ids.map((id) => this.get(territory, id)));
    return records.filter((r): r is HandoffRecord => r !== undefined && r.state === 'callback_requested');
  }

  async addMessage(territory: string, id: string, message: HandoffMessage) {
    const k = this.keys;
    await this.run(id, 'message', this.scripts.handoffMessage(
      [k.handoffRecord(territory, id), k.handoffMessages(territory, id), k.handoffEvents(territory)],
      id, message.at, JSON.stringify(message), message.mediatorId ?? '', this.retention(territory),
    ));
  }

  async eraseCitizen(territory: string, citizenKey: string): Promise<number> {
    // Closed handoffs are not indexed by citizen: look at each record of the territory (a rare request).
    let erased = 0;
    const pattern = this.keys.handoffRecord(territory, '*');
    await scanKeys(this.client, pattern, 500, async (keys) => {
      for (const key of keys) {
        const id = key.slice(key.lastIndexOf(':h:') + 3);
        const k = this.keys;
        const reply = await this.scripts.handoffErase(
          [key, k.handoffMessages(territory, id), k.handoffQueue(territory), k.handoffLeases(territory), k.handoffCallbacks(territory), k.handoffCitizen(territory, citizenKey), k.handoffNotes(territory, id)],
          id,
          citizenKey,
        );
        erased += reply === 1 ? 1 : 0;
      }
    });
    return erased;
  }

  async messages(territory: string, id: string, after = 0) {
    const list = await this.client.lrange(this.keys.handoffMessages(territory, id), after, -1);
    return list.map((j) => JSON.parse(j) as HandoffMessage);
  }

  async setNotifiedPosition(territory: string, id: string, position: number) {
    // HSET on a missing key would create a stray record without expiry.
    const key = this.keys.handoffRecord(territory, id);
    if (await this.client.exists(key)) await this.client.hset(key, 'notifiedPosition', String(position));
  }

  async events(territory: string, afterStreamId = '0', count = 100): Promise<HandoffEvent[]> {
    const start = afterStreamId === '0' || afterStreamId === '' ? '-' : `(${afterStreamId}`;
    const entries = await this.client.xrange(this.keys.handoffEvents(territory), start, '+', 'COUNT', count);
    return entries.map(([streamId, fields]) => eventFromStream(streamId, fields));
  }

  async averageWaitMs(territory: string) {
    const waits = (await this.client.lrange(this.keys.handoffWaits(territory), 0, -1)).map(Number).filter((n) => Number.isFinite(n));
    return waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : undefined;
  }

  async setPresence(territory: string, mediatorId: string, onDuty: boolean, ttlMs: number, now = Date.now()) {
    if (onDuty) await this.client.zadd(this.keys.handoffDuty(territory), now + ttlMs, mediatorId);
    else await this.client.zrem(this.keys.handoffDuty(territory), mediatorId);
  }

  async isOnDuty(territory: string, mediatorId: string, now = Date.now()) {
    return Number((await this.client.zscore(this.keys.handoffDuty(territory), mediatorId)) ?? 0) > now;
  }

  async onDutyCount(territory: string, now = Date.now()) {
    return this.client.zcount(this.keys.handoffDuty(territory), `(${now}`, '+inf');
  }

  async close_() {
    // The Redis connection belongs to the app.
  }
}
