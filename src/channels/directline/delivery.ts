/**
 * Proactive messages to a web chat citizen (a mediator's reply, a new place in the queue): stored in
 * the conversation's activities like any bot reply, so the instance holding the socket pushes them
 * and a reload shows them.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { ProactiveDelivery } from '../leanAdapter';
import type { ActivityLog } from './activityLog';
import { storedBotActivity } from './activityShape';

export class DirectLineDelivery implements ProactiveDelivery {
  constructor(
    private readonly log: ActivityLog,
    private readonly now: () => number = Date.now,
  ) {}

  async deliver(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> {
    const conversationId = reference.conversation?.id;
    const userId = reference.user?.id ?? '';
    if (!conversationId) throw new Error('web chat delivery without a conversation');
    const stamp = new Date(this.now());
    const stored = activities.filter((a) => a.type === 'message').map((a) => storedBotActivity(conversationId, userId, a, stamp));
    if (stored.length && (await this.log.append(conversationId, stored)) < 0) throw new Error('web chat conversation expired');
  }
}
