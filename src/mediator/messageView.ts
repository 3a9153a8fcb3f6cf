/**
 * What a mediator's client gets of a handoff's messages: the stored message, its index, and for a photo the URL
 * of the mediator API that serves it (src/mediator/photoRoutes.ts) instead of where the channel keeps it (that
 * names the citizen's conversation or the provider's ids: never sent to a browser).
 */
import type { HandoffMessage } from '../handoff/queue';

export interface MessageView {
  index: number;
  from: HandoffMessage['from'];
  text: string;
  at: number;
  mediatorId?: string;
  photo?: { url: string; contentType: string };
  /** A voice note's audio (the text is its transcript): GET …/audio/:index with the mediator's session. */
  audio?: { url: string; contentType: string };
}

export function photoUrl(handoffId: string, index: number): string {
  return `/api/mediator/handoffs/${encodeURIComponent(handoffId)}/photos/${index}`;
}

export function audioUrl(handoffId: string, index: number): string {
  return `/api/mediator/handoffs/${encodeURIComponent(handoffId)}/audio/${index}`;
}

/** The messages of handoff `id` from index `first` on. */
export function messageViews(id: string, messages: HandoffMessage[], first = 0): MessageView[] {
  return messages.map(({ photo, audio, ...m }, i) => ({
    index: first + i,
    ...m,
    ...(photo ? { photo: { url: photoUrl(id, first + i), contentType: photo.contentType } } : {}),
    ...(audio ? { audio: { url: audioUrl(id, first + i), contentType: audio.contentType } } : {}),
  }));
}
