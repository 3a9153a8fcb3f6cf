/**
 * "Effacer mes données": everything tied to the person, in every store, on every instance (the
 * stores are shared in Redis). The bot deletes the state of the conversation it is in; this erases
 * the rest: web chat activities and photos, handoffs (transcript, messages, conversation reference)
 * in every territory, reminders, and on the messaging channels every identity of the same address —
 * the person's conversations with every number of ours (one per territory written to), their profile,
 * their address, held messages and counters — on each channel that shares it (a phone number on SMS
 * and on WhatsApp). Anonymous counters (self-check statistics, handoff events) hold nothing to erase.
 */
import type { CitizenIdentity } from '../conversation/identity';
import { citizenKeyFor, sameAddressOn, type ContactIds } from './contactIds';
import { conversationStateKey, userStateKey } from '../storage/keyspace';

export type { CitizenIdentity };

export interface EraseReport {
  handoffs: number;
  reminders: number;
  webChatActivities: number;
  photos: number;
  /** Other conversations of the person looked for and erased (listed for them, or with one of our known numbers). */
  otherConversations: number;
}

/**
 * What erasure needs of each store — only that, so the stores (the handoff queue, the channels' contact
 * store and web chat log, …) stay where they belong and this module depends on none of them.
 */
export interface EraserDeps {
  territories: () => string[];
  queue: { eraseCitizen(territory: string, citizenKey: string): Promise<number> };
  reminders: { cancelAll(citizenKey: string): Promise<number> };
  contacts: {
    readonly ids: ContactIds;
    lookup(userId: string): Promise<{ address: string } | undefined>;
    conversationsOf(userId: string): Promise<string[]>;
    eraseUser(channelId: string, userId: string): Promise<unknown>;
  };
  activityLog: { wipe(conversationId: string): Promise<number> };
  files: { eraseConversation(conversationId: string): Promise<number> };
  /** The bot's conversation and user state (botbuilder Storage). */
  state: { delete(keys: string[]): Promise<void> };
  /**
   * Our numbers, WhatsApp ids and Telegram paths known from the territory files and the configuration: a
   * conversation begun before conversations were listed per citizen is found through them.
   */
  botAddresses?: () => Partial<Record<string, string[]>>;
}

const MESSAGING = new Set(['sms', 'sms-ovh', 'sms-brevo', 'whatsapp', 'telegram']);

/** botbuilder's storage keys (ConversationState, UserState, namespace ''): items of the `state` key family. */
export { conversationStateKey, userStateKey };

/** The identities of the person: this one, and on messaging channels the same address on every channel sharing it. */
async function identitiesOf(deps: EraserDeps, who: CitizenIdentity): Promise<Array<{ channelId: string; userId: string; citizenKey: string; conversations: string[] }>> {
  const out = [{ channelId: who.channelId, userId: who.userId, citizenKey: who.citizenKey, conversations: [who.conversationId] }];
  if (!MESSAGING.has(who.channelId)) return out;
  const contact = await deps.contacts.lookup(who.userId);
  const addresses = contact ? sameAddressOn(who.channelId, contact.address) : [];
  for (const [channelId, address] of addresses) {
    const userId = deps.contacts.ids.userId(channelId, address);
    const known = (deps.botAddresses?.()[channelId] ?? []).map((bot) => deps.contacts.ids.conversationId(channelId, bot, address));
    const conversations = [...new Set([...(await deps.contacts.conversationsOf(userId)), ...known])];
    const same = out.find((i) => i.channelId === channelId && i.userId === userId);
    if (same) same.conversations = [...new Set([...same.conversations, ...conversations])];
    else out.push({ channelId, userId, citizenKey: citizenKeyFor(channelId, userId), conversations });
  }
  return out;
}

export async function eraseCitizen(deps: EraserDeps, who: CitizenIdentity): Promise<EraseReport> {
  const identities = await identitiesOf(deps, who);
  let handoffs = 0;
  let reminders = 0;
  let otherConversations = 0;
  for (const id of identities) {
    for (const t of deps.territories()) handoffs += await deps.queue.eraseCitizen(t, id.citizenKey);
    reminders += await deps.reminders.cancelAll(id.citizenKey);
    const others = id.conversations.filter((c) => !(id.channelId === who.channelId && c === who.conversationId));
    otherConversations += others.length;
    // The bot deletes the state of the conversation it is in (and saves nothing of this turn); the rest here.
    await deps.state.delete([...others.map((c) => conversationStateKey(id.channelId, c)), ...(id.userId === who.userId && id.channelId === who.channelId ? [] : [userStateKey(id.channelId, id.userId)])]);
    await deps.contacts.eraseUser(id.channelId, id.userId);
  }
  const webChat = who.channelId === 'directline' || who.channelId === 'webchat';
  const webChatActivities = webChat ? await deps.activityLog.wipe(who.conversationId) : 0;
  const photos = webChat ? await deps.files.eraseConversation(who.conversationId) : 0;
  return { handoffs, reminders, webChatActivities, photos, otherConversations };
}
