/**
 * Per-mediator capacity (issue 19/20): the most handoffs a mediator may hold at once, set by a coordinator on the
 * account. The claim route refuses one more (409 AtCapacity) and GET /queue says `atCapacity`, so the console offers
 * nothing it would refuse. The count is read from the territory's events (the claims this mediator made whose
 * handoff is still theirs), as GET /queue always did; two claims at the very same moment can both pass (the check is
 * not inside the claim script).
 */
import type { HandoffQueue, HandoffRecord } from '../handoff/queue';

/** The handoffs this mediator holds now (state with_mediator, theirs: claimed, or transferred to them by a colleague). */
export async function heldBy(queue: HandoffQueue, territory: string, mediatorId: string): Promise<HandoffRecord[]> {
  const mine: HandoffRecord[] = [];
  const seen = new Set<string>();
  for (const e of await queue.events(territory, '0', 10_000)) {
    if ((e.transition !== 'claim' && e.transition !== 'transfer') || e.mediatorId !== mediatorId || seen.has(e.id)) continue;
    seen.add(e.id);
    const r = await queue.get(territory, e.id);
    if (r?.state === 'with_mediator' && r.mediatorId === mediatorId) mine.push(r);
  }
  return mine;
}
