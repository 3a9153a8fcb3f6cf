/**
 * Sending to a citizen outside of their turn (a mediator's reply, queue news, a reminder): the seam the
 * domain services use, implemented by the channels' adapter (src/channels/leanAdapter.ts).
 */
import type { ConversationReference, TurnContext } from 'botbuilder';

export interface ProactiveSender {
  /** Run `logic` in the citizen's conversation, outside of a turn; what it says goes out on their channel. */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** A message for a channel that cannot carry one now (no delivery registered, or the provider refuses). */
export class NoDelivery extends Error {
  constructor(readonly channelId: string) {
    super(`no proactive delivery for channel "${channelId}"`);
    this.name = 'NoDelivery';
  }
}
