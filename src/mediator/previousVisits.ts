/**
 * The citizen's earlier visits (issue 19), for `GET /api/mediator/handoffs/:id` `previous`: the territory's other
 * handoffs of the same person within the retention period — the same citizen on the same channel (the same web chat
 * user, the same Telegram chat…), or the same phone number on SMS and WhatsApp (`personKey`, a keyed id) — with
 * the date, the guide and step, how it ended and the mediator's note at the close (masked when written, like the
 * transcript). Found through the territory's event stream (its last 10,000 events, within retention), newest first.
 */
import type { HandoffQueue, HandoffRecord } from '../handoff/queue';

export interface PreviousVisit {
  id: string;
  /** When the person asked (ms). */
  at: number;
  closedAt?: number;
  state: HandoffRecord['state'];
  channel: string;
  guideTitle?: string;
  stepNumber?: number;
  stepTotal?: number;
  stepTitle?: string;
  outcome?: HandoffRecord['outcome'];
  /** The mediator's note at the close (masked). */
  note?: string;
}

/** At most this many earlier visits are shown. */
export const MAX_PREVIOUS = 10;

export async function previousVisits(queue: HandoffQueue, territory: string, current: HandoffRecord): Promise<PreviousVisit[]> {
  // The requests before this one, in the stream's order (two requests may share a millisecond).
  const ids: string[] = [];
  for (const e of await queue.events(territory, '0', 10_000)) {
    if (e.transition !== 'request' && e.transition !== 'request-callback') continue;
    if (e.id === current.id) break;
    if (!ids.includes(e.id)) ids.push(e.id);
  }
  const same = (r: HandoffRecord) => r.citizenKey === current.citizenKey || (current.personKey !== undefined && r.personKey === current.personKey);
  const out: PreviousVisit[] = [];
  for (const id of ids.reverse()) {
    if (out.length >= MAX_PREVIOUS) break;
    const r = await queue.get(territory, id);
    if (!r || !same(r) || r.createdAt > current.createdAt) continue;
    out.push({
      id: r.id,
      at: r.createdAt,
      closedAt: r.closedAt,
      state: r.state,
      channel: r.channel,
      guideTitle: r.guideTitle,
      stepNumber: r.stepNumber,
      stepTotal: r.stepTotal,
      stepTitle: r.stepTitle,
      outcome: r.outcome,
      note: r.note || undefined,
    });
  }
  return out;
}
