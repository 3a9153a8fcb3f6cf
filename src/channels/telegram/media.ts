/**
 * Telegram photos: a message's `photo` lists the sizes of one photo (smallest first); we keep the largest's
 * file_id and fetch it only when a mediator opens it: getFile gives a file_path, /file/bot<token>/<file_path> the
 * bytes (JPEG). https://core.telegram.org/bots/api#getfile
 */
import { z } from 'zod';
import type { ChannelAccounts, TelegramCredentials } from '../../config';
import type { PhotoRef } from '../../conversation/photos';
import { downloadMedia, providerJson, type DownloadedMedia } from '../webhook/mediaDownload';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';

const FILE_ID = /^[A-Za-z0-9_-]{1,200}$/;
const FILE_PATH = /^[A-Za-z0-9_./-]{1,300}$/;
const PhotoSizes = z.array(z.object({ file_id: z.string().regex(FILE_ID), width: z.number().optional(), height: z.number().optional() }).passthrough()).min(1).max(20);

/** The photo of a message (its largest size), or none. */
export function telegramPhotos(photo: unknown): Array<{ id: string; contentType: string }> {
  const sizes = PhotoSizes.safeParse(photo);
  if (!sizes.success) return [];
  const largest = sizes.data[sizes.data.length - 1];
  return [{ id: largest.file_id, contentType: 'image/jpeg' }];
}

export function telegramPhoto(accounts: ChannelAccounts<TelegramCredentials>, routing: ChannelRouting) {
  return async (ref: PhotoRef): Promise<DownloadedMedia | undefined> => {
    const account = credentialsOf(accounts, routing.telegramPath(ref.address));
    if (!account?.botToken || !FILE_ID.test(ref.id)) return undefined;
    const file = (await providerJson('telegram', `${accounts.apiBaseUrl}/bot${account.botToken}/getFile?file_id=${encodeURIComponent(ref.id)}`, {})) as
      | { ok?: boolean; result?: { file_path?: unknown } }
      | undefined;
    const path = file?.result?.file_path;
    if (typeof path !== 'string' || !FILE_PATH.test(path) || path.includes('..')) return undefined;
    const bytes = await downloadMedia('telegram', `${accounts.apiBaseUrl}/file/bot${account.botToken}/${path}`, {});
    return bytes && { contentType: ref.contentType, bytes };
  };
}
