/**
 * The one builder of the activity a citizen's message becomes, for every channel (SMS, WhatsApp,
 * Telegram, web chat, HTTP, terminal): the channel says who wrote, where, what and what it knows
 * (territory, STOP); the bot reads the same shape whatever the channel. And the one reading of the
 * language the replies are in.
 */
import { ActivityTypes, type Activity, type ChannelAccount } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { localeOfTag, type Locale } from '../i18n/locale';
import type { TurnChannelData } from '../conversation/channelData';

export const BOT_NAME = 'Pas à pas';

export interface Inbound {
  channelId: string;
  conversationId: string;
  userId: string;
  /** The message id (a provider's: the dedup key), else a new one. */
  id?: string;
  text?: string;
  locale?: string;
  timestamp: Date;
  /** The bot's address on the channel (the number written to…); 'pasapas' by default. */
  botId?: string;
  /** What the channel knows: territory, STOP. */
  channelData?: TurnChannelData;
  /** Fields of a client's own activity kept as sent (web chat: its type, attachments, value…). */
  fields?: Partial<Activity>;
  /** The citizen's account role, where the protocol has one (Direct Line: 'user'). */
  role?: string;
}

export function inboundActivity(m: Inbound): Partial<Activity> {
  const from: ChannelAccount = { id: m.userId, name: '', ...(m.role ? { role: m.role } : {}) };
  const recipient: ChannelAccount = { id: m.botId ?? 'pasapas', name: BOT_NAME, ...(m.role ? { role: 'bot' } : {}) };
  return {
    type: ActivityTypes.Message,
    ...m.fields,
    id: m.id ?? m.fields?.id ?? randomUUID(),
    channelId: m.channelId,
    conversation: { id: m.conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from,
    recipient,
    serviceUrl: `pasapas://${m.channelId}`,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.locale !== undefined ? { locale: m.locale } : {}),
    timestamp: m.timestamp,
    ...(m.channelData !== undefined ? { channelData: { ...m.channelData } } : {}),
  };
}

/** The language of a turn's replies: the first activity that says one (the bot sets the citizen's), else the default. */
export function localeOf(activities: Array<Partial<Activity>>, fallback: Locale): Locale {
  return localeOfTag(activities.find((a) => a.locale)?.locale, fallback);
}
