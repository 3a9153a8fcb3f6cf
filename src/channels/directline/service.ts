/**
 * The web chat channel's logic, behind the Direct Line 3.0 routes: tokens scoped to one
 * conversation and one territory, conversations whose activities live in the ActivityLog, and
 * turns run through the lean adapter — one at a time per conversation on an instance.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { LeanAdapter } from '../leanAdapter';
import type { TerritoryRegistry } from '../../territories/registry';
import type { ActivityLog } from './activityLog';
import type { TokenClaims, TokenService } from './tokens';
import type { FileStore } from './fileStore';
import type { RetentionOf } from '../../territories/retention';
import { maskPersonalData } from '../../privacy/mask';

export const DIRECTLINE_CHANNEL = 'directline';
/**
 * "The bot is typing" is streamed only for a turn still running after this long, then again every
 * TYPING_REPEAT_MS, as botbuilder's ShowTypingMiddleware does (delay 500 ms, period 2 s): most turns
 * answer within a few milliseconds, and our widget shows its own indicator from the moment the
 * citizen sends until the answer comes.
 */
export const TYPING_DELAY_MS = 500;
const TYPING_REPEAT_MS = 2000;
export const BOT_ACCOUNT = { id: 'pasapas', name: 'Pas à pas', role: 'bot' } as const;
/** A mediator's words relayed by the bot: clients can show that a person is writing (our widget does). */
export const MEDIATOR_ACCOUNT = { id: 'mediator', name: 'Conseiller', role: 'mediator' } as const;

export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ConversationInfo {
  conversationId: string;
  token: string;
  streamUrl: string;
  expires_in: number;
}

export interface IncomingActivity {
  type: 'message' | 'typing' | 'event';
  text?: string;
  name?: string;
  value?: unknown;
  locale?: string;
  attachments?: Array<{ contentType: string; contentUrl?: string; name?: string }>;
}

/** Random bytes drawn 4 KiB at a time: one randomBytes call per id cost ~4 % of a web chat turn. */
let pool = Buffer.alloc(0);
let used = 0;

function newId(bytes = 16): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += bytes;
  return pool.toString('base64url', used - bytes, used);
}

/**
 * What a web chat client gets of a reply's channelData: not our channel-neutral message under
 * `pasapas` (src/channels/message.ts, for the server-side renderers: the client renders the
 * activity's text and suggested actions), which doubled every activity stored and streamed.
 */
function speakerOf(channelData: unknown): string | undefined {
  const ours = (channelData as { pasapas?: { speaker?: unknown } } | undefined)?.pasapas;
  return typeof ours?.speaker === 'string' ? ours.speaker : undefined;
}

