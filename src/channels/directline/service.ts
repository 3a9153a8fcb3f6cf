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
import type { ActivityLog, MessageCount } from './activityLog';
import type { TokenClaims, TokenService } from './tokens';
import type { FileStore } from './fileStore';
import type { RetentionOf } from '../../territories/retention';
import { maskPersonalData } from '../../privacy/mask';
import { capabilitiesOf } from '../capabilities';
import { inboundActivity } from '../inbound';
import { formatText } from '../render';
import { signedFileUrl, withFreshFileUrls } from './fileUrls';
import { isPhotoType, type PhotoRef } from '../../conversation/photos';

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
  /** The client's own fields; Web Chat's `clientActivityID` is what it matches its pending message by. */
  channelData?: unknown;
}

/** A photo received by POST /upload. */
export interface UploadedFile {
  contentType: string;
  name: string;
  bytes: Buffer;
}

/** The client's id of a message (Web Chat's `channelData.clientActivityID`), when it gave a usable one. */
export function clientActivityIdOf(channelData: unknown): string | undefined {
  const id = (channelData as { clientActivityID?: unknown } | null | undefined)?.clientActivityID;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : undefined;
}

/** Ids a client gives its messages: kept as they are in the echo (never masked: a random id may look like a number). */
const CLIENT_ID_FIELDS = new Set(['clientActivityID', 'clientTimestamp']);
/** Fields of the server's own that a client cannot set in its echo. */
const SERVER_FIELDS = new Set(['pasapas', 'territory']);

/**
 * What the echo of a citizen's activity keeps of the client's `channelData`: flat fields only (a string
 * of 200 characters at most, masked like the text but for the client's ids; a number; a boolean; a
 * short list of numbers, as Web Chat's `attachmentSizes`), 20 at most. Web Chat matches its pending
 * message by `clientActivityID`: without it every message shows twice and turns "failed".
 */
export function echoedChannelData(channelData: unknown): Record<string, unknown> | undefined {
  if (!channelData || typeof channelData !== 'object' || Array.isArray(channelData)) return undefined;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [key, value] of Object.entries(channelData as Record<string, unknown>)) {
    if (n >= 20 || key.length > 64 || SERVER_FIELDS.has(key)) continue;
    if (typeof value === 'string' && value.length <= 200) out[key] = CLIENT_ID_FIELDS.has(key) ? value : maskPersonalData(value);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value) && value.length <= 10 && value.every((x) => typeof x === 'number' && Number.isFinite(x))) out[key] = value;
    else continue;
    n += 1;
  }
  return n > 0 ? out : undefined;
}

/** A re-post of a message whose first post is still running elsewhere waits this long for it, at most. */
const PENDING_WAIT_MS = 10_000;
const PENDING_POLL_MS = 50;

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


/**
 * A bot activity as the web chat stores and streams it. Its text is formatted as the capability table says
 * (markdown, links as links, everything else escaped), read when called: the table is made of the registry's
 * plugins, this module among their imports.
 */
