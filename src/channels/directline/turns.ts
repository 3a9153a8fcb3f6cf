/**
 * Turns of the web chat through the bot: one at a time per conversation on an instance, a message with a
 * client id run once across instances, "the bot is typing" while a turn is slow, and the citizen's activity
 * (masked) stored with the bot's replies.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { LeanAdapter } from '../leanAdapter';
import { TurnWrites, type ReadAhead } from '../../storage/botState';
import type { ActivityLog, MessageCount } from './activityLog';
import type { TokenClaims } from './tokens';
import { maskPersonalData } from '../../privacy/mask';
import { inboundActivity } from '../inbound';
import type { PhotoRef } from '../../conversation/photos';
import { DIRECTLINE_CHANNEL, echoedChannelData, storedBotActivity } from './activityShape';
import { DirectLineError } from './errors';
import { newId } from './ids';

/**
 * "The bot is typing" is streamed only for a turn still running after this long, then again every
 * TYPING_REPEAT_MS, as botbuilder's ShowTypingMiddleware does (delay 500 ms, period 2 s): most turns
 * answer within a few milliseconds, and our widget shows its own indicator from the moment the
 * citizen sends until the answer comes.
 */
export const TYPING_DELAY_MS = 500;
const TYPING_REPEAT_MS = 2000;

/** A re-post of a message whose first post is still running elsewhere waits this long for it, at most. */
const PENDING_WAIT_MS = 10_000;
const PENDING_POLL_MS = 50;

export interface TurnDeps {
  log: ActivityLog;
  adapter: LeanAdapter;
  logger: Logger;
  now?: () => number;
  /** See TYPING_DELAY_MS (WEBCHAT_TYPING_DELAY_MS; 0 = at the start of every turn). */
  typingDelayMs?: number;
}

export class DirectLineTurns {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: TurnDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /**
   * Run `turn` once per client id: claimed across instances (Redis), marked done by the append that
   * stores the turn, released when it fails (a retry then runs it). Without a client id: run it.
   */
  async once(
    claims: TokenClaims,
    clientId: string | undefined,
    /** `states`: the turn's states, read in the claim's round trip (LeanAdapter.readStatesAhead), for `run`. */
    turn: (id: string, clientId: string | undefined, states?: ReadAhead) => Promise<void>,
    /** Count the message against its limit as it is claimed (only with a client id: see routes.ts). */
    count?: MessageCount,
  ): Promise<string> {
    const id = `${claims.conversationId}|${newId(8)}`;
    if (!clientId) {
      await this.serialized(claims.conversationId, () => turn(id, undefined));
      return id;
    }
    // Claimed in the conversation's turn order on this instance: a re-post waiting behind its first post
    // then finds it done, and the lease counts from the turn's start.
    const limit = count?.limit;
    return this.serialized(claims.conversationId, async () => {
      const waitUntil = Date.now() + PENDING_WAIT_MS;
      let states: ReadAhead | undefined;
      for (let first = true; ; first = false) {
        const claiming = this.deps.log.claimClientActivity(claims.conversationId, clientId, id, this.now(), claims.territory, count);
        // Good only if this first claim takes the message: after a wait, another instance may have written them.
        states = first ? this.deps.adapter.readStatesAhead(DIRECTLINE_CHANNEL, claims.conversationId, claims.userId) : undefined;
        const claim = await claiming;
        // Counted once: a re-post waiting for its first post is not counted again.
        count = undefined;
        if (claim.state === 'limited') throw new DirectLineError(429, 'TooManyRequests', `more than ${limit} requests a minute: wait a little`);
        if (claim.state === 'done') return claim.activityId;
        if (claim.state === 'taken') break;
        // Its first post is running on another instance: its answer is this one's.
        if (Date.now() >= waitUntil) throw new DirectLineError(503, 'Pending', 'this message is still being handled: retry shortly');
        await new Promise((resolve) => setTimeout(resolve, PENDING_POLL_MS));
      }
      try {
        await turn(id, clientId, states);
        return id;
      } catch (err) {
        await this.deps.log
          .releaseClientActivity(claims.conversationId, clientId, id)
          .catch((e: unknown) => this.deps.logger.warn({ err: e }, 'web chat client activity not released'));
        throw err;
      }
    });
  }

