/**
 * Downloading a citizen's photo from a messaging provider (Twilio, WhatsApp Cloud API, Telegram Bot API) for a
 * mediator who opens it: a timeout, a size limit, and an error that names the provider and the status only (never
 * the URL, which carries ids, nor a token).
 */
import { ProviderError } from './provider';

/** A photo larger than this is not relayed (Telegram's own download limit is 20 MB; MMS and WhatsApp images 5 MB). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

export interface DownloadedMedia {
  contentType: string;
  bytes: Buffer;
}

/** GET a provider URL: the body (at most MAX_MEDIA_BYTES), or undefined when the provider says it is gone (404/410). */
export async function downloadMedia(provider: string, url: string, headers: Record<string, string>): Promise<Buffer | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new ProviderError(provider, 0, (err as Error).name);
  }
  if (res.status === 404 || res.status === 410) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new ProviderError(provider, res.status, '');
  }
  if (Number(res.headers.get('content-length') ?? 0) > MAX_MEDIA_BYTES) {
    await res.body.cancel();
    throw new ProviderError(provider, res.status, 'media too large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_MEDIA_BYTES) throw new ProviderError(provider, res.status, 'media too large');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** GET a provider URL answering JSON (WhatsApp's media URL, Telegram's getFile). */
export async function providerJson(provider: string, url: string, headers: Record<string, string>): Promise<unknown> {
  const bytes = await downloadMedia(provider, url, headers);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new ProviderError(provider, 200, 'not JSON');
  }
}
