/**
 * Photos a citizen sends from the web chat (e.g. of a screen where they are stuck), kept for the
 * retention period under the conversation: one Redis string per file, or memory.
 */
import { randomBytes } from 'node:crypto';
import { scanKeys, type RedisClient } from '../../storage/redis';
import { keyspace, type Keyspace } from '../../storage/keyspace';

export interface StoredFile {
  contentType: string;
  bytes: Buffer;
}

export interface FileStore {
  /** Keep a photo `ttlSeconds` (the territory's retention; the store's default if absent). */
  put(conversationId: string, contentType: string, bytes: Buffer, ttlSeconds?: number): Promise<string>;
  get(conversationId: string, fileId: string): Promise<StoredFile | undefined>;
  /** Delete every photo of a conversation ("effacer mes données"); how many. */
  eraseConversation(conversationId: string): Promise<number>;
}

const newFileId = () => randomBytes(12).toString('base64url');
const FILE_ID = /^[A-Za-z0-9_-]{16}$/;

export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, StoredFile & { expiresAt: number }>();

  constructor(
    private readonly defaultTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async put(conversationId: string, contentType: string, bytes: Buffer, ttlSeconds = this.defaultTtlSeconds): Promise<string> {
    const id = newFileId();
    this.files.set(`${conversationId}/${id}`, { contentType, bytes, expiresAt: this.now() + ttlSeconds * 1000 });
    return id;
  }

  async eraseConversation(conversationId: string): Promise<number> {
    let n = 0;
    for (const key of [...this.files.keys()]) if (key.startsWith(`${conversationId}/`) && this.files.delete(key)) n += 1;
    return n;
  }

  async get(conversationId: string, fileId: string): Promise<StoredFile | undefined> {
    const f = this.files.get(`${conversationId}/${fileId}`);
    if (!f || f.expiresAt <= this.now()) return undefined;
    return { contentType: f.contentType, bytes: f.bytes };
  }
}

export class RedisFileStore implements FileStore {
  private readonly ks: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly defaultTtlSeconds: number,
  ) {
    this.ks = keyspace(prefix);
  }

  private key(conversationId: string, fileId: string): string {
    return this.ks.webChatFile(conversationId, fileId);
  }

  async eraseConversation(conversationId: string): Promise<number> {
    // The conversation's files share its hash tag: one slot, one SCAN pattern.
    let n = 0;
    await scanKeys(this.redis, this.key(conversationId, '*'), 200, async (keys) => {
      n += await this.redis.del(...keys);
    });
    return n;
  }

  async put(conversationId: string, contentType: string, bytes: Buffer, ttlSeconds = this.defaultTtlSeconds): Promise<string> {
    const id = newFileId();
    // One key: the content type, a newline, then the bytes.
    await this.redis.set(this.key(conversationId, id), Buffer.concat([Buffer.from(`${contentType}\n`), bytes]), 'EX', ttlSeconds);
    return id;
  }

  async get(conversationId: string, fileId: string): Promise<StoredFile | undefined> {
    if (!FILE_ID.test(fileId)) return undefined;
    const raw = await this.redis.getBuffer(this.key(conversationId, fileId));
    if (!raw) return undefined;
    const nl = raw.indexOf(10);
    return { contentType: raw.subarray(0, nl).toString(), bytes: raw.subarray(nl + 1) };
  }
}