  /** Turns of one conversation run one after the other on this instance (state eTags guard across instances). */
  serialized<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(conversationId, next);
    // Forget the queue once it is done; the turn's own error goes to the caller (this chain cannot reject).
    const forget = () => {
      if (this.queues.get(conversationId) === next) this.queues.delete(conversationId);
    };
    next.then(forget, forget);
    return next;
  }

  /** Run one activity of the citizen through the bot and store it with the replies. */
  async run(claims: TokenClaims, incoming: Partial<Activity>, clientId?: string, photos: PhotoRef[] = [], states?: ReadAhead): Promise<void> {
    const inbound = inboundActivity({
      channelId: DIRECTLINE_CHANNEL,
      conversationId: claims.conversationId,
      userId: claims.userId,
      role: 'user',
      id: incoming.id ?? `${claims.conversationId}|${newId(8)}`,
      timestamp: new Date(this.now()),
      fields: incoming,
      channelData: { territory: claims.territory, ...(photos.length ? { photos } : {}) },
    });
    const timestamp = inbound.timestamp as Date;
    const typing = this.typingWhileSlow(claims.conversationId);
    try {
      // The turn's state writes go with the append below (one round trip), which waits for them.
      const writes = new TurnWrites();
      const replies = await this.deps.adapter.processActivity(inbound, { ...(states ? { states } : {}), writes });
      // No "typing" may follow the answer on the stream: stopped before the answer is appended (and announced).
      typing.stop();
      const stored: Partial<Activity>[] = [];
      // The welcome answers a conversationUpdate, which is not stored: it replies to nothing a client can find.
      const echoed = inbound.type === 'message';
      if (echoed) {
        const { channelData: _omit, serviceUrl: _s, ...rest } = inbound;
        const echo: Partial<Activity> = rest;
        // What is kept and streamed back is what mediators see: a shared computer's next user, or anyone
        // holding the token, must not read a password, an e-mail or a phone number as it was typed.
        if (typeof echo.text === 'string') echo.text = maskPersonalData(echo.text);
        // Shown as typed: never read as markdown by a client.
        echo.textFormat = 'plain';
        const clientFields = echoedChannelData(incoming.channelData);
        if (clientFields) echo.channelData = clientFields;
        stored.push(echo);
      }
      for (const r of replies) stored.push(storedBotActivity(claims.conversationId, claims.userId, r, timestamp, echoed ? inbound.id : undefined));
      if (stored.length > 0 || clientId) {
        const [w] = await Promise.all([this.deps.log.append(claims.conversationId, stored, claims.territory, clientId ? { clientId, activityId: inbound.id! } : undefined), writes.settled()]);
        if (w < 0) throw new DirectLineError(404, 'NotFound', 'unknown conversation');
      } else {
        await writes.settled();
      }
    } finally {
      typing.stop();
    }
  }

  /** Announce "the bot is typing" if the turn is still running after the delay, and while it runs. */
  private typingWhileSlow(conversationId: string): { stop(): void } {
    const announce = () => {
      // Best effort, not worth waiting for (the answer comes anyway).
      const at = new Date(this.now()).toISOString();
      this.deps.log.announce({ conversationId, kind: 'typing', activityId: `${conversationId}|${newId(8)}`, timestamp: at }).catch((err: unknown) => this.deps.logger.warn({ err }, 'web chat typing announcement failed'));
      timer = setTimeout(announce, TYPING_REPEAT_MS);
    };
    let timer: NodeJS.Timeout | undefined;
    const delay = this.deps.typingDelayMs ?? TYPING_DELAY_MS;
    if (delay === 0) announce();
    else timer = setTimeout(announce, delay);
    return { stop: () => clearTimeout(timer) };
  }
}
