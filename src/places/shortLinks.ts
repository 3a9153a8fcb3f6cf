/**
 * Links shortened through our own domain, never a third-party shortener: a booking link in an SMS
 * becomes `{PUBLIC_BASE_URL}/r/<id>` (the SMS budget is 2 segments; a booking URL with its query
 * string can take half of it). The id is derived from the territory and the URL (the same link gets
 * the same id: no growth, no race): the first 10 base64url characters of a SHA-256; the link is
 * public anyway. What is stored: the URL and the territory (for the statistic), nothing about the
 * citizen. Opening it (GET /r/<id>, src/http/shortLinkRoute.ts) redirects and counts.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../storage/redis';
import { keyspace, type Keyspace } from '../storage/keyspace';

export interface ShortLink {
  url: string;
  territory: string;
}

export interface ShortLinkStore {
  /** The id of this link (stored, or its lifetime renewed). */
  save(link: ShortLink): Promise<string>;
  open(id: string): Promise<ShortLink | undefined>;
}

/** Kept 400 days: an SMS is read late, and a year later the link still answers. */
export const SHORT_LINK_SECONDS = 400 * 86_400;
export const SHORT_LINK_ID = /^[A-Za-z0-9_-]{10}$/;

export function shortLinkId(link: ShortLink): string {
  return createHash('sha256').update(`${link.territory}\n${link.url}`).digest('base64url').slice(0, 10);
}

function parse(raw: string | null | undefined): ShortLink | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<ShortLink>;
    return typeof v.url === 'string' && /^https?:\/\//.test(v.url) && typeof v.territory === 'string' ? { url: v.url, territory: v.territory } : undefined;
  } catch {
    return undefined;
  }
}

export class MemoryShortLinks implements ShortLinkStore {
  private readonly links = new Map<string, { value: string; until: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  async save(link: ShortLink): Promise<string> {
    const id = shortLinkId(link);
    this.links.set(id, { value: JSON.stringify(link), until: this.now() + SHORT_LINK_SECONDS * 1000 });
    return id;
  }

  async open(id: string): Promise<ShortLink | undefined> {
    const hit = this.links.get(id);
    if (!hit || hit.until <= this.now()) return undefined;
    return parse(hit.value);
  }
}

export class RedisShortLinks implements ShortLinkStore {
  private readonly keys: Keyspace;
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = keyspace(prefix);
  }

  async save(link: ShortLink): Promise<string> {
    const id = shortLinkId(link);
    await this.redis.set(this.keys.shortLink(id), JSON.stringify(link), 'EX', SHORT_LINK_SECONDS);
    return id;
  }

  async open(id: string): Promise<ShortLink | undefined> {
    if (!SHORT_LINK_ID.test(id)) return undefined;
    return parse(await this.redis.get(this.keys.shortLink(id)));
  }
}
