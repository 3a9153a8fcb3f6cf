/**
 * `POST /api/mediator/handoffs/:id/transfer {to: {mediator: username} | {territory: id}, note?}` → 204 (issue 19): the lease holder
 * hands the conversation to a colleague of the same territory who is on duty (a colleague off duty: 409 NotOnDuty,
 * with the reason). One transition ("transfer": a new holder, a new lease, one event); the citizen is told in one
 * short sentence by the notifier (locales: handoff.transferred); the note, if any, becomes an internal note of
 * the handoff, marked as the transfer's. Another territory's handoff: 404.
 * `{to: {territory: id}}`: to another territory's queue, where someone is on duty (409 NobodyOnDuty otherwise): a
 * new handoff is requested there (the same citizen, guide and step; the transcript followed by this conversation's
 * last messages; the note as its first internal note), then this one moves out ("transfer-territory" → transferred,
 * naming the new one). Two territories are two Redis Cluster slots: two scripts, the new one first; if the move
 * out fails (the lease was lost meanwhile) the new one is cancelled.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import { HandoffNotFound, LeaseLost, type HandoffQueue, type NewHandoff } from '../handoff/queue';
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
      const target = deps.territories.get(to.territory);
      if (!target) return kit.fail(res, 422, 'UnknownTerritory', `to.territory: no territory "${to.territory}"`);
      if (target.id === m.territory) return kit.fail(res, 400, 'BadRequest', 'to.territory: that is your territory (transfer to a colleague instead)');
      if ((await deps.queue.onDutyCount(target.id, deps.now())) === 0) {
        return kit.fail(res, 409, 'NobodyOnDuty', `nobody is on duty in ${target.name}: transfer later, or to a colleague of your territory`);
      }
      const record = await deps.queue.get(m.territory, id);
      if (!record) throw new HandoffNotFound(id);
      const messages = await deps.queue.messages(m.territory, id);
      const { movedTo: _m, ...rest } = record;
      const input: NewHandoff = {
        territory: target.id,
        citizenKey: rest.citizenKey,
        personKey: rest.personKey,
        reference: rest.reference,
        channel: rest.channel,
        locale: rest.locale,
        reason: rest.reason,
        guideId: rest.guideId,
        guideTitle: rest.guideTitle,
        stepId: rest.stepId,
        stepTitle: rest.stepTitle,
        stepNumber: rest.stepNumber,
        stepTotal: rest.stepTotal,
        stage: rest.stage,
        said: rest.said,
        // What happened before, then this conversation (already masked), for the next mediator.
        transcript: [...rest.transcript, ...messages.filter((x) => x.text).map((x) => ({ from: x.from, text: x.text, at: x.at }))].slice(-40),
        priority: rest.priority,
      };
      const { record: moved } = await deps.queue.request(input, deps.now());
      try {
        await deps.queue.moveOut(m.territory, id, token, { territory: target.id, id: moved.id }, deps.now());
      } catch (err) {
        await deps.queue.cancel(target.id, moved.id, deps.now()).catch(() => undefined);
        throw err;
      }
      const text = body.data.note ? maskPersonalData(body.data.note) : '';
      await deps.notes
        .add(target.id, moved.id, { at: deps.now(), mediatorId: m.id, author: `${m.name} (${m.territory})`, text, transferTo: target.name })
        .catch((err: unknown) => {
          if (!(err instanceof NotesFull)) throw err;
        });
      await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: 'transfer', handoffId: id });
      res.send(204);
      return;
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
