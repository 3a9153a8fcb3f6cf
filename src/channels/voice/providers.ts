/**
 * Where a voice note's bytes come from. WhatsApp Cloud API: `GET /<media id>` (bearer access token) →
 * `{url, mime_type, file_size}`, then `GET url` with the same token (the URL must be Meta's, or the
 * configured API's host: our token goes nowhere else). Telegram Bot API: `getFile?file_id=` →
 * `{result: {file_path}}`, then `GET /file/bot<token>/<file_path>`.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media
 * https://core.telegram.org/bots/api#getfile
 */
import { downloadMedia, VoiceNoteTooBig, type VoiceNoteSource } from './notes';

const META_HOSTS = /(^|\.)(fbsbx\.com|facebook\.com|fbcdn\.net|whatsapp\.net)$/i;

async function getJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`media lookup: HTTP ${res.status}`);
  }
  return res.json();
}

export function whatsappVoice(apiBaseUrl: string, accessToken: string, mediaId: string, mimeType?: string): VoiceNoteSource {
  return {
    media: { id: mediaId, contentType: mimeType?.split(';')[0].trim().toLowerCase() || 'audio/ogg' },
    async download(maxBytes, timeoutMs) {
      const auth = { authorization: `Bearer ${accessToken}` };
      const media = (await getJson(`${apiBaseUrl}/${encodeURIComponent(mediaId)}`, auth, timeoutMs)) as { url?: unknown; file_size?: unknown; mime_type?: unknown };
      if (Number(media.file_size ?? 0) > maxBytes) throw new VoiceNoteTooBig();
      const url = typeof media.url === 'string' ? new URL(media.url) : null;
      const ours = url && (url.origin === new URL(apiBaseUrl).origin || (url.protocol === 'https:' && META_HOSTS.test(url.hostname)));
      if (!url || !ours) throw new Error('media lookup: the media URL is not Meta\'s');
      const got = await downloadMedia(url.href, auth, maxBytes, timeoutMs);
      return { audio: got.audio, mime: typeof media.mime_type === 'string' ? media.mime_type.split(';')[0].trim() : got.mime };
    },
  };
}

export function telegramVoice(apiBaseUrl: string, botToken: string, note: { file_id: string; duration?: number; file_size?: number; mime_type?: string }): VoiceNoteSource {
  return {
    seconds: note.duration,
    media: { id: note.file_id, contentType: note.mime_type?.split(';')[0].trim().toLowerCase() || 'audio/ogg' },
    bytes: note.file_size,
    async download(maxBytes, timeoutMs) {
      const file = (await getJson(`${apiBaseUrl}/bot${botToken}/getFile?file_id=${encodeURIComponent(note.file_id)}`, {}, timeoutMs)) as { result?: { file_path?: unknown; file_size?: unknown } };
      const path = file.result?.file_path;
      if (typeof path !== 'string' || !path || path.includes('..')) throw new Error('getFile: no file_path');
      if (Number(file.result?.file_size ?? 0) > maxBytes) throw new VoiceNoteTooBig();
      const got = await downloadMedia(`${apiBaseUrl}/file/bot${botToken}/${path.split('/').map(encodeURIComponent).join('/')}`, {}, maxBytes, timeoutMs);
      return { audio: got.audio, mime: note.mime_type ?? (got.mime || 'audio/ogg') };
    },
  };
}
