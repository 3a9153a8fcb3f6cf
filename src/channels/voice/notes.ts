/**
 * A citizen's voice note on WhatsApp or Telegram → what the bot is told (`channelData.voiceNote`): the
 * words heard, or why there are none (no speech-to-text service configured, too long, failed). Limits
 * first (length and size announced by the provider, then the bytes actually downloaded), then the
 * download from the provider, the transcription, and the audio is dropped (it only ever lived in memory).
 */
import type { Logger } from 'pino';
import type { Locale } from '../../i18n/locale';
import type { VoiceNoteHeard } from '../../conversation/channelData';
import { hashId } from '../../logger';
import { TranscriptionFailed, type Transcriber } from './transcriber';

export type { Transcriber } from './transcriber';

/** A voice note as the provider announced it; `download` fetches its bytes (at most `maxBytes`). */
export interface VoiceNoteSource {
  /** Length in seconds, when the provider says it (Telegram). */
  seconds?: number;
  /** Size in bytes, when the provider says it. */
  bytes?: number;
  /**
   * The provider's id of the audio (WhatsApp's media id, Telegram's file_id) and its type: during a handoff the
   * mediator plays it, fetched again from the provider (src/conversation/photos.ts, AudioRef). We keep no audio.
   */
  media?: { id: string; contentType: string };
  download(maxBytes: number, timeoutMs: number): Promise<{ audio: Buffer; mime: string }>;
}

export class VoiceNoteTooBig extends Error {
  constructor() {
    super('voice note larger than STT_MAX_BYTES');
    this.name = 'VoiceNoteTooBig';
  }
}

/** GET a provider's media URL, refusing more than `maxBytes` (by its length, then by what arrives). */
export async function downloadMedia(url: string, headers: Record<string, string>, maxBytes: number, timeoutMs: number): Promise<{ audio: Buffer; mime: string }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`media download: HTTP ${res.status}`);
  }
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    throw new VoiceNoteTooBig();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new VoiceNoteTooBig();
    chunks.push(Buffer.from(chunk));
  }
  return { audio: Buffer.concat(chunks), mime: (res.headers.get('content-type') ?? '').split(';')[0].trim() };
}

/** What the bot is told about a voice note. Never throws: a failure is a kind answer, not a retry. */
export async function hearVoiceNote(
  transcriber: Transcriber | undefined,
  note: VoiceNoteSource,
  locale: Locale,
  logger: Logger,
  userId: string,
): Promise<VoiceNoteHeard> {
  if (!transcriber) return { problem: 'off' };
  const { maxSeconds, maxBytes, timeoutMs } = transcriber.config;
  if ((note.seconds ?? 0) > maxSeconds || (note.bytes ?? 0) > maxBytes) return { problem: 'too-long' };
  try {
    const { audio, mime } = await note.download(maxBytes, timeoutMs);
    const transcript = await transcriber.transcribe(audio, mime, locale);
    return { transcript };
  } catch (err) {
    if (err instanceof VoiceNoteTooBig) return { problem: 'too-long' };
    // The reason only: never the words, the audio or the address.
    const reason = err instanceof TranscriptionFailed ? err.message : err instanceof Error ? err.message.slice(0, 200) : 'unknown';
    logger.warn({ user: hashId(userId), reason }, 'voice note not heard');
    return { problem: 'failed' };
  }
}
