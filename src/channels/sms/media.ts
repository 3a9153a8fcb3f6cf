/**
 * MMS media (Twilio): the webhook names each medium (`MediaUrl<i>`, `MediaContentType<i>`); we keep the path of
 * the photos' URLs on Twilio's API and fetch them, with the account's credentials, only when a mediator opens one.
 * An audio medium is a voice note: fetched the same way at once, transcribed like a WhatsApp one (docs/voice.md).
 * https://www.twilio.com/docs/messaging/guides/webhook-request (media parameters)
 */
import type { ChannelAccounts, TwilioCredentials } from '../../config';
import { isPhotoType, type PhotoRef } from '../../conversation/photos';
import { downloadMedia, type DownloadedMedia } from '../webhook/mediaDownload';
import { downloadMedia as downloadVoice, type VoiceNoteSource } from '../voice/notes';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';

/** A medium of a message of an account: /2010-04-01/Accounts/AC…/Messages/MM…/Media/ME… */
const MEDIA_PATH = /^\/2010-04-01\/Accounts\/(AC[A-Za-z0-9]{8,64})\/Messages\/[A-Za-z0-9]{10,64}\/Media\/[A-Za-z0-9]{10,64}$/;

/** The media of a Twilio webhook (authenticated before this is called) of the types `accepted`: paths on Twilio's API and types. */
function twilioMedia(params: Array<[string, string]>, numMedia: number, accepted: (contentType: string | undefined) => boolean): Array<{ id: string; contentType: string }> {
  const field = (name: string) => params.find(([k]) => k === name)?.[1];
  const out: Array<{ id: string; contentType: string }> = [];
  for (let i = 0; i < Math.min(numMedia, 10); i += 1) {
    const url = field(`MediaUrl${i}`);
    const contentType = field(`MediaContentType${i}`);
    if (!url || !accepted(contentType)) continue;
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      continue;
    }
    if (MEDIA_PATH.test(path)) out.push({ id: path, contentType: contentType!.split(';')[0].trim().toLowerCase() });
  }
  return out;
}

/** The photos of a Twilio webhook; other media are not photos. */
export const twilioPhotos = (params: Array<[string, string]>, numMedia: number) => twilioMedia(params, numMedia, isPhotoType);

/** The first audio medium of a Twilio webhook (an MMS voice note: audio/amr, audio/mpeg, audio/ogg…), if any. */
export function twilioAudio(params: Array<[string, string]>, numMedia: number): { id: string; contentType: string } | undefined {
  return twilioMedia(params, numMedia, (type) => /^audio\/[a-z0-9.+-]+$/i.test(type?.split(';')[0].trim() ?? ''))[0];
}

/** The account of the number written to, if the medium is of that account (its own media only). */
function accountOf(accounts: ChannelAccounts<TwilioCredentials>, routing: ChannelRouting, ourNumber: string, path: string) {
  const account = credentialsOf(accounts, routing.smsNumber(ourNumber));
  const sid = MEDIA_PATH.exec(path)?.[1];
  return account?.accountSid && sid === account.accountSid ? { ...account, accountSid: account.accountSid } : undefined;
}

const basicOf = (account: { accountSid: string; authToken: string }) => `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;

/**
 * An MMS voice note, as the voice notes' code takes it (src/channels/voice/notes.ts): downloaded from Twilio's API with
 * the credentials of the number it was sent to, as the photos are; its type is the webhook's.
 */
export function twilioVoice(accounts: ChannelAccounts<TwilioCredentials>, routing: ChannelRouting, ourNumber: string, media: { id: string; contentType: string }): VoiceNoteSource {
  return {
    media,
    async download(maxBytes, timeoutMs) {
      const account = accountOf(accounts, routing, ourNumber, media.id);
      if (!account) throw new Error('MMS audio: not a medium of this number\'s account');
      const got = await downloadVoice(`${accounts.apiBaseUrl}${media.id}`, { authorization: basicOf(account) }, maxBytes, timeoutMs);
      return { audio: got.audio, mime: media.contentType };
    },
  };
}

/** A photo of an MMS, from Twilio's API with the credentials of the number it was sent to (its own account only). */
export function twilioPhoto(accounts: ChannelAccounts<TwilioCredentials>, routing: ChannelRouting) {
  return async (ref: PhotoRef): Promise<DownloadedMedia | undefined> => {
    const account = accountOf(accounts, routing, ref.address, ref.id);
    if (!account) return undefined;
    const bytes = await downloadMedia('sms', `${accounts.apiBaseUrl}${ref.id}`, { authorization: basicOf(account) });
    return bytes && { contentType: ref.contentType, bytes };
  };
}
