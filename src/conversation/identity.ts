/** Who the citizen is, for the stores that must find them again, without keeping who they are. */
import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { TERRITORY } from './keys';

/** A stable key for a citizen that is not their phone number or user id. */
export function citizenKeyOf(ctx: TurnContext): string {
  return createHash('sha256').update(`${ctx.activity.channelId}:${ctx.activity.from?.id ?? ''}`).digest('hex').slice(0, 32);
}

/** The territory of the turn: set by the bot, else the channel's, else the fallback. */
export function territoryOf(ctx: TurnContext, fallback: string): string {
  const fromChannel = (ctx.activity.channelData as { territory?: unknown } | undefined)?.territory;
  return TERRITORY.get(ctx) ?? (typeof fromChannel === 'string' ? fromChannel : fallback);
}

/** Everything a citizen's data is filed under, for "effacer mes données". */
export interface CitizenIdentity {
  channelId: string;
  userId: string;
  conversationId: string;
  /** The hash the handoff queue and the reminders know the citizen by. */
  citizenKey: string;
}
