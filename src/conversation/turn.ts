/** Small per-turn helpers shared by every dialog and the bot. */
import type { TurnContext } from 'botbuilder';
import { localeOfTag, type Locale } from '../i18n/locale';
import { toActivity, type BotMessage } from './message';

/** The citizen's language, set on the activity by the bot from their choice (not the client's). */
export function localeOf(ctx: TurnContext): Locale {
  return localeOfTag(ctx.activity.locale, 'fr');
}

export const CULTURE_OF: Record<Locale, string> = { fr: 'fr-FR', en: 'en-US' };

export async function say(ctx: TurnContext, ...messages: BotMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await ctx.sendActivities(messages.map(toActivity));
}
