/**
 * What a channel tells the turn about the citizen's message, and what the turn tells the channel back,
 * on `activity.channelData`. Written by the one inbound-activity builder (src/channels/inbound.ts).
 */
import type { TurnContext } from 'botbuilder';
import { audioOf, photosOf, type AudioRef, type PhotoRef } from './photos';

export interface TurnChannelData {
  /** The territory of the address written to (SMS number, WhatsApp phone-number id, web chat token…). */
  territory?: string;
  /** No territory claims the address: the default one, and the citizen may be asked where they live. */
  territoryFallback?: boolean;
  /**
   * The citizen had said STOP before this message, as the channel's record says (src/channels/webhook/contacts.ts:
   * the only record of opting out). Absent on channels that keep none (web chat, HTTP, terminal).
   */
  optedOut?: boolean;
  /** Set by the bot: "effacer mes données" ran in this turn (the channel forgets what it wrote since). */
  erased?: boolean;
  /**
   * Set by the bot: the citizen confirmed a voice note whose words are STOP ("oui" to "J'ai compris : « Stop »"). The
   * channel records it as it records a typed STOP (src/channels/webhook/contacts.ts, the only record of opting out).
   */
  stopConfirmed?: boolean;
  /** A voice note (WhatsApp, Telegram): its words, or why there are none (docs/voice.md). */
  voiceNote?: VoiceNoteHeard;
  /** The voice note's audio, as the channel can fetch it again: during a handoff the mediator plays it. */
  voiceAudio?: AudioRef;
  /** The number the citizen calls from (a phone call, E.164): a callback need not ask for it. */
  callerPhone?: string;
  /**
   * The citizen's own number as their channel knows it (SMS, WhatsApp: the number writing; E.164): a callback offers
   * it rather than asking. Personal data: never logged, never stored unless chosen, shown masked (06 xx xx xx 78).
   */
  citizenPhone?: string;
  /**
   * Set by the bot: put the caller through to this line now (a phone call whose territory has `voice.mediatorLine`,
   * once the handoff is queued with someone on duty). The phone channel answers with a TwiML <Dial>.
   */
  dialMediator?: string;
  /** Set by the phone channel: the mediator line it dialled did not answer (busy, no answer, failed). */
  lineUnanswered?: boolean;
  /** Photos the citizen sent with this message, as the channel can fetch them again (src/conversation/photos.ts). */
  photos?: PhotoRef[];
  /**
   * The same person on every channel that shares their address (SMS and WhatsApp: the phone number), as a keyed id
   * (never the number): a mediator sees their earlier visits from either channel.
   */
  person?: string;
}

export type VoiceNoteHeard = { transcript: string } | { problem: 'off' | 'too-long' | 'failed' };

function voiceNoteOf(v: unknown): VoiceNoteHeard | undefined {
  const o = v as { transcript?: unknown; problem?: unknown } | undefined;
  if (typeof o?.transcript === 'string' && o.transcript.trim()) return { transcript: o.transcript };
  if (o?.problem === 'off' || o?.problem === 'too-long' || o?.problem === 'failed') return { problem: o.problem };
  return undefined;
}

export function channelDataOf(ctx: TurnContext): TurnChannelData {
  const data = ctx.activity.channelData as Record<string, unknown> | undefined;
  return {
    territory: typeof data?.territory === 'string' ? data.territory : undefined,
    territoryFallback: data?.territoryFallback === true,
    optedOut: data?.optedOut === true,
    erased: data?.erased === true,
    stopConfirmed: data?.stopConfirmed === true,
    voiceNote: voiceNoteOf(data?.voiceNote),
    voiceAudio: audioOf(data?.voiceAudio),
    callerPhone: typeof data?.callerPhone === 'string' && /^\+\d{6,15}$/.test(data.callerPhone) ? data.callerPhone : undefined,
    citizenPhone: typeof data?.citizenPhone === 'string' && /^\+\d{6,15}$/.test(data.citizenPhone) ? data.citizenPhone : undefined,
    dialMediator: typeof data?.dialMediator === 'string' && /^\+\d{6,15}$/.test(data.dialMediator) ? data.dialMediator : undefined,
    lineUnanswered: data?.lineUnanswered === true,
    photos: photosOf(data?.photos),
    person: typeof data?.person === 'string' && data.person.length <= 100 ? data.person : undefined,
  };
}
