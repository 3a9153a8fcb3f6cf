/** Call-back requests of the mediators' API (src/mediator/api.ts mounts them): the list to call, and "done". */
import type { Server } from 'restify';
import { z } from 'zod';
import { OUTCOMES } from '../handoff/states';
import { bad, view, type ApiKit, type MediatorApiDeps } from './apiKit';

const DoneBody = z.object({ outcome: z.enum(OUTCOMES).default('fait-pour') }).strict();

export function mountCallbackRoutes(server: Server, deps: MediatorApiDeps, kit: ApiKit): void {
  const { queue, audit, now } = deps;
  const { auth, json, guard, me } = kit;

  server.get('/api/mediator/callbacks', auth, guard(async (req, res) => {
    const m = me(req);
    const callbacks = (await queue.callbacks(m.territory)).map((r) => ({
      ...view(r),
      phone: r.callbackPhone,
      callAt: r.callbackAt,
    }));
    res.send(200, { callbacks });
  }));

  server.post('/api/mediator/callbacks/:id/done', auth, json, guard(async (req, res) => {
    const body = DoneBody.safeParse(req.body ?? {});
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const id = String(req.params.id);
    await queue.callbackDone(m.territory, id, body.data.outcome, m.id, now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: 'callback-done', handoffId: id, outcome: body.data.outcome });
    res.send(204);
  }));
}
