/**
 * Two-factor routes of the mediator API (docs/mediator-api.md, "Two-factor sign-in"), for every mediator about their
 * own account: state, enrolment (QR code), confirmation (recovery codes shown once). A session that must enrol
 * first (the territory requires it) may use these and nothing else. Confirming ends the person's sessions: they sign
 * in again, with a code.
 */
import type { Response, Server } from 'restify';
import { z } from 'zod';
import type { AuditLog } from './audit';
import type { SessionStore } from './sessions';
import type { TwoFactor } from './twoFactor';
import { bad, fail, type Authed, type MediatorApiKit } from './api';

const ConfirmBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '6 digits from the authenticator app') }).strict();

export function mountTwoFactorApi(server: Server, kit: MediatorApiKit, deps: { twoFactor: TwoFactor; sessions: SessionStore; audit: AuditLog; now: () => number }): void {
  const { auth, json, guard } = kit;
  const me = (req: Authed) => req.session!.mediator;

  server.get('/api/mediator/2fa', auth, guard(async (req: Authed, res: Response) => {
    const m = me(req);
    res.send(200, { enabled: await deps.twoFactor.enabled(m.territory, m.username), required: deps.twoFactor.required(m.territory), setupRequired: Boolean(m.twoFactorSetupRequired) });
  }));

  server.post('/api/mediator/2fa/setup', auth, guard(async (req, res) => {
    const setup = await deps.twoFactor.setup(me(req));
    if (!setup) return fail(res, 409, 'AlreadyEnabled', 'two-factor sign-in is already on for this account (a coordinator can reset it)');
    res.send(200, setup);
  }));

  server.post('/api/mediator/2fa/confirm', auth, json, guard(async (req, res) => {
    const body = ConfirmBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    const r = await deps.twoFactor.confirm(m, body.data.code, deps.now());
    if (r === 'no-setup') return fail(res, 409, 'NoSetup', 'start with POST /api/mediator/2fa/setup');
    if (r === 'wrong') return fail(res, 400, 'WrongCode', 'code: not the current code of this QR code (check the phone\'s time)');
    await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: 'two-factor-on' });
    // Every session ends, this one included: the next sign-in asks for a code.
    await deps.sessions.endAll(m.territory, m.username);
    res.send(200, r);
  }));
}
