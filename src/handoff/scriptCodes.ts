/**
 * The handoff scripts' return codes (see their headers), named once and mapped to errors once (docs/handoff.md),
 * and the decoding of what they return.
 */
import type { HandoffReply } from '../storage/scripts';
import { HandoffNotFound, LeaseLost, type HandoffEvent, type HandoffRecord } from './queue';
import { IllegalTransition, type HandoffState, type Transition } from './states';

export const OK = 1;
export const EXISTING = 2;
export const NOT_FOUND = 0;
export const ILLEGAL = -1;
export const LEASE_LOST = -2;
export const NOT_DUE = -3;

export type Reply = HandoffReply;

export function codeToError(reply: Reply, id: string, transition: Transition | 'message'): Error | null {
  switch (reply[0]) {
    case OK:
    case EXISTING:
      return null;
    case NOT_FOUND:
      return new HandoffNotFound(id);
    case ILLEGAL:
      return new IllegalTransition(transition as Transition, String(reply[1]) as HandoffState);
    case LEASE_LOST:
    case NOT_DUE:
      return new LeaseLost(id);
    default:
      return new Error(`handoff script returned ${reply[0]}`);
  }
}

/** "<territory>/<id>" of a transferred handoff. */
export function movedTo(value: string | undefined): HandoffRecord['movedTo'] {
  const at = value ? value.lastIndexOf('/') : -1;
  return value && at > 0 ? { territory: value.slice(0, at), id: value.slice(at + 1) } : undefined;
}

/** HGETALL's flat list as an object. */
export function hashOf(fields: string[]): Record<string, string> {
  const h: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) h[fields[i]] = fields[i + 1];
  return h;
}

/** One entry of a territory's event stream, as written by the scripts. */
export function eventFromStream(streamId: string, fields: string[]): HandoffEvent {
  const f = hashOf(fields);
  return {
    streamId,
    type: f.type,
    transition: f.transition as HandoffEvent['transition'],
    id: f.id,
    state: f.state as HandoffState,
    at: Number(f.at),
    mediatorId: f.mediatorId || undefined,
    messageIndex: f.messageIndex === undefined ? undefined : Number(f.messageIndex),
  };
}
