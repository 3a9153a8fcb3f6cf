/**
 * "Effacer mes données": everything tied to one citizen identity, in every store, on every
 * instance (the stores are shared in Redis). The bot deletes the conversation and citizen state
 * itself; this erases the rest: web chat activities and photos, handoffs (transcript, messages,
 * conversation reference) in every territory, the messaging address and its counters, reminders.
 * Anonymous counters (self-check statistics, handoff events) hold nothing to erase.
 */
import type { ActivityLog } from '../channels/directline/activityLog';
import type { FileStore } from '../channels/directline/fileStore';
import type { ContactStore } from '../channels/webhook/contacts';
import type { HandoffQueue } from '../handoff/queue';
import type { ReminderStore } from '../reminders/store';

export interface CitizenIdentity {
  channelId: string;
  userId: string;
  conversationId: string;
  /** The hash the handoff queue and the reminders know the citizen by. */
  citizenKey: string;
}

export interface EraseReport {
  handoffs: number;
  reminders: number;
  webChatActivities: number;
  photos: number;
}

export interface EraserDeps {
  territories: () => string[];
  queue: HandoffQueue;
  reminders: ReminderStore;
  contacts: ContactStore;
  activityLog: ActivityLog;
  files: FileStore;
}

export async function eraseCitizen(deps: EraserDeps, who: CitizenIdentity): Promise<EraseReport> {
  let handoffs = 0;
  for (const t of deps.territories()) handoffs += await deps.queue.eraseCitizen(t, who.citizenKey);
  const reminders = await deps.reminders.cancelAll(who.citizenKey);
  await deps.contacts.eraseUser(who.channelId, who.userId);
  const webChat = who.channelId === 'directline' || who.channelId === 'webchat';
  const webChatActivities = webChat ? await deps.activityLog.wipe(who.conversationId) : 0;
  const photos = webChat ? await deps.files.eraseConversation(who.conversationId) : 0;
  return { handoffs, reminders, webChatActivities, photos };
}
