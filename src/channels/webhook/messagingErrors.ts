/**
 * What a messaging channel (src/channels/webhook/messaging.ts) throws: a webhook turn past its deadline (503, the
 * turn goes on), and a proactive message that cannot be sent where retrying would not help.
 */
import { NoDelivery } from '../leanAdapter';

/** The turn was not done within the webhook's deadline: answer 503 (it goes on in the background). */
export class DeadlineExceeded extends Error {
  constructor(channelId: string, readonly deadlineMs: number) {
    super(`${channelId}: turn not done within ${deadlineMs} ms (Redis slow?)`);
    this.name = 'DeadlineExceeded';
  }
}

/** Thrown by `deliver` when a message cannot be sent and retrying would not help. */
export class Undeliverable extends NoDelivery {
  constructor(
    channelId: string,
    readonly reason: 'unknown-address' | 'opted-out' | 'rate-limited' | 'outside-window' | 'refused-by-provider',
  ) {
    super(channelId);
    this.message = `${channelId}: not delivered (${reason})`;
    this.name = 'Undeliverable';
  }
}
