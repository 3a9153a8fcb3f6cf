/**
 * WhatsApp photos: an `image` message names a media id (and may carry a caption); we keep the id and fetch the
 * photo only when a mediator opens it: GET /<media id> (Bearer) gives a short-lived URL, GET it (Bearer) gives the
 * bytes. https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
 */
import type { ChannelAccounts, WhatsAppCredentials } from '../../config';
import type { PhotoRef } from '../../conversation/photos';
import { downloadMedia, providerJson, type DownloadedMedia } from '../webhook/mediaDownload';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';

export const MEDIA_ID = /^[A-Za-z0-9_.-]{1,128}$/;

export function whatsappPhoto(accounts: ChannelAccounts<WhatsAppCredentials>, routing: ChannelRouting) {
  const api = new URL(accounts.apiBaseUrl);
  return async (ref: PhotoRef): Promise<DownloadedMedia | undefined> => {
    const account = credentialsOf(accounts, routing.whatsappPhoneNumberId(ref.address));
    if (!account?.accessToken || !MEDIA_ID.test(ref.id)) return undefined;
    const headers = { authorization: `Bearer ${account.accessToken}` };
    const meta = (await providerJson('whatsapp', `${accounts.apiBaseUrl}/${encodeURIComponent(ref.id)}`, headers)) as { url?: unknown } | undefined;
    if (typeof meta?.url !== 'string') return undefined;
    let url: URL;
    try {
      url = new URL(meta.url);
    } catch {
      return undefined;
    }
    // Meta's media host is https; the Graph API's own origin is accepted too (a local stand-in in tests).
    if (url.protocol !== 'https:' && url.origin !== api.origin) return undefined;
    const bytes = await downloadMedia('whatsapp', url.href, headers);
    return bytes && { contentType: ref.contentType, bytes };
  };
}
