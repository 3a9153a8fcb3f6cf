/**
 * "Someone is typing", both ways, on the channels that show it (capability `typing`: the web chat):
 *   GET  /api/mediator/handoffs/:id/typing → {citizen, since?, shown}: is the citizen typing now, since their last
 *        signal `since` (ms; a message of theirs after it means they are done; src/handoff/typing.ts);
 *        `shown: false` on a channel without typing (the console then stops asking);
 *   POST /api/mediator/handoffs/:id/typing → 204: the mediator who holds the handoff is typing; the citizen's
 *        widget shows "Le conseiller écrit un message…" (an ephemeral Direct Line `typing` activity, never stored).
 *        At most one signal per handoff every 1.5 s goes on; the console sends one every 3 s while typing.
 * A handoff of another territory is 404, like one that does not exist.
 */
import type { ConversationReference } from 'botbuilder';
import type { Server } from 'restify';
import { capabilitiesOf } from '../channels/capabilities';
import { HandoffNotFound, LeaseLost, type HandoffQueue } from '../handoff/queue';
import type { TypingStore } from '../handoff/typing';
import { HANDOFF_ID, type MediatorRouteKit } from './api';

export interface TypingRoutesDeps {
  queue: HandoffQueue;
  typing: TypingStore;
  /** Tell the citizen's channel that the mediator is typing (the web chat's streams). */
  mediatorTyping: (reference: Partial<ConversationReference>) => Promise<void>;
  now: () => number;
}

const MEDIATOR_EVERY_MS = 1_500;

export function mountTypingRoutes(server: Server, kit: MediatorRouteKit, deps: TypingRoutesDeps): void {
  const lastSent = new Map<string, number>();

  server.get('/api/mediator/handoffs/:id/typing', kit.auth, kit.guard(async (req, res) => {
    const m = kit.me(req);
    const id = String(req.params.id);
    if (!HANDOFF_ID.test(id)) return kit.fail(res, 400, 'BadRequest', 'id: not a handoff id');
    const record = await deps.queue.get(m.territory, id);
    if (!record) throw new HandoffNotFound(id);
    const shown = capabilitiesOf(record.channel).typing === true;
    const since = shown && record.state === 'with_mediator' ? await deps.typing.citizenTypingSince(m.territory, id, deps.now()) : undefined;
    res.send(200, since === undefined ? { citizen: false, shown } : { citizen: true, since, shown });
  }));

  server.post('/api/mediator/handoffs/:id/typing', kit.auth, kit.guard(async (req, res) => {
    const m = kit.me(req);
    const id = String(req.params.id);
    if (!HANDOFF_ID.test(id)) return kit.fail(res, 400, 'BadRequest', 'id: not a handoff id');
    const record = await deps.queue.get(m.territory, id);
    if (!record) throw new HandoffNotFound(id);
    // Only the mediator who has the conversation types in it.
    if (!(await deps.queue.leaseOf(m.territory, id, m.id))) throw new LeaseLost(id);
    const now = deps.now();
    if (capabilitiesOf(record.channel).typing && now - (lastSent.get(id) ?? -Infinity) >= MEDIATOR_EVERY_MS) {
      if (lastSent.size > 10_000) lastSent.clear();
      lastSent.set(id, now);
      await deps.mediatorTyping(record.reference);
    }
    res.send(204);
  }));
}
