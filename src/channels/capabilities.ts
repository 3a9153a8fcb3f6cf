/**
 * What each channel can show. Dialogs never branch on the channel: the renderer reads this table.
 * The rows of the channels we serve come from their plugins (src/channels/registry.ts); the few below are
 * channels we do not serve ourselves.
 */
import { CHANNEL_PLUGINS } from './registry';

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
  /** Shows "someone is typing" both ways (Direct Line `typing` activities): the citizen's reaches the console. */
  typing?: boolean;
}

const RICH: ChannelCapabilities = { maxButtons: 10, maxMessageChars: 4000, preferShort: false, silentAfterStop: false, sms: false, push: false };

/**
 * Channels without a plugin: Azure Bot Service's (Microsoft's hosted Web Chat, the Emulator, Teams), which reach
 * the bot through the Bot Framework endpoint /api/messages (server.ts), and the terminal (`pasapas chat`).
 */
const NOT_SERVED: Record<string, ChannelCapabilities> = {
  webchat: RICH,
  emulator: RICH,
  msteams: RICH,
  terminal: { ...RICH, maxButtons: 0 },
};

let table: Record<string, ChannelCapabilities> | undefined;

export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  // Built on first use: the plugins' modules import this one (a cycle at load time otherwise).
  table ??= { ...NOT_SERVED, ...Object.fromEntries(CHANNEL_PLUGINS.map((p) => [p.id, p.capabilities])) };
  return table[channelId ?? ''] ?? { ...RICH, maxButtons: 0 };
}
