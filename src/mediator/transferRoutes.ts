/**
 * `POST /api/mediator/handoffs/:id/transfer {to: {mediator: username}, note?}` → 204 (issue 19): the lease holder
 * hands the conversation to a colleague of the same territory who is on duty (a colleague off duty: 409 NotOnDuty,
 * with the reason). One transition ("transfer": a new holder, a new lease, one event); the citizen is told in one
 * short sentence by the notifier (locales: handoff.transferred); the note, if any, becomes an internal note of
 * the handoff, marked as the transfer's. Another territory's handoff: 404.
 * `{to: {territory: id}}` (another territory's queue) is refused for now: 501 NotImplemented, with the reason.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import { HandoffNotFound, LeaseLost, type HandoffQueue } from '../handoff/queue';
import { NotesFull, type HandoffNotes } from '../handoff/notes';
import { maskPersonalData } from '../privacy/mask';
import type { TerritoryRegistry } from '../territories/registry';
import type { MediatorAccounts } from './accounts';
import { HANDOFF_ID, type MediatorRouteKit } from './api';
import type { AuditLog } from './audit';

export interface TransferRoutesDeps {
  queue: HandoffQueue;
  notes: HandoffNotes;
  accounts: MediatorAccounts;
  territories: TerritoryRegistry;
  audit: AuditLog;
  now: () => number;
}

const TransferBody = z
  .object({
    to: z.union([z.object({ mediator: z.string().trim().min(1).max(60) }).strict(), z.object({ territory: z.string().trim().min(1).max(60) }).strict()]),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export function mountTransferRoutes(server: Server, kit: MediatorRouteKit, deps: TransferRoutesDeps): void {
  server.post('/api/mediator/handoffs/:id/transfer', kit.auth, ...kit.json, kit.guard(async (req, res) => {
    const body = TransferBody.safeParse(req.body);
    if (!body.success) return kit.bad(res, body.error);
    const m = kit.me(req);
    const id = String(req.params.id);
    if (!HANDOFF_ID.test(id)) return kit.fail(res, 400, 'BadRequest', 'id: not a handoff id');
    const token = await deps.queue.leaseOf(m.territory, id, m.id);
    if (!token) {
      if (!(await deps.queue.get(m.territory, id))) throw new HandoffNotFound(id);
      throw new LeaseLost(id);
    }
    const to = body.data.to;
    if ('territory' in to) {
      return kit.fail(res, 501, 'NotImplemented', 'transfer to another territory\'s queue is not available yet: transfer to a colleague of your territory, or release the conversation');
    }
    if (to.mediator === m.username) return kit.fail(res, 400, 'BadRequest', 'to.mediator: that is you');
    const colleague = await deps.accounts.get(m.territory, to.mediator);
    if (!colleague) return kit.fail(res, 422, 'UnknownColleague', `to.mediator: no mediator "${to.mediator}" in your territory`);
    if (!(await deps.queue.isOnDuty(m.territory, colleague.id, deps.now()))) {
      return kit.fail(res, 409, 'NotOnDuty', `${colleague.name} is not on duty: transfer to a colleague who is, or release the conversation`);
    }
    const leaseMs = (deps.territories.get(m.territory)?.handoff.leaseSeconds ?? 90) * 1000;
    await deps.queue.transfer(m.territory, id, token, colleague.id, leaseMs, deps.now());
    const note = body.data.note ? maskPersonalData(body.data.note) : '';
    // The note goes with the conversation, for the colleague (and the team): an internal note, never to the citizen.
    await deps.notes
      .add(m.territory, id, { at: deps.now(), mediatorId: m.id, author: m.name, text: note, transferTo: colleague.name })
      .catch((err: unknown) => {
        if (!(err instanceof NotesFull)) throw err; // a full list of notes does not undo the transfer
      });
    await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: 'transfer', handoffId: id });
    res.send(204);
  }));
}
