/**
 * What a web chat activity looks like on the wire: what a client may post (and the part of it echoed back),
 * and a bot reply as it is stored and streamed (our accounts, text formatted per the capability table,
 * without the server-side message).
 */
import type { Activity } from 'botbuilder';
import { maskPersonalData } from '../../privacy/mask';
import { capabilitiesOf } from '../capabilities';
import { formatText } from '../render';
import { newId } from './ids';

export const DIRECTLINE_CHANNEL = 'directline';
export const BOT_ACCOUNT = { id: 'pasapas', name: 'Pas à pas', role: 'bot' } as const;
/** A mediator's words relayed by the bot: clients can show that a person is writing (our widget does). */
export const MEDIATOR_ACCOUNT = { id: 'mediator', name: 'Conseiller', role: 'mediator' } as const;

export interface IncomingActivity {
  type: 'message' | 'typing' | 'event';
  text?: string;
  name?: string;
  value?: unknown;
  locale?: string;
  attachments?: Array<{ contentType: string; contentUrl?: string; name?: string }>;
  /** The client's own fields; Web Chat's `clientActivityID` is what it matches its pending message by. */
  channelData?: unknown;
}

/** A photo received by POST /upload. */
export interface UploadedFile {
  contentType: string;
  name: string;
  bytes: Buffer;
}

/** The client's id of a message (Web Chat's `channelData.clientActivityID`), when it gave a usable one. */
export function clientActivityIdOf(channelData: unknown): string | undefined {
  const id = (channelData as { clientActivityID?: unknown } | null | undefined)?.clientActivityID;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : undefined;
}

/** Ids a client gives its messages: kept as they are in the echo (never masked: a random id may look like a number). */
const CLIENT_ID_FIELDS = new Set(['clientActivityID', 'clientTimestamp']);
/** Fields of the server's own that a client cannot set in its echo. */
const SERVER_FIELDS = new Set(['pasapas', 'territory']);

/**
 * What the echo of a citizen's activity keeps of the client's `channelData`: flat fields only (a string
 * of 200 characters at most, masked like the text but for the client's ids; a number; a boolean; a
 * short list of numbers, as Web Chat's `attachmentSizes`), 20 at most. Web Chat matches its pending
 * message by `clientActivityID`: without it every message shows twice and turns "failed".
 */
export function echoedChannelData(channelData: unknown): Record<string, unknown> | undefined {
  if (!channelData || typeof channelData !== 'object' || Array.isArray(channelData)) return undefined;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [key, value] of Object.entries(channelData as Record<string, unknown>)) {
    if (n >= 20 || key.length > 64 || SERVER_FIELDS.has(key)) continue;
    if (typeof value === 'string' && value.length <= 200) out[key] = CLIENT_ID_FIELDS.has(key) ? value : maskPersonalData(value);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value) && value.length <= 10 && value.every((x) => typeof x === 'number' && Number.isFinite(x))) out[key] = value;
    else continue;
    n += 1;
  }
  return n > 0 ? out : undefined;
}

/**
 * What a web chat client gets of a reply's channelData: not our channel-neutral message under
 * `pasapas` (src/channels/message.ts, for the server-side renderers: the client renders the
 * activity's text and suggested actions), which doubled every activity stored and streamed.
 */
function speakerOf(channelData: unknown): string | undefined {
  const ours = (channelData as { pasapas?: { speaker?: unknown } } | undefined)?.pasapas;
  return typeof ours?.speaker === 'string' ? ours.speaker : undefined;
}

function clientChannelData(channelData: unknown): unknown {
  if (!channelData || typeof channelData !== 'object') return channelData;
  const { pasapas: _ours, ...rest } = channelData as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * A bot activity as the web chat stores and streams it. Its text is formatted as the capability table says
 * (markdown, links as links, everything else escaped), read when called: the table is made of the registry's
 * plugins, this module among their imports.
 */
export function storedBotActivity(
  conversationId: string,
  userId: string,
  r: Partial<Activity>,
  timestamp: Date,
  replyToId?: string,
): Partial<Activity> {
  const formatted = typeof r.text === 'string' ? formatText(r.text, capabilitiesOf(DIRECTLINE_CHANNEL)) : { text: r.text, textFormat: 'plain' as const };
  return {
    type: r.type ?? 'message',
    id: `${conversationId}|${newId(8)}`,
    timestamp,
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: speakerOf(r.channelData) === 'mediator' ? { ...MEDIATOR_ACCOUNT } : { ...BOT_ACCOUNT },
    recipient: { id: userId, name: '', role: 'user' },
    replyToId,
    text: formatted.text,
    textFormat: formatted.textFormat,
    locale: r.locale,
    suggestedActions: r.suggestedActions,
    attachments: r.attachments,
    channelData: clientChannelData(r.channelData),
  };
}
