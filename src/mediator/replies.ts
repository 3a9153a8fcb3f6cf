/**
 * The replies a territory's team keeps ready ("réponses toutes prêtes"), per language: a short title and the text
 * a mediator inserts into the message box, edits, then sends. Coordinators edit them (PUT /api/mediator/replies,
 * src/mediator/repliesRoutes.ts); until then the defaults of locales/replies.<locale>.yaml apply. One JSON value per
 * territory and language: in memory, or one Redis string (`med:{T}:replies:<locale>`, a single-key write).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LOCALES_DIR } from '../paths';
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

export const REPLY_LOCALES = ['fr', 'en'] as const;
export type ReplyLocale = (typeof REPLY_LOCALES)[number];
/** At most this many replies per territory and language, each title and text within these lengths. */
export const MAX_REPLIES = 30;
export const MAX_TITLE = 60;
export const MAX_TEXT = 1000;

export interface CannedReply {
  title: string;
  text: string;
}

export interface StoredReplies {
  replies: CannedReply[];
  updatedAt: number;
  /** The coordinator's mediator id. */
  updatedBy: string;
}

/** One list of replies (zod): titles unique (case and spacing aside), no blank title or text. */
export const RepliesList = z
  .array(
    z.object({
      title: z.string().trim().min(1, 'empty title').max(MAX_TITLE, `title: ${MAX_TITLE} characters at most`),
      text: z.string().trim().min(1, 'empty text').max(MAX_TEXT, `text: ${MAX_TEXT} characters at most`),
    }).strict(),
  )
  .max(MAX_REPLIES, `${MAX_REPLIES} replies at most`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      const key = r.title.toLowerCase().replace(/\s+/g, ' ');
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'title'], message: `"${r.title}" is already the title of another reply` });
      seen.add(key);
    });
  });

export interface ReplyStore {
  /** The territory's own replies in this language; undefined when the team never edited them (defaults apply). */
  get(territory: string, locale: ReplyLocale): Promise<StoredReplies | undefined>;
  set(territory: string, locale: ReplyLocale, value: StoredReplies): Promise<void>;
}

export class MemoryReplyStore implements ReplyStore {
  private readonly data = new Map<string, string>();

  async get(territory: string, locale: ReplyLocale) {
    const json = this.data.get(`${territory}|${locale}`);
    return json === undefined ? undefined : (JSON.parse(json) as StoredReplies);
  }

  async set(territory: string, locale: ReplyLocale, value: StoredReplies) {
    this.data.set(`${territory}|${locale}`, JSON.stringify(value));
  }
}

export class RedisReplyStore implements ReplyStore {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  async get(territory: string, locale: ReplyLocale) {
    const json = await this.redis.get(this.keys.mediatorReplies(territory, locale));
    return json === null ? undefined : (JSON.parse(json) as StoredReplies);
  }

  async set(territory: string, locale: ReplyLocale, value: StoredReplies) {
    await this.redis.set(this.keys.mediatorReplies(territory, locale), JSON.stringify(value));
  }
}

const defaults = new Map<string, CannedReply[]>();

/** locales/replies.<locale>.yaml (`replies: [{title, text}]`), read once; throws when it is not a valid list. */
export function defaultReplies(locale: ReplyLocale, dir: string = LOCALES_DIR): CannedReply[] {
  const file = join(dir, `replies.${locale}.yaml`);
  const cached = defaults.get(file);
  if (cached) return cached;
  const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as { replies?: unknown };
  const r = RepliesList.safeParse(doc.replies);
  if (!r.success || r.data.length === 0) throw new Error(`replies.${locale}.yaml: ${r.success ? 'no replies' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  defaults.set(file, r.data);
  return r.data;
}
