/**
 * `GET /api/mediator/sms-budget` (coordinators): the territory's monthly SMS budget this month —
 * {budget, used, skipped, month, warning, exhausted} (docs/sms-operators.md, "Monthly SMS budget").
 * Same authentication and error boundary as the rest of the mediator API (its kit); Redis away → 503.
 */
import type { Server } from 'restify';
import type { SmsBudgetStatus } from '../territories/smsBudget';
import { coordinator } from './coordinatorApi';
import type { MediatorApiKit } from './api';

export function mountSmsBudgetRoute(server: Server, kit: MediatorApiKit, status: (territory: string) => Promise<SmsBudgetStatus>): void {
  server.get('/api/mediator/sms-budget', kit.auth, kit.guard(async (req, res) => {
    if (!coordinator(req, res)) return;
    res.send(200, await status(req.session!.mediator.territory));
  }));
}
