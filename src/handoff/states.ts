/**
 * The handoff state machine. Each named transition moves from given states to one state and emits
 * exactly one event (written by the same Lua script, in the territory's event stream). Anything
 * else is an IllegalTransition.
 *
 *   bot ──request──▶ waiting ──claim──▶ with_mediator ──close──▶ closed
 *                     │  ▲                  │
 *                     │  └──release/lease-expired──┘
 *                     ├──cancel──▶ cancelled
 *                     └──expire──▶ expired ──request-callback──▶ callback_requested ──callback-done──▶ closed
 *   bot ──request-callback──▶ callback_requested      (nobody on duty, outside hours)
 *   with_mediator ──transfer──▶ with_mediator          (to a colleague on duty: a new holder, a new lease)
 *   with_mediator ──transfer-territory──▶ transferred  (to another territory's queue: a new handoff there)
 */
export const STATES = ['bot', 'waiting', 'with_mediator', 'closed', 'cancelled', 'expired', 'callback_requested', 'transferred'] as const;
export type HandoffState = (typeof STATES)[number];

export const TRANSITIONS = {
  request: { from: ['bot'], to: 'waiting', event: 'handoff.requested' },
  claim: { from: ['waiting'], to: 'with_mediator', event: 'handoff.claimed' },
  release: { from: ['with_mediator'], to: 'waiting', event: 'handoff.released' },
  'lease-expired': { from: ['with_mediator'], to: 'waiting', event: 'handoff.lease_expired' },
  close: { from: ['with_mediator'], to: 'closed', event: 'handoff.closed' },
  cancel: { from: ['waiting'], to: 'cancelled', event: 'handoff.cancelled' },
  expire: { from: ['waiting'], to: 'expired', event: 'handoff.expired' },
  'request-callback': { from: ['bot', 'expired', 'waiting'], to: 'callback_requested', event: 'handoff.callback_requested' },
  'callback-done': { from: ['callback_requested'], to: 'closed', event: 'handoff.callback_done' },
  /** The lease holder hands the conversation to a colleague of the territory who is on duty (a new lease). */
  transfer: { from: ['with_mediator'], to: 'with_mediator', event: 'handoff.transferred' },
  /**
   * To another territory's queue: this handoff ends here (`movedTo` names the new one, waiting there; Redis keys of
   * two territories are two cluster slots, so the new one is requested first, then this one moved out).
   */
  'transfer-territory': { from: ['with_mediator'], to: 'transferred', event: 'handoff.transferred_out' },
} as const satisfies Record<string, { from: readonly HandoffState[]; to: HandoffState; event: string }>;
export type Transition = keyof typeof TRANSITIONS;

export const OUTCOMES = ['fait-pour', 'fait-avec', 'autonome', 'non-resolu'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACTIVE_STATES: readonly HandoffState[] = ['waiting', 'with_mediator', 'callback_requested'];

/**
 * Where citizen and mediator may exchange messages (not a transition: no state change, one "handoff.message"
 * event). A lease is renewed (heartbeat) where it can be released: TRANSITIONS.release.from.
 */
export const MESSAGE_STATES: readonly HandoffState[] = ['waiting', 'with_mediator'];

/*
 * The Lua scripts (src/storage/lua/handoff*.lua) check the same states; test/handoff/stateMachine.test.ts reads
 * each script's checks and compares them with TRANSITIONS and MESSAGE_STATES, and the memory queue asks
 * canTransition: one state machine, checked three ways.
 */

export class IllegalTransition extends Error {
  constructor(
    readonly transition: Transition,
    readonly state: HandoffState | 'missing',
  ) {
    super(`illegal handoff transition "${transition}" from state "${state}"`);
    this.name = 'IllegalTransition';
  }
}

export function canTransition(t: Transition, from: HandoffState): boolean {
  return (TRANSITIONS[t].from as readonly HandoffState[]).includes(from);
}
