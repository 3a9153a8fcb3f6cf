/**
 * Internal notes on a handoff (issue 19): `POST /api/mediator/handoffs/:id/notes {text}` → 201 `{note}`, and
 * `GET /api/mediator/handoffs/:id/notes` → `{notes}`; `GET /handoffs/:id` includes them too. For the mediators of
 * the handoff's territory (another territory's handoff: 404), in any state of the handoff (a note after the close
 * is for the next visit); never sent to the citizen; masked like messages; kept and erased with the handoff.
 */
import type { Response, Server } from 'restify';
import { z } from 'zod';
import { HandoffNotFound, type HandoffQueue } from '../handoff/queue';
import { NotesFull, NotesHandoffMissing, type HandoffNote, type HandoffNotes } from '../handoff/notes';
import { maskPersonalData } from '../privacy/mask';
import { HANDOFF_ID, type Authed, type MediatorRouteKit } from './api';
import type { AuditLog } from './audit';

export interface NotesRoutesDeps {
  queue: HandoffQueue;
  notes: HandoffNotes;
  audit: AuditLog;
  now: () => number;
}

const NoteBody = z.object({ text: z.string().trim().min(1, 'empty note').max(2000) }).strict();

export interface NoteView extends HandoffNote {
  index: number;
}

export const noteViews = (notes: HandoffNote[]): NoteView[] => notes.map((n, index) => ({ index, ...n }));

export function mountNotesRoutes(server: Server, kit: MediatorRouteKit, deps: NotesRoutesDeps): void {
  /** The handoff of the caller's territory, else 400 (not an id) or HandoffNotFound (404). */
  const handoffId = async (req: Authed, res: Response): Promise<string | undefined> => {
    const id = String(req.params.id);
    if (!HANDOFF_ID.test(id)) {
      kit.fail(res, 400, 'BadRequest', 'id: not a handoff id');
      return undefined;
    }
    if (!(await deps.queue.get(kit.me(req).territory, id))) throw new HandoffNotFound(id);
    return id;
  };

  server.post('/api/mediator/handoffs/:id/notes', kit.auth, ...kit.json, kit.guard(async (req, res) => {
    const body = NoteBody.safeParse(req.body);
    if (!body.success) return kit.bad(res, body.error);
    const id = await handoffId(req, res);
    if (!id) return;
    const m = kit.me(req);
    const note: HandoffNote = { at: deps.now(), mediatorId: m.id, author: m.name, text: maskPersonalData(body.data.text) };
    let index: number;
    try {
      index = await deps.notes.add(m.territory, id, note);
    } catch (err) {
      if (err instanceof NotesHandoffMissing) throw new HandoffNotFound(id);
      if (err instanceof NotesFull) return kit.fail(res, 409, 'NotesFull', err.message);
      throw err;
    }
    await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: 'note', handoffId: id });
    res.send(201, { note: { index, ...note } });
  }));

  server.get('/api/mediator/handoffs/:id/notes', kit.auth, kit.guard(async (req, res) => {
    const id = await handoffId(req, res);
    if (!id) return;
    res.send(200, { notes: noteViews(await deps.notes.list(kit.me(req).territory, id)) });
  }));
}
