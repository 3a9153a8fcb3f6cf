/**
 * The handoff queue: the one interface between the bot, the mediators' API and the storage.
 * RedisHandoffQueue (production; one Lua script per transition) and MemoryHandoffQueue (embedded
 * default) implement it; test/handoff/queue.contract.test.ts runs the same tests against both.
 *
 * Rules every implementation keeps:
 * - per territory, waiting handoffs are ordered by priority (lower first), then arrival; a released
 *   or lease-expired handoff goes back to the HEAD of the queue (before every other waiting one);
 * - a citizen has at most one active handoff per territory: `request` is idempotent;
 * - exactly one `claim` wins; a claim is a lease (token + expiry) renewed by `heartbeat`;
 * - each transition emits exactly one event in the territory's event stream, in order;
 * - a territory never sees another territory's handoffs (every call names its territory).
 */
import type { ConversationReference } from 'botbuilder';
import type { GuideStage } from '../conversation/handoffHook';
import type { AudioRef, PhotoRef } from '../conversation/photos';
import type { HandoffState, Outcome, Transition } from './states';

export interface TranscriptLine {
  from: 'citizen' | 'bot' | 'mediator';
  text: string;
  at: number;
}

export interface NewHandoff {
  territory: string;
  /** A stable, non-reversible key of the citizen (hash of channel + user id). */
  citizenKey: string;
  /** The same person across channels sharing an address (SMS and WhatsApp), a keyed id: their earlier visits. */
  personKey?: string;
  /** Where to reach the citizen (their own channel). */
  reference: Partial<ConversationReference>;
  channel: string;
  locale: string;
  reason: 'command' | 'stuck' | 'failures' | 'intent';
  guideId?: string;
  guideTitle?: string;
  stepId?: string;
  stepTitle?: string;
  stepNumber?: number;
  stepTotal?: number;
  /** Where in the guide: offered, before its first step (the list of papers), or at a step. */
  stage?: GuideStage;
  /** What the citizen said they were stuck on, in their last words (masked, short). */
  said?: string;
  /** Short, already masked. */
  transcript: TranscriptLine[];
  /** 0 = normal; lower is served first. */
  priority?: number;
}

export interface HandoffRecord extends NewHandoff {
  id: string;
  state: HandoffState;
  priority: number;
  createdAt: number;
  /** When it (last) entered the queue. */
  enqueuedAt: number;
  claimedAt?: number;
  mediatorId?: string;
  leaseExpiresAt?: number;
  closedAt?: number;
  outcome?: Outcome;
  note?: string;
  callbackPhone?: string;
  callbackAt?: number;
  /** Last position told to the citizen (to tell only changes). */
  notifiedPosition?: number;
  /** State "transferred": the handoff that took its place in another territory's queue. */
  movedTo?: { territory: string; id: string };
}

export interface HandoffEvent {
  /** Position in the territory's stream ("1700000000000-0"): resume after it. */
  streamId: string;
  type: string;
  transition: Transition | 'message';
  id: string;
  state: HandoffState;
  at: number;
  mediatorId?: string;
  /** For "handoff.message": the 0-based index of the message (messages(territory, id, index)). */
  messageIndex?: number;
}

export interface HandoffMessage {
  at: number;
  from: 'citizen' | 'mediator' | 'bot';
  text: string;
  mediatorId?: string;
  /** A photo the citizen sent (its caption, if any, is the text): only the mediator API fetches it. */
  photo?: PhotoRef;
  /** A voice note's audio (the text is its transcript, marked): only the mediator API fetches it. */
  audio?: AudioRef;
}

export interface Claim {
  leaseToken: string;
  leaseExpiresAt: number;
  record: HandoffRecord;
}

export class HandoffNotFound extends Error {
  constructor(readonly id: string) {
    super('handoff not found');
    this.name = 'HandoffNotFound';
  }
}

/** The lease token does not match (someone else holds it, or it expired and was taken back). */
export class LeaseLost extends Error {
  constructor(readonly id: string) {
    super('lease lost');
    this.name = 'LeaseLost';
  }
}

