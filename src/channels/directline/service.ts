/**
 * The web chat channel's logic, behind the Direct Line 3.0 routes: tokens scoped to one conversation and
 * one territory, conversations whose activities live in the ActivityLog (owner checked, cached), photos,
 * and the end of a conversation. Turns run through the bot in turns.ts; what an activity looks like on the
 * wire is activityShape.ts.
 */
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { LeanAdapter } from '../leanAdapter';
import type { TerritoryRegistry } from '../../territories/registry';
import type { ActivityLog, MessageCount } from './activityLog';
import type { TokenClaims, TokenService } from './tokens';
import type { FileStore } from './fileStore';
import type { RetentionOf } from '../../territories/retention';
import { signedFileUrl, withFreshFileUrls } from './fileUrls';
import { isPhotoType, type PhotoRef } from '../../conversation/photos';
import { clientActivityIdOf, DIRECTLINE_CHANNEL, type IncomingActivity, type UploadedFile } from './activityShape';
import { DirectLineError } from './errors';
import { newId } from './ids';
import { DirectLineTurns } from './turns';

// The names this module always exported, from their modules now.
export { BOT_ACCOUNT, clientActivityIdOf, DIRECTLINE_CHANNEL, echoedChannelData, MEDIATOR_ACCOUNT, storedBotActivity } from './activityShape';
export type { IncomingActivity, UploadedFile } from './activityShape';
export { DirectLineError } from './errors';
export { TYPING_DELAY_MS } from './turns';

export interface ConversationInfo {
  conversationId: string;
  token: string;
  streamUrl: string;
  expires_in: number;
}

export class DirectLineService {
  /** A conversation's owner never changes: remembered to spare a Redis read per request. */
  private readonly owners = new Map<string, { userId: string; territory: string }>();
  private readonly turns: DirectLineTurns;

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
       * it — handoffs, reminders, the bot's state (wired in src/app/channels.ts to the same erasure as "effacer mes données").
       */
      eraseCitizen?: (who: { conversationId: string; userId: string }) => Promise<unknown>;
      /** The citizen is typing (a `typing` activity): for the console of a mediator who has their handoff. */
      onTyping?: (claims: TokenClaims) => Promise<unknown>;
    },
  ) {
    this.turns = new DirectLineTurns(deps);
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
      await this.turns.serialized(claims.conversationId, () =>
        this.turns.run(claims, {
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
    return this.turns.once(claims, clientActivityIdOf(incoming.channelData), (id, clientId, states) => this.turns.run(claims, { ...incoming, id }, clientId, [], states), count);
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
    return this.turns.once(claims, clientActivityIdOf(activity?.channelData), async (id, clientId, states) => {
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
      await this.turns.run(claims, turn, clientId, photos, states);
    });
  }

  /**
   * DELETE /conversations/:id ("Terminer et effacer"): the conversation is deleted (its tokens reach
   * nothing any more, its sockets close on every instance), its photos and everything else tied to it
   * erased. After a turn of it still running on this instance.
   */
  async end(claims: TokenClaims): Promise<void> {
    await this.requireConversation(claims);
    await this.turns.serialized(claims.conversationId, async () => {
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

}
