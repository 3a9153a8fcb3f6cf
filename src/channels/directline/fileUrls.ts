/**
 * Photos' URLs that work in `<img src>` in any client: no Bearer header needed, but unguessable (the
 * file id is random) and short-lived (an expiry signed with an HMAC of DIRECTLINE_TOKEN_SECRET):
 *   <base>/v3/directline/conversations/<id>/files/<fileId>?e=<expiry, epoch s>&s=<signature>
 * The stored activity keeps the URL it was given; whatever is read back from the log gets freshly
 * signed URLs, so a reload days later still shows the photo while an old copied URL has expired.
 */
import type { Activity } from 'botbuilder';
import { FILE_URL_TTL_SECONDS, type TokenService } from './tokens';

const FILE_PATH = /\/v3\/directline\/conversations\/([^/?#]+)\/files\/([A-Za-z0-9_-]+)$/;

export function signedFileUrl(tokens: TokenService, publicBaseUrl: string, conversationId: string, fileId: string): string {
  const path = `${publicBaseUrl.replace(/\/+$/, '')}/v3/directline/conversations/${encodeURIComponent(conversationId)}/files/${fileId}`;
  return `${path}${signedQuery(tokens, conversationId, fileId)}`;
}

function signedQuery(tokens: TokenService, conversationId: string, fileId: string): string {
  const expires = tokens.nowSeconds() + FILE_URL_TTL_SECONDS;
  return `?e=${expires}&s=${tokens.fileSignature(conversationId, fileId, expires)}`;
}

/** The same URL signed again from now (or the URL as it is: not one of our files). */
export function resignedFileUrl(tokens: TokenService, url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const m = FILE_PATH.exec(path);
  if (!m) return url;
  let conversationId: string;
  try {
    conversationId = decodeURIComponent(m[1]);
  } catch {
    return url;
  }
  return `${path}${signedQuery(tokens, conversationId, m[2])}`;
}

/** An attachment with a URL to sign again (anything else stored is left as it is: it must never break a read). */
const hasUrl = (x: unknown): x is { contentUrl?: unknown; thumbnailUrl?: unknown } =>
  typeof x === 'object' && x !== null && (typeof (x as { contentUrl?: unknown }).contentUrl === 'string' || typeof (x as { thumbnailUrl?: unknown }).thumbnailUrl === 'string');

/** Activities read back from the log, their photos' URLs signed again (a copy; the others untouched). */
export function withFreshFileUrls<T extends Partial<Activity>>(tokens: TokenService, activities: T[]): T[] {
  return activities.map((a) => {
    if (!Array.isArray(a.attachments) || !a.attachments.some(hasUrl)) return a;
    return {
      ...a,
      attachments: a.attachments.map((x) => !hasUrl(x) ? x : ({
        ...x,
        ...(typeof x.contentUrl === 'string' ? { contentUrl: resignedFileUrl(tokens, x.contentUrl) } : {}),
        ...(typeof x.thumbnailUrl === 'string' ? { thumbnailUrl: resignedFileUrl(tokens, x.thumbnailUrl) } : {}),
      })),
    };
  });
}