export interface HandoffQueue {
  /** bot → waiting. Idempotent per citizen: an active handoff is returned as is (created: false). */
  request(input: NewHandoff, now?: number): Promise<{ record: HandoffRecord; created: boolean }>;
  get(territory: string, id: string): Promise<HandoffRecord | undefined>;
  /** The citizen's active handoff (waiting, with a mediator, or callback requested). */
  activeFor(territory: string, citizenKey: string): Promise<HandoffRecord | undefined>;
  /** 1-based position among the waiting; undefined when not waiting. */
  position(territory: string, id: string): Promise<number | undefined>;
  /** The waiting handoffs, first served first. */
  waiting(territory: string): Promise<HandoffRecord[]>;

  /** waiting → with_mediator. Throws IllegalTransition (e.g. already claimed) or HandoffNotFound. */
  claim(territory: string, id: string, mediatorId: string, leaseMs: number, now?: number): Promise<Claim>;
  /** The lease token of a handoff held by this mediator (so the API acts for its holder), else undefined. */
  leaseOf(territory: string, id: string, mediatorId: string): Promise<string | undefined>;
  /** Extends the lease; throws LeaseLost. */
  heartbeat(territory: string, id: string, leaseToken: string, leaseMs: number, now?: number): Promise<number>;
  /** with_mediator → waiting, at the head. Throws LeaseLost / IllegalTransition. */
  release(territory: string, id: string, leaseToken: string, now?: number): Promise<void>;
  /** Every expired lease of the territory → waiting at the head; returns their ids. */
  reapLeases(territory: string, now?: number): Promise<string[]>;
  /**
   * with_mediator → with_mediator, held by `toMediatorId` with a new lease (the old token stops working).
   * Throws LeaseLost / IllegalTransition / HandoffNotFound.
   */
  transfer(territory: string, id: string, leaseToken: string, toMediatorId: string, leaseMs: number, now?: number): Promise<Claim>;
  /**
   * with_mediator → transferred: the conversation went to another territory's queue as handoff `to` (requested
   * there first). Throws LeaseLost / IllegalTransition / HandoffNotFound.
   */
  moveOut(territory: string, id: string, leaseToken: string, to: { territory: string; id: string }, now?: number): Promise<void>;
  /** with_mediator → closed with an outcome. Throws LeaseLost / IllegalTransition. */
  close(territory: string, id: string, leaseToken: string, outcome: Outcome, note?: string, now?: number): Promise<void>;
  /** waiting → cancelled (the citizen wrote "annuler"). */
  cancel(territory: string, id: string, now?: number): Promise<void>;
  /** Waiting for longer than maxWaitMs → expired; returns their ids. */
  expireWaiting(territory: string, maxWaitMs: number, now?: number): Promise<string[]>;
  /** bot | waiting | expired → callback_requested, with the phone number and the time to call (ms). */
  requestCallback(
    input: NewHandoff & { existingId?: string; phone: string; callAt: number },
    now?: number,
  ): Promise<HandoffRecord>;
  /** callback_requested → closed. */
  callbackDone(territory: string, id: string, outcome: Outcome, mediatorId: string, now?: number): Promise<void>;
  /** Pending callbacks, soonest first. */
  callbacks(territory: string): Promise<HandoffRecord[]>;

  /** Append a message (citizen ⇄ mediator) and emit a "handoff.message" event. Throws IllegalTransition when the handoff is not active. */
  addMessage(territory: string, id: string, message: HandoffMessage): Promise<void>;
  /** "Effacer mes données": forget every handoff of this citizen in the territory; how many. */
  eraseCitizen(territory: string, citizenKey: string): Promise<number>;
  /** Messages with index ≥ after (0-based). */
  messages(territory: string, id: string, after?: number): Promise<HandoffMessage[]>;
  /** Remember the last position told to the citizen. */
  setNotifiedPosition(territory: string, id: string, position: number): Promise<void>;

  /** The territory's events after `afterStreamId` ("0" = from the start), oldest first. */
  events(territory: string, afterStreamId?: string, count?: number): Promise<HandoffEvent[]>;
  /** Average of the last waits before a claim (ms), or undefined without history. */
  averageWaitMs(territory: string): Promise<number | undefined>;

  /** A mediator says they are on duty (until ttlMs from now) or not. */
  setPresence(territory: string, mediatorId: string, onDuty: boolean, ttlMs: number, now?: number): Promise<void>;
  onDutyCount(territory: string, now?: number): Promise<number>;
  /** Is this mediator on duty (presence not expired)? */
  isOnDuty(territory: string, mediatorId: string, now?: number): Promise<boolean>;

  close_(): Promise<void>;
}
