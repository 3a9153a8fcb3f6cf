/**
 * The mediator's session routes (src/mediator/api.ts mounts them): login (its limits: per account and address,
 * per address, and slowed down — never locked — per account), logout, who am I, and being on duty.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import { clientIp } from '../security';
import { COOKIE, bad, fail, type ApiKit, type MediatorApiDeps } from './apiKit';

const LOGIN_WINDOW_MS = 15 * 60_000;
/** Attempts for one account from one client address per window; then 429 (for that address only). */
export const LOGIN_MAX_PER_ACCOUNT_AND_IP = 5;
const LOGIN_MAX_PER_IP = 30;
/**
 * Failed logins of one account from any address per window before each attempt is slowed down
 * (never refused: a stranger must not be able to lock a mediator out): 0.5 s more per failure past
 * the threshold, at most 5 s.
 */
export const LOGIN_SLOWDOWN_AFTER = 20;
const LOGIN_SLOWDOWN_STEP_MS = 500;
const LOGIN_SLOWDOWN_MAX_MS = 5_000;

/** How long one more login of an account is slowed down after this many failures in the window. */
export function loginSlowdownMs(failures: number): number {
  return failures < LOGIN_SLOWDOWN_AFTER ? 0 : Math.min(LOGIN_SLOWDOWN_MAX_MS, (failures - LOGIN_SLOWDOWN_AFTER + 1) * LOGIN_SLOWDOWN_STEP_MS);
}

const Login = z.object({
  territory: z.string().min(1).max(60),
  username: z.string().min(1).max(60),
  password: z.string().min(1).max(200),
  /** The authenticator app's 6 digits, or a recovery code, when the account has a second factor. */
  code: z.string().max(20).optional(),
}).strict();
const PresenceBody = z.object({ onDuty: z.boolean() }).strict();

export function mountSessionRoutes(server: Server, deps: MediatorApiDeps, kit: ApiKit): void {
  const { queue, audit, now } = deps;
  const { auth, json, guard, me, jsonOnly, sameOrigin } = kit;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  server.post('/api/mediator/login', jsonOnly(true), sameOrigin, json, guard(async (req, res) => {
    const body = Login.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const { territory, username, password } = body.data;
    const ip = clientIp(req, deps.trustProxy ?? false);
    // The strict limit is per (account, address): someone else's wrong passwords never lock a mediator out.
    const pairKey = `login:acct-ip:${territory}:${username}:${ip}`;
    const accountKey = `login:acct:${territory}:${username}`;
    const [byPair, byIp] = await Promise.all([
      deps.limiter.hit(pairKey, LOGIN_MAX_PER_ACCOUNT_AND_IP, LOGIN_WINDOW_MS, now()),
      deps.limiter.hit(`login:ip:${ip}`, LOGIN_MAX_PER_IP, LOGIN_WINDOW_MS, now()),
    ]);
    if (!byPair || !byIp) {
      res.header('Retry-After', String(LOGIN_WINDOW_MS / 1000));
      return fail(res, 429, 'TooManyAttempts', 'too many attempts: wait 15 minutes');
    }
    // Per account, from every address: slowed down past a threshold, never refused.
    const delay = loginSlowdownMs(await deps.limiter.count(accountKey, now()));
    if (delay > 0) await sleep(delay);
    const mediator = await deps.accounts.verify(territory, username, password);
    if (!mediator || (mediator.demo && deps.production)) {
      const failures = await deps.limiter.increment(accountKey, LOGIN_WINDOW_MS, now());
      if (failures === LOGIN_SLOWDOWN_AFTER) await slowedDown(territory, username);
      return fail(res, 401, 'Unauthorized', 'wrong territory, username or password');
    }
    // Only after the right password: a disabled account is not revealed to someone guessing.
    if (mediator.disabled) return fail(res, 403, 'AccountDisabled', 'this account is disabled: ask your coordinator');
    const second = deps.twoFactor ? await deps.twoFactor.atLogin(mediator, body.data.code, now()) : 'ok';
    if (second === 'required') return fail(res, 401, 'TwoFactorRequired', 'enter the 6-digit code of your authenticator app (or a recovery code)');
    if (second === 'wrong') {
      // Counted like a wrong password (the limits above apply to codes too).
      await deps.limiter.increment(accountKey, LOGIN_WINDOW_MS, now());
      await audit.write(territory, { at: now(), mediatorId: mediator.id, action: 'two-factor-failed' });
      return fail(res, 401, 'TwoFactorWrong', 'wrong or already used code');
    }
    await deps.limiter.reset(pairKey);
    const { token, session } = await deps.sessions.create(second === 'setup' ? { ...mediator, twoFactorSetupRequired: true } : mediator, now());
    await audit.write(territory, { at: now(), mediatorId: mediator.id, action: 'login' });
    res.header(
      'Set-Cookie',
      // No Max-Age: a browser-session cookie; the server ends the session after the idle timeout, renewed by each request.
      `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${deps.production ? '; Secure' : ''}`,
    );
    res.send(200, { token, csrfToken: session.csrf, mediator: session.mediator });
  }));

  /** An account's logins are being slowed down: a warning in the log and a line in the territory's audit. */
  const slowedDown = async (territory: string, username: string) => {
    const account = deps.territories.get(territory) ? await deps.accounts.get(territory, username) : undefined;
    deps.logger.warn(
      { territory, mediatorId: account?.id, failures: LOGIN_SLOWDOWN_AFTER, windowMinutes: LOGIN_WINDOW_MS / 60_000 },
      'many failed logins for one account from several addresses: its logins are slowed down (never locked)',
    );
    if (account) await audit.write(territory, { at: now(), mediatorId: account.id, action: 'login-slowed' });
  };

  server.post('/api/mediator/logout', auth, guard(async (req, res) => {
    await deps.sessions.destroy(req.token!);
    await queue.setPresence(me(req).territory, me(req).id, false, 0, now());
    await audit.write(me(req).territory, { at: now(), mediatorId: me(req).id, action: 'logout' });
    res.header('Set-Cookie', `${COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.send(204);
  }));

  server.get('/api/mediator/me', auth, guard(async (req, res) => {
    const m = me(req);
    const onDuty = await isOnDuty(m.territory, m.id);
    // The CSRF token too: a console signed in through ProConnect (a redirect, no JSON answer) learns it here.
    res.send(200, { ...m, onDuty, idleTimeoutSeconds: deps.idleTimeoutSeconds, csrfToken: req.session!.csrf });
  }));

  /** Presence expires with the session's idle time; asking for it renews it while on duty. */
  const isOnDuty = async (territory: string, id: string) => {
    const on = await queue.isOnDuty(territory, id, now());
    if (on) await queue.setPresence(territory, id, true, deps.idleTimeoutSeconds * 1000, now());
    return on;
  };

  server.post('/api/mediator/presence', auth, json, guard(async (req, res) => {
    const body = PresenceBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const m = me(req);
    await queue.setPresence(m.territory, m.id, body.data.onDuty, deps.idleTimeoutSeconds * 1000, now());
    await audit.write(m.territory, { at: now(), mediatorId: m.id, action: body.data.onDuty ? 'on-duty' : 'off-duty' });
    res.send(200, { onDuty: body.data.onDuty });
  }));
}
