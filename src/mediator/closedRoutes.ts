/**
 * `GET /api/mediator/closed` (issue 19): the caller's territory's closed conversations within the retention period,
 * newest first, filtered by outcome, guide, day of the close (from/to, Europe/Paris days as YYYY-MM-DD) and text.
 * The text is looked for in what is stored for mediators only — the masked transcript, the masked messages and the
 * close note (masked) — case and accents ignored. Found through the territory's event stream (its last 10,000 events,
 * within retention). Any mediator of the territory; never another territory's.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import type { HandoffQueue, HandoffRecord } from '../handoff/queue';
import { OUTCOMES } from '../handoff/states';
import { dayOf } from '../stats/recorder';
import { fold } from '../text/fold';
import { view, type MediatorRouteKit } from './api';

export interface ClosedRoutesDeps {
  queue: HandoffQueue;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const Query = z
  .object({
    outcome: z.enum(OUTCOMES).optional(),
    guide: z.string().regex(/^[a-z0-9-]{1,60}$/, 'a guide id').optional(),
    from: z.string().regex(DAY, 'a day YYYY-MM-DD').optional(),
    to: z.string().regex(DAY, 'a day YYYY-MM-DD').optional(),
    q: z.string().trim().min(2, 'at least 2 characters').max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict()
  .refine((x) => !x.from || !x.to || x.from <= x.to, { message: 'from ≤ to', path: ['from'] });

export function mountClosedRoutes(server: Server, kit: MediatorRouteKit, deps: ClosedRoutesDeps): void {
  server.get('/api/mediator/closed', kit.auth, kit.guard(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(req.getQuery() ?? ''));
    const query = Query.safeParse(params);
    if (!query.success) return kit.bad(res, query.error);
    const f = query.data;
    const m = kit.me(req);
    // Closed handoffs of the territory, newest close first.
    const ids: string[] = [];
    for (const e of await deps.queue.events(m.territory, '0', 10_000)) {
      if ((e.transition === 'close' || e.transition === 'callback-done') && !ids.includes(e.id)) ids.push(e.id);
    }
    const needle = f.q ? fold(f.q) : undefined;
    const found: Array<ReturnType<typeof view> & { closedAt?: number; outcome?: string; note?: string }> = [];
    for (const id of ids.reverse()) {
      if (found.length >= f.limit) break;
      const r = await deps.queue.get(m.territory, id);
      if (!r || r.state !== 'closed') continue;
      const day = r.closedAt === undefined ? undefined : dayOf(r.closedAt);
      if (f.outcome && r.outcome !== f.outcome) continue;
      if (f.guide && r.guideId !== f.guide) continue;
      if (f.from && (!day || day < f.from)) continue;
      if (f.to && (!day || day > f.to)) continue;
      if (needle && !(await matches(deps.queue, r, needle))) continue;
      found.push({ ...view(r), closedAt: r.closedAt, outcome: r.outcome, note: r.note || undefined });
    }
    res.send(200, { handoffs: found });
  }));
}

/** The needle in the masked text kept for mediators: transcript, messages, close note. */
async function matches(queue: HandoffQueue, r: HandoffRecord, needle: string): Promise<boolean> {
  const texts = [...r.transcript.map((l) => l.text), r.note ?? ''];
  if (texts.some((t) => fold(t).includes(needle))) return true;
  return (await queue.messages(r.territory, r.id)).some((x) => fold(x.text).includes(needle));
}