function clientChannelData(channelData: unknown): unknown {
  if (!channelData || typeof channelData !== 'object') return channelData;
  const { pasapas: _ours, ...rest } = channelData as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** A bot activity as the web chat stores and streams it. */
export function storedBotActivity(
  conversationId: string,
  userId: string,
  r: Partial<Activity>,
  timestamp: Date,
  replyToId?: string,
): Partial<Activity> {
  return {
    type: r.type ?? 'message',
    id: `${conversationId}|${newId(8)}`,
    timestamp,
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: speakerOf(r.channelData) === 'mediator' ? { ...MEDIATOR_ACCOUNT } : { ...BOT_ACCOUNT },
    recipient: { id: userId, name: '', role: 'user' },
    replyToId,
    text: r.text,
    textFormat: 'plain',
    locale: r.locale,
    suggestedActions: r.suggestedActions,
    attachments: r.attachments,
    channelData: clientChannelData(r.channelData),
  };
}

export class DirectLineService {
  private readonly queues = new Map<string, Promise<unknown>>();
  /** A conversation's owner never changes: remembered to spare a Redis read per request. */
  private readonly owners = new Map<string, { userId: string; territory: string }>();

  constructor(
    private readonly deps: {
      log: ActivityLog;
      files: FileStore;
      tokens: TokenService;
      adapter: LeanAdapter;
      territories: TerritoryRegistry;
      publicBaseUrl: string;
      logger: Logger;
      now?: () => number;
      /** How long a territory keeps data: its citizens' photos (the conversation keeps its own). */
      retention?: RetentionOf;
      /** See TYPING_DELAY_MS (WEBCHAT_TYPING_DELAY_MS; 0 = at the start of every turn). */
      typingDelayMs?: number;
      /**
       * When a citizen ends their conversation ("Terminer et effacer"): erase what the other stores keep of
       * it — handoffs, reminders, the bot's state (wired in app.ts to the same erasure as "effacer mes données").
       */
      eraseCitizen?: (who: { conversationId: string; userId: string }) => Promise<unknown>;
    },
  ) {
    // A conversation ended on any instance is forgotten here too (the owner cache would still accept it).
    deps.log.onEvent((e) => {
      if (e.kind === 'ended') this.owners.delete(e.conversationId);
    });
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** POST /tokens/generate: a token for a NEW conversation of the territory, for allowed origins only. */
  async generate(territory: string, origin: string | undefined) {
    if (!this.deps.territories.get(territory)) throw new DirectLineError(404, 'NotFound', 'unknown territory');
    if (!this.deps.territories.originAllowed(territory, origin)) {
      throw new DirectLineError(403, 'Forbidden', 'this site is not allowed to open a chat for this territory');
    }
    const claims: TokenClaims = { conversationId: newId(), territory, userId: `dl_${newId(12)}` };
    return { conversationId: claims.conversationId, token: await this.deps.tokens.issue(claims), expires_in: this.deps.tokens.ttlSeconds };
  }

  async refresh(claims: TokenClaims) {
    return { conversationId: claims.conversationId, token: await this.deps.tokens.issue(claims), expires_in: this.deps.tokens.ttlSeconds };
  }

  streamUrl(conversationId: string, token: string, watermark: number): string {
    const base = this.deps.publicBaseUrl.replace(/^http/, 'ws');
    return `${base}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}&watermark=${watermark}`;
  }

  /** POST /conversations: create the conversation the token is for (once) and run the welcome. */
  async start(claims: TokenClaims, token: string): Promise<{ created: boolean; info: ConversationInfo }> {
    const created = await this.deps.log.create({
      conversationId: claims.conversationId,
      territory: claims.territory,
      userId: claims.userId,
      createdAt: this.now(),
    });
    if (created) {
      await this.serialized(claims.conversationId, () =>
        this.runTurn(claims, {
          type: 'conversationUpdate',
          membersAdded: [{ id: claims.userId, name: '' }],
        }),
      );
    }
    return { created, info: { conversationId: claims.conversationId, token, streamUrl: this.streamUrl(claims.conversationId, token, 0), expires_in: this.deps.tokens.ttlSeconds } };
  }

  /** GET /conversations/:id: reconnect (a new stream URL from the watermark). */
  async reconnect(claims: TokenClaims, token: string, watermark: number): Promise<ConversationInfo> {
    await this.requireConversation(claims);
    return { conversationId: claims.conversationId, token, streamUrl: this.streamUrl(claims.conversationId, token, watermark), expires_in: this.deps.tokens.ttlSeconds };
  }

  async activities(claims: TokenClaims, watermark: number) {
    await this.requireConversation(claims);
    const r = await this.deps.log.since(claims.conversationId, watermark);
    return { activities: r.activities, watermark: String(r.watermark) };
  }

  /** POST /activities: the citizen's activity and the bot's replies are stored together. */
  async post(claims: TokenClaims, incoming: IncomingActivity): Promise<string> {
    await this.requireConversation(claims);
    const id = `${claims.conversationId}|${newId(8)}`;
    if (incoming.type !== 'message') return id; // typing and client events: acknowledged, not stored
    await this.serialized(claims.conversationId, () => this.runTurn(claims, { ...incoming, id }));
    return id;
  }

  /** POST /upload: store the photo, then run a turn with it as an attachment. */
  async upload(claims: TokenClaims, file: { contentType: string; name: string; bytes: Buffer }): Promise<string> {
    await this.requireConversation(claims);
    const fileId = await this.deps.files.put(claims.conversationId, file.contentType, file.bytes, this.deps.retention?.(claims.territory));
    const contentUrl = `${this.deps.publicBaseUrl}/v3/directline/conversations/${encodeURIComponent(claims.conversationId)}/files/${fileId}`;
    const id = `${claims.conversationId}|${newId(8)}`;
    await this.serialized(claims.conversationId, () =>
      this.runTurn(claims, { type: 'message', id, text: '', attachments: [{ contentType: file.contentType, contentUrl, name: file.name }] }),
    );
    return id;
  }

  /**
   * DELETE /conversations/:id ("Terminer et effacer"): the conversation is deleted (its tokens reach
   * nothing any more, its sockets close on every instance), its photos and everything else tied to it
   * erased. After a turn of it still running on this instance.
   */
  async end(claims: TokenClaims): Promise<void> {
    await this.requireConversation(claims);
    await this.serialized(claims.conversationId, async () => {
      await this.deps.log.end(claims.conversationId);
      // The citizen's erasure deletes the photos too (a keyspace SCAN: once is enough).
      if (this.deps.eraseCitizen) await this.deps.eraseCitizen({ conversationId: claims.conversationId, userId: claims.userId });
      else await this.deps.files.eraseConversation(claims.conversationId);
    });
    this.owners.delete(claims.conversationId);
  }

  async file(claims: TokenClaims, fileId: string) {
    await this.requireConversation(claims);
    const f = await this.deps.files.get(claims.conversationId, fileId);
    if (!f) throw new DirectLineError(404, 'NotFound', 'unknown file');
    return f;
  }

  /** The token's conversation exists and is its owner's: else 404 / 403 (DirectLineError). Cached per instance. */
  async requireConversation(claims: TokenClaims): Promise<void> {
    const meta = this.owners.get(claims.conversationId) ?? (await this.deps.log.meta(claims.conversationId));
    if (!meta) throw new DirectLineError(404, 'NotFound', 'unknown conversation');
    if (this.owners.size >= 50_000) this.owners.clear();
    this.owners.set(claims.conversationId, { userId: meta.userId, territory: meta.territory });
    if (meta.userId !== claims.userId || meta.territory !== claims.territory) {
      throw new DirectLineError(403, 'Forbidden', 'this token is not for this conversation');
    }
  }

  /** Turns of one conversation run one after the other on this instance (state eTags guard across instances). */
  private serialized<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
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

  private async runTurn(claims: TokenClaims, incoming: Partial<Activity>): Promise<void> {
    const conversation = { id: claims.conversationId, isGroup: false, conversationType: 'personal', name: '' };
    const user = { id: claims.userId, name: '', role: 'user' };
    const timestamp = new Date(this.now());
    const inbound: Partial<Activity> = {
      ...incoming,
      id: incoming.id ?? `${claims.conversationId}|${newId(8)}`,
      channelId: DIRECTLINE_CHANNEL,
      conversation,
      from: user,
      recipient: { ...BOT_ACCOUNT },
      serviceUrl: `pasapas://${DIRECTLINE_CHANNEL}`,
      timestamp,
      channelData: { territory: claims.territory },
    };
    const typing = this.typingWhileSlow(claims.conversationId);
    try {
      const replies = await this.deps.adapter.processActivity(inbound);
      // No "typing" may follow the answer on the stream: stopped before the answer is appended (and announced).
      typing.stop();
      const stored: Partial<Activity>[] = [];
      if (inbound.type === 'message') {
        const { channelData: _omit, serviceUrl: _s, ...echo } = inbound;
        // What is kept and streamed back is what mediators see: a shared computer's next user, or anyone
        // holding the token, must not read a password, an e-mail or a phone number as it was typed.
        if (typeof echo.text === 'string') echo.text = maskPersonalData(echo.text);
        stored.push(echo);
      }
      for (const r of replies) stored.push(storedBotActivity(claims.conversationId, claims.userId, r, timestamp, inbound.id));
      if (stored.length > 0) {
        const w = await this.deps.log.append(claims.conversationId, stored, claims.territory);
        if (w < 0) throw new DirectLineError(404, 'NotFound', 'unknown conversation');
      }
    } finally {
      typing.stop();
    }
  }

  /** Announce "the bot is typing" if the turn is still running after the delay, and while it runs. */
  private typingWhileSlow(conversationId: string): { stop(): void } {
    const announce = () => {
      // Best effort, not worth waiting for (the answer comes anyway).
      this.deps.log.announce({ conversationId, kind: 'typing' }).catch((err: unknown) => this.deps.logger.warn({ err }, 'web chat typing announcement failed'));
      timer = setTimeout(announce, TYPING_REPEAT_MS);
    };
    let timer: NodeJS.Timeout | undefined;
    const delay = this.deps.typingDelayMs ?? TYPING_DELAY_MS;
    if (delay === 0) announce();
    else timer = setTimeout(announce, delay);
    return { stop: () => clearTimeout(timer) };
  }
}
