/**
 * Where a citizen's photo is found again, per channel (src/conversation/photos.ts): the web chat's own file store
 * (uploads are kept for the retention period), or the provider's API (Twilio, WhatsApp, Telegram keep the media;
 * we fetch them only when a mediator opens one, with the account of the address the citizen wrote to).
 * The mediator API (src/mediator/photoRoutes.ts) checks the mediator's session and territory before asking.
 */
import type { Config } from '../config';
import { isAudioType, isPhotoType, type PhotoRef } from '../conversation/photos';
import type { FileStore } from './directline/fileStore';
import { DIRECTLINE_CHANNEL } from './directline/activityShape';
import { twilioPhoto } from './sms/media';
import { telegramPhoto } from './telegram/media';
import type { DownloadedMedia } from './webhook/mediaDownload';
import { ChannelRouting } from './webhook/routing';
import { whatsappPhoto } from './whatsapp/media';
import type { TerritoryRegistry } from '../territories/registry';

export type PhotoSource = (ref: PhotoRef) => Promise<DownloadedMedia | undefined>;

/** undefined: the photo is gone (erased, expired, or its channel is off). Throws when the provider fails (retry). */
export function photoSources(config: Config, territories: TerritoryRegistry, files: FileStore): PhotoSource {
  const routing = new ChannelRouting(territories);
  const on = (a: { default?: unknown; named: Record<string, unknown> }) => Boolean(a.default) || Object.keys(a.named).length > 0;
  const byChannel: Record<string, PhotoSource | undefined> = {
    [DIRECTLINE_CHANNEL]: async (ref) => {
      const f = await files.get(ref.address, ref.id);
      return f && isPhotoType(f.contentType) ? { contentType: f.contentType, bytes: f.bytes } : undefined;
    },
    sms: on(config.sms) ? twilioPhoto(config.sms, routing) : undefined,
    whatsapp: on(config.whatsapp) ? whatsappPhoto(config.whatsapp, routing) : undefined,
    telegram: on(config.telegram) ? telegramPhoto(config.telegram, routing) : undefined,
  };
  return async (ref) => (Object.hasOwn(byChannel, ref.channel) ? byChannel[ref.channel]?.(ref) : undefined);
}

/**
 * Where a voice note's audio is found again (src/conversation/photos.ts, AudioRef): WhatsApp, Telegram and Twilio
 * (MMS) keep the media; fetched the same way as a photo, when a mediator plays it.
 */
export function audioSources(config: Config, territories: TerritoryRegistry): PhotoSource {
  const routing = new ChannelRouting(territories);
  const on = (a: { default?: unknown; named: Record<string, unknown> }) => Boolean(a.default) || Object.keys(a.named).length > 0;
  const byChannel: Record<string, PhotoSource | undefined> = {
    sms: on(config.sms) ? twilioPhoto(config.sms, routing) : undefined,
    whatsapp: on(config.whatsapp) ? whatsappPhoto(config.whatsapp, routing) : undefined,
    telegram: on(config.telegram) ? telegramPhoto(config.telegram, routing) : undefined,
  };
  return async (ref) => (Object.hasOwn(byChannel, ref.channel) && isAudioType(ref.contentType) ? byChannel[ref.channel]?.(ref) : undefined);
}
