/**
 * The handoff routes of the mediators' API (src/mediator/api.ts mounts them): the queue, claim (within the
 * mediator's capacity), heartbeat, one handoff with its conversation, messages to the citizen (if they can be
 * reached), release and close. Every lookup is under the session's territory.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import { HandoffNotFound, LeaseLost } from '../handoff/queue';
import { IllegalTransition, OUTCOMES } from '../handoff/states';
import { maskPersonalData } from '../privacy/mask';
import { heldBy } from './capacity';
import { messageViews } from './messageView';
import { HANDOFF_ID, bad, fail, view, type ApiKit, type Authed, type MediatorApiDeps } from './apiKit';

const MessageBody = z.object({ text: z.string().trim().min(1, 'empty message').max(2000) }).strict();
const CloseBody = z.object({ outcome: z.enum(OUTCOMES), note: z.string().max(2000).optional() }).strict();

const UNREACHABLE: Record<'unknown-address' | 'opted-out' | 'outside-window', [string, string]> = {
  'opted-out': ['CitizenStopped', 'the citizen wrote STOP: nothing can be sent to them'],
  'outside-window': ['OutsideWindow', 'WhatsApp allows free messages only within 24 hours of the citizen\'s last message, and no template is configured'],
  'unknown-address': ['CitizenGone', 'the citizen\'s contact has expired (retention period)'],
};

export function mountHandoffRoutes(server: Server, deps: MediatorApiDeps, kit: ApiKit): void {
  const { queue, audit, now } = deps;
  const { auth, json, guard, me } = kit;

  server.get('/api/mediator/queue', auth, guard(async (req, res) => {
    const m = me(req);
    const waiting = await queue.waiting(m.territory);
    const mine = await heldBy(queue, m.territory, m.id);
    const capacity = (await deps.accounts.get(m.territory, m.username))?.capacity ?? null;
    // `now`: the server's clock, so a console on a computer whose clock is wrong still shows true waits.
    // `atCapacity`: the mediator holds as many as their capacity (set by a coordinator): a claim would be refused.
    res.send(200, { waiting: waiting.map((r, i) => view(r, i + 1)), mine: mine.map((r) => view(r)), now: now(), capacity, atCapacity: capacity !== null && mine.length >= capacity });
  }));

  server.post('/api/mediator/handoffs/:id/claim', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    const territory = deps.territories.get(m.territory);
    const account = await deps.accounts.get(m.territory, m.username);
    if (account?.capacity !== undefined) {
      const held = (await heldBy(queue, m.territory, m.id)).length;
      if (held >= account.capacity) return fail(res, 409, 'AtCapacity', `you already have ${held} conversation(s) and your capacity is ${account.capacity}: close or release one first`);
    }
    let claim;
    try {
      claim = await queue.claim(m.territory, id, m.id, (territory?.handoff.leaseSeconds ?? 90) * 1000, now());
    } catch (err) {
      if (err instanceof IllegalTransition && err.state === 'with_mediator') return fail(res, 409, 'AlreadyClaimed', 'déjà pris');
      throw err;
    }
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'claim', handoffId: id });
    const messages = messageViews(id, await queue.messages(m.territory, id));
    res.send(200, { handoff: view(claim.record), transcript: claim.record.transcript, messages, leaseExpiresAt: claim.leaseExpiresAt });
  }));

  const lease = async (req: Authed): Promise<string> => {
    const m = me(req);
    const id = String(req.params.id);
    const token = await queue.leaseOf(m.territory, id, m.id);
    if (!token) {
      if (!(await queue.get(m.territory, id))) throw new HandoffNotFound(id);
      throw new LeaseLost(id);
    }
    return token;
  };

  server.post('/api/mediator/handoffs/:id/heartbeat', auth, guard(async (req, res) => {
    const m = me(req);
    const t = deps.territories.get(m.territory);
    const leaseExpiresAt = await queue.heartbeat(m.territory, String(req.params.id), await lease(req), (t?.handoff.leaseSeconds ?? 90) * 1000, now());
    res.send(200, { leaseExpiresAt });
  }));

  /**
   * One handoff of the caller's territory with everything the console shows of it, so a reload rebuilds a
   * conversation: the masked transcript before the handoff and every message since. `notes` and `previous` are
   * empty until internal notes and earlier visits exist (issue 19).
   */
  server.get('/api/mediator/handoffs/:id', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    if (!HANDOFF_ID.test(id)) return fail(res, 400, 'BadRequest', 'id: not a handoff id');
    const record = await queue.get(m.territory, id);
    if (!record) throw new HandoffNotFound(id);
    const messages = messageViews(id, await queue.messages(m.territory, id));
    const [notes, previous] = deps.detail ? await Promise.all([deps.detail.notes(m.territory, id), deps.detail.previous(m.territory, record)]) : [[], []];
    res.send(200, { handoff: view(record), transcript: record.transcript, messages, notes, previous });
  }));

  server.get('/api/mediator/handoffs/:id/messages', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    if (!(await queue.get(m.territory, id))) throw new HandoffNotFound(id);
    const after = Math.max(0, Number(new URLSearchParams(req.getQuery() ?? '').get('after') ?? 0) || 0);
    const messages = messageViews(id, await queue.messages(m.territory, id, after), after);
    res.send(200, { messages });
  }));

  server.post('/api/mediator/handoffs/:id/messages', auth, json, guard(async (req, res) => {
    const body = MessageBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const id = String(req.params.id);
    await lease(req);
    const record = await queue.get(m.territory, id);
    if (!record) throw new HandoffNotFound(id);
    const reach = deps.reachability ? await deps.reachability(record.reference) : { ok: true as const, later: false };
    if (!reach.ok) {
      const [code, message] = UNREACHABLE[reach.reason];
      return fail(res, 422, code, message);
    }
    await queue.addMessage(m.territory, id, { at: now(), from: 'mediator', text: maskPersonalData(body.data.text), mediatorId: m.id });
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'message', handoffId: id });
    res.send(201, { index: (await queue.messages(m.territory, id)).length - 1, delivery: reach.later ? 'when-citizen-writes' : 'now' });
  }));

  server.post('/api/mediator/handoffs/:id/release', auth, guard(async (req, res) => {
    const m = me(req);
    const id = String(req.params.id);
    await queue.release(m.territory, id, await lease(req), now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'release', handoffId: id });
    res.send(204);
  }));

  server.post('/api/mediator/handoffs/:id/close', auth, json, guard(async (req, res) => {
    const body = CloseBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const id = String(req.params.id);
    await queue.close(m.territory, id, await lease(req), body.data.outcome, maskPersonalData(body.data.note ?? ''), now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'close', handoffId: id, outcome: body.data.outcome });
    res.send(204);
  }));
}
