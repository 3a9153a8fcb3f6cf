/** Who the citizen is, for the stores that must find them again, without keeping who they are. */
import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { TERRITORY } from './keys';

/**
 * The key the handoff queue and the reminders know a citizen by: a hash of the channel and the user id (on
 * the messaging channels, itself a keyed hash of the address): not their phone number or user id.
 */
export function citizenKeyFor(channelId: string, userId: string): string {
  return createHash('sha256').update(`${channelId}:${userId}`).digest('hex').slice(0, 32);
}

export function citizenKeyOf(ctx: TurnContext): string {
  return citizenKeyFor(ctx.activity.channelId, ctx.activity.from?.id ?? '');
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
