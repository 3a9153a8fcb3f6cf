/**
 * What each channel can show. Dialogs never branch on the channel: the renderer reads this table.
 */
export interface ChannelCapabilities {
  /** Can show tappable buttons; how many at most (0 = none: numbered text instead). */
  maxButtons: number;
  /** Longest text of one outgoing message (characters); longer texts are split on sentences. */
  maxMessageChars: number;
  /** Prefer the author's short text (SMS, small screens). */
  preferShort: boolean;
  /** SMS-like: after STOP, send nothing at all until START. */
  silentAfterStop: boolean;
  /** Counts SMS segments (GSM-7 / UCS-2). */
  sms: boolean;
  /** Reaches the citizen's phone outside a conversation (SMS, WhatsApp, Telegram): reminders make sense. */
  push: boolean;
  /**
   * How texts are sent: 'markdown' where the client renders it (Web Chat: links, paragraphs), with
   * every character that could be markdown or HTML escaped (see render.ts `toMarkdown`); plain by default.
   */
  textFormat?: 'plain' | 'markdown';
}

const RICH: ChannelCapabilities = { maxButtons: 10, maxMessageChars: 4000, preferShort: false, silentAfterStop: false, sms: false, push: false };

const TABLE: Record<string, ChannelCapabilities> = {
  http: RICH,
  directline: { ...RICH, textFormat: 'markdown' },
  webchat: RICH,
  emulator: RICH,
  msteams: RICH,
  terminal: { ...RICH, maxButtons: 0 },
  sms: { maxButtons: 0, maxMessageChars: 306, preferShort: true, silentAfterStop: true, sms: true, push: true },
  whatsapp: { maxButtons: 10, maxMessageChars: 1024, preferShort: false, silentAfterStop: true, sms: false, push: true },
  telegram: { maxButtons: 8, maxMessageChars: 4096, preferShort: false, silentAfterStop: false, sms: false, push: true },
};

export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  return TABLE[channelId ?? ''] ?? { ...RICH, maxButtons: 0 };
}
