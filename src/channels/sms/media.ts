/**
 * MMS photos (Twilio): the webhook names each medium (`MediaUrl<i>`, `MediaContentType<i>`); we keep the path of
 * the photos' URLs on Twilio's API and fetch them, with the account's credentials, only when a mediator opens one.
 * https://www.twilio.com/docs/messaging/guides/webhook-request (media parameters)
 */
import type { ChannelAccounts, TwilioCredentials } from '../../config';
import { isPhotoType, type PhotoRef } from '../../conversation/photos';
import { downloadMedia, type DownloadedMedia } from '../webhook/mediaDownload';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';

/** A medium of a message of an account: /2010-04-01/Accounts/AC…/Messages/MM…/Media/ME… */
const MEDIA_PATH = /^\/2010-04-01\/Accounts\/(AC[A-Za-z0-9]{8,64})\/Messages\/[A-Za-z0-9]{10,64}\/Media\/[A-Za-z0-9]{10,64}$/;

/** The photos of a Twilio webhook (authenticated before this is called): media paths and types; other media are not photos. */
export function twilioPhotos(params: Array<[string, string]>, numMedia: number): Array<{ id: string; contentType: string }> {
  const field = (name: string) => params.find(([k]) => k === name)?.[1];
  const out: Array<{ id: string; contentType: string }> = [];
  for (let i = 0; i < Math.min(numMedia, 10); i += 1) {
    const url = field(`MediaUrl${i}`);
    const contentType = field(`MediaContentType${i}`);
    if (!url || !isPhotoType(contentType)) continue;
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      continue;
    }
    if (MEDIA_PATH.test(path)) out.push({ id: path, contentType: contentType!.toLowerCase() });
  }
  return out;
}

/** A photo of an MMS, from Twilio's API with the credentials of the number it was sent to (its own account only). */
export function twilioPhoto(accounts: ChannelAccounts<TwilioCredentials>, routing: ChannelRouting) {
  return async (ref: PhotoRef): Promise<DownloadedMedia | undefined> => {
    const account = credentialsOf(accounts, routing.smsNumber(ref.address));
    const sid = MEDIA_PATH.exec(ref.id)?.[1];
    if (!account?.accountSid || sid !== account.accountSid) return undefined;
    const basic = Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64');
    const bytes = await downloadMedia('sms', `${accounts.apiBaseUrl}${ref.id}`, { authorization: `Basic ${basic}` });
    return bytes && { contentType: ref.contentType, bytes };
  };
}
