/** Small per-turn helpers shared by the bot and the guide engine. */
import type { TurnContext } from 'botbuilder';
import type { Locale } from '../guides/schema';
import { toActivity, type BotMessage } from '../channels/message';

/** The citizen's language, set on the activity by the bot from their choice (not the client's). */
export function localeOf(ctx: TurnContext): Locale {
  return (ctx.activity.locale ?? 'fr').toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export const CULTURE_OF: Record<Locale, string> = { fr: 'fr-FR', en: 'en-US' };

export async function say(ctx: TurnContext, ...messages: BotMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await ctx.sendActivities(messages.map(toActivity));
}

/** A global command recognised by the bot, handed to the active guide through turn state. */
export const COMMAND_TURN_KEY = Symbol('pasapas.command');