export function storedBotActivity(
  conversationId: string,
  userId: string,
  r: Partial<Activity>,
  timestamp: Date,
  replyToId?: string,
): Partial<Activity> {
  const formatted = typeof r.text === 'string' ? formatText(r.text, capabilitiesOf(DIRECTLINE_CHANNEL)) : { text: r.text, textFormat: 'plain' as const };
  return {
    type: r.type ?? 'message',
    id: `${conversationId}|${newId(8)}`,
    timestamp,
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: speakerOf(r.channelData) === 'mediator' ? { ...MEDIATOR_ACCOUNT } : { ...BOT_ACCOUNT },
    recipient: { id: userId, name: '', role: 'user' },
    replyToId,
    text: formatted.text,
    textFormat: formatted.textFormat,
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
      /** The citizen is typing (a `typing` activity): for the console of a mediator who has their handoff. */
      onTyping?: (claims: TokenClaims) => Promise<unknown>;
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

  /** POST /tokens/generate: a token for a NEW conversation of the territory, for allowed origins (and our own pages) only. */
  async generate(territory: string, origin: string | undefined, ownPage = false) {
    if (!this.deps.territories.get(territory)) throw new DirectLineError(404, 'NotFound', 'unknown territory');
    if (!ownPage && !this.deps.territories.originAllowed(territory, origin)) {
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
    return { activities: withFreshFileUrls(this.deps.tokens, r.activities), watermark: String(r.watermark) };
  }

  /**
   * POST /activities: the citizen's activity and the bot's replies are stored together. A message the
   * client gave an id (`channelData.clientActivityID`) runs once: a re-post, on any instance, gets the
   * same activity id back and runs no second turn.
   */
  async post(claims: TokenClaims, incoming: IncomingActivity, count?: MessageCount): Promise<string> {
    await this.requireConversation(claims);
    if (incoming.type === 'typing') this.deps.onTyping?.(claims).catch((err: unknown) => this.deps.logger.warn({ err }, 'web chat typing not relayed'));
    if (incoming.type !== 'message') return `${claims.conversationId}|${newId(8)}`; // typing and client events: acknowledged, not stored
    return this.once(claims, clientActivityIdOf(incoming.channelData), (id, clientId) => this.runTurn(claims, { ...incoming, id }, clientId), count);
  }

  /**
   * POST /upload: store the photos, then run one turn with them as attachments (and the caption the
   * client sent in its `activity` part). A re-upload of a message already handled stores nothing:
   * `accept` (counting the photos in the quotas) runs only when the turn is going to run.
   */
  async upload(
    claims: TokenClaims,
    files: UploadedFile[],
    activity: IncomingActivity | undefined,
    accept: () => Promise<void> = async () => undefined,
  ): Promise<string> {
    await this.requireConversation(claims);
    return this.once(claims, clientActivityIdOf(activity?.channelData), async (id, clientId) => {
      await accept();
      const attachments = [];
      const photos: PhotoRef[] = [];
      for (const file of files) {
        const fileId = await this.deps.files.put(claims.conversationId, file.contentType, file.bytes, this.deps.retention?.(claims.territory));
        const url = signedFileUrl(this.deps.tokens, this.deps.publicBaseUrl, claims.conversationId, fileId);
        // The photo is its own thumbnail: Web Chat shows a citizen's attachment as a picture only with one.
        attachments.push({ contentType: file.contentType, contentUrl: url, thumbnailUrl: url, name: file.name });
        // For a mediator during a handoff: found again under the conversation (src/channels/photoSources.ts).
        if (isPhotoType(file.contentType)) photos.push({ channel: DIRECTLINE_CHANNEL, address: claims.conversationId, id: fileId, contentType: file.contentType });
      }
      const turn: Partial<Activity> = {
        type: 'message',
        id,
        text: activity?.text ?? '',
        ...(activity?.locale ? { locale: activity.locale } : {}),
        ...(activity?.channelData !== undefined ? { channelData: activity.channelData } : {}),
        attachments,
      };
      await this.runTurn(claims, turn, clientId, photos);
    });
  }

  /**
   * Run `turn` once per client id: claimed across instances (Redis), marked done by the append that
   * stores the turn, released when it fails (a retry then runs it). Without a client id: run it.
   */
  private async once(
    claims: TokenClaims,
    clientId: string | undefined,
    turn: (id: string, clientId: string | undefined) => Promise<void>,
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
      for (;;) {
        const claim = await this.deps.log.claimClientActivity(claims.conversationId, clientId, id, this.now(), claims.territory, count);
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
        await turn(id, clientId);
        return id;
      } catch (err) {
        await this.deps.log
          .releaseClientActivity(claims.conversationId, clientId, id)
          .catch((e: unknown) => this.deps.logger.warn({ err: e }, 'web chat client activity not released'));
        throw err;
      }
    });
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

  /** A photo reached by its signed URL (the signature was checked): 404 once erased or expired. */
  async signedFile(conversationId: string, fileId: string) {
    const f = await this.deps.files.get(conversationId, fileId);
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

  private async runTurn(claims: TokenClaims, incoming: Partial<Activity>, clientId?: string, photos: PhotoRef[] = []): Promise<void> {
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
      const replies = await this.deps.adapter.processActivity(inbound);
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
        const w = await this.deps.log.append(claims.conversationId, stored, claims.territory, clientId ? { clientId, activityId: inbound.id! } : undefined);
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
