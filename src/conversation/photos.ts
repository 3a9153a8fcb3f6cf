/**
 * A photo a citizen sent, as the channel that received it can find it again: the channel, our address on it (the
 * web chat conversation, the Twilio number written to, the WhatsApp phone-number id, the Telegram bot path) and the
 * provider's id of the file (the web chat file id, Twilio's media path, WhatsApp's media id, Telegram's file_id).
 * The channel writes it on the turn's channelData; the handoff keeps it with the citizen's message; only the
 * mediator API fetches the bytes (src/mediator/photoRoutes.ts), with the mediator's session, from the channel
 * (src/channels/photoSources.ts). Never shown as such to anyone: it names the citizen's conversation.
 */
export interface PhotoRef {
  channel: string;
  address: string;
  id: string;
  contentType: string;
}

/** Image types a mediator's browser shows; anything else is not a photo for us. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif'] as const;

export function isPhotoType(contentType: string | undefined): boolean {
  return typeof contentType === 'string' && (PHOTO_TYPES as readonly string[]).includes(contentType.split(';')[0].trim().toLowerCase());
}

/** At most this many photos in one message (Twilio: 10 media; the web chat upload: a few). */
export const MAX_PHOTOS_PER_MESSAGE = 10;

/** The photos of a turn's channelData, kept only when well-formed (a client never writes them: the channel does). */
export function photosOf(value: unknown): PhotoRef[] {
  if (!Array.isArray(value)) return [];
  const out: PhotoRef[] = [];
  for (const p of value.slice(0, MAX_PHOTOS_PER_MESSAGE)) {
    const r = p as Partial<PhotoRef> | null;
    if (!r || typeof r.channel !== 'string' || typeof r.address !== 'string' || typeof r.id !== 'string' || !isPhotoType(r.contentType)) continue;
    if (r.channel.length > 30 || r.address.length > 200 || r.id.length > 500) continue;
    out.push({ channel: r.channel, address: r.address, id: r.id, contentType: r.contentType!.split(';')[0].trim().toLowerCase() });
  }
  return out;
}

/**
 * A voice note's audio (WhatsApp, Telegram), kept exactly like a photo: a reference only (channel, our address,
 * the provider's media id / file_id), the bytes fetched from the provider when a mediator plays it
 * (src/mediator/photoRoutes.ts, GET …/audio/:index). We keep no audio.
 */
export type AudioRef = PhotoRef;

/** Audio types a mediator's browser plays (WhatsApp and Telegram voice notes are OGG/Opus). */
export const AUDIO_TYPES = ['audio/ogg', 'audio/opus', 'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/webm', 'audio/wav'] as const;

export function isAudioType(contentType: string | undefined): boolean {
  return typeof contentType === 'string' && (AUDIO_TYPES as readonly string[]).includes(contentType.split(';')[0].trim().toLowerCase());
}

/** The voice note's audio of a turn's channelData, kept only when well-formed (the channel writes it). */
export function audioOf(value: unknown): AudioRef | undefined {
  const r = value as Partial<AudioRef> | null | undefined;
  if (!r || typeof r !== 'object' || typeof r.channel !== 'string' || typeof r.address !== 'string' || typeof r.id !== 'string' || !isAudioType(r.contentType)) return undefined;
  if (r.channel.length > 30 || r.address.length > 200 || r.id.length > 500) return undefined;
  return { channel: r.channel, address: r.address, id: r.id, contentType: r.contentType!.split(';')[0].trim().toLowerCase() };
}
