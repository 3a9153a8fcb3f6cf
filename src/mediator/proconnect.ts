/**
 * ProConnect sign-in for mediators (docs/mediator-api.md, "ProConnect"): the OpenID Connect authorization code flow
 * with PKCE (S256), `state` and `nonce`, through the certified `openid-client` library (v6: discovery,
 * buildAuthorizationUrl, authorizationCodeGrant, fetchUserInfo — https://github.com/panva/openid-client), which checks
 * the ID token (issuer, audience, signature, expiry, nonce). The agent is matched by e-mail (case-insensitive) to an
 * enabled account of the territory that a coordinator created: never an account made here. The session is the one a
 * password sign-in gets (cookie; the console reads its CSRF token from GET /api/mediator/me). A ProConnect sign-in
 * counts as a strong one: the territory's `require2fa` does not ask for a TOTP code on top (ProConnect's identity
 * providers authenticate the agent; the docs say why). Every outcome goes to the territory's audit log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import * as oidc from 'openid-client';
import type { ProConnectConfig } from '../config';
import { LOCALES_DIR } from '../paths';
import { escapeHtml } from '../widget/pages';
import type { TerritoryRegistry } from '../territories/registry';
import type { MediatorAccounts } from './accounts';
import type { AuditLog } from './audit';
import type { SessionStore } from './sessions';
import { PENDING_LOGIN_SECONDS, type PendingLogins } from './proconnectStore';
import { COOKIE } from './api';
import { clientIp } from '../security';
import type { AttemptCounter } from './sessions';

/** The claims ProConnect is asked for: the e-mail finds the account; the names are only logged as present, never kept. */
export const PROCONNECT_SCOPE = 'openid email given_name usual_name';
/** Binds a sign-in to the browser that started it (SameSite=Lax: sent back on the provider's redirect). */
export const STATE_COOKIE = 'pasapas_pc';
const PATH = '/api/mediator/proconnect';

export type Refusal = 'off' | 'busy' | 'state' | 'nonce' | 'expired' | 'token' | 'denied' | 'unknown' | 'disabled' | 'unavailable';
const STATUS: Record<Refusal, number> = { off: 404, busy: 429, state: 400, nonce: 400, expired: 400, token: 400, denied: 401, unknown: 403, disabled: 403, unavailable: 503 };

export interface ProConnectDeps {
  config: ProConnectConfig;
  accounts: MediatorAccounts;
  sessions: SessionStore;
  audit: AuditLog;
  pending: PendingLogins;
  territories: TerritoryRegistry;
  production: boolean;
  now: () => number;
  logger: Logger;
  /** Sign-ins started per client address (each keeps a pending entry for 10 minutes): at most 30 per 15 minutes. */
  limiter?: AttemptCounter;
  trustProxy?: boolean | number;
}

type Strings = Record<'title' | 'back' | Refusal, string>;
const START_LIMIT = 30;
const START_WINDOW_MS = 15 * 60_000;

export function loadProConnectStrings(locale: 'fr' | 'en' = 'fr', dir: string = LOCALES_DIR): Strings {
  const doc = parse(readFileSync(join(dir, `proconnect.${locale}.yaml`), 'utf8')) as Record<string, unknown>;
  const keys: (keyof Strings)[] = ['title', 'back', 'off', 'busy', 'state', 'nonce', 'expired', 'token', 'denied', 'unknown', 'disabled', 'unavailable'];
  const missing = keys.filter((k) => typeof doc[k] !== 'string');
  if (missing.length) throw new Error(`proconnect.${locale}.yaml: missing ${missing.join(', ')}`);
  return doc as Strings;
}

/** Which check of the ID token failed, from openid-client's error (its `code` and the claim it names). */
export function refusalOf(err: unknown): Refusal {
  // openid-client wraps oauth4webapi's error, whose `cause` names the claim ({claim: "nonce", …}): read the whole chain.
  const parts: string[] = [];
  let e = err as { code?: unknown; message?: unknown; claim?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    parts.push(String(e.code ?? ''), String(e.message ?? ''), String(e.claim ?? ''));
    e = e.cause as typeof e;
  }
  const text = parts.join(' ');
  if (/\bnonce\b/i.test(text)) return 'nonce';
  if (/TIMESTAMP_CHECK|\bexp\b|expired/i.test(text)) return 'expired';
  if (/\bstate\b/i.test(text)) return 'state';
  if (/access_denied|login_required/.test(text)) return 'denied';
  return 'token';
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function mountProConnect(server: Server, deps: ProConnectDeps): void {
  const { config, now, audit } = deps;
  const strings = loadProConnectStrings('fr');
  const secure = deps.production ? '; Secure' : '';
  // A plain-http issuer only outside production (a local provider in tests and development).
  const insecure = !deps.production && config.issuer.startsWith('http:');
  let discovered: Promise<oidc.Configuration> | undefined;
  const provider = () => {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, { client_secret: config.clientSecret, userinfo_signed_response_alg: 'RS256' }, oidc.ClientSecretPost(config.clientSecret), insecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = undefined; // tried again on the next sign-in
        throw err;
      });
    return discovered;
  };
  const enabled = (territory: string) => Boolean(deps.territories.get(territory)?.security.proconnect);

  const page = (res: Response, reason: Refusal) => {
    const body = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(strings.title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/mediator/static/console-style.css"></head>
<body><main class="pc-login"><h1>${escapeHtml(strings.title)}</h1><p role="alert" data-reason="${reason}">${escapeHtml(strings[reason])}</p>
<p><a href="/mediator/">${escapeHtml(strings.back)}</a></p></main></body></html>`;
    if (reason === 'unavailable') res.header('Retry-After', '30');
    if (reason === 'busy') res.header('Retry-After', String(START_WINDOW_MS / 1000));
    res.writeHead(STATUS[reason], { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Set-Cookie': `${STATE_COOKIE}=; HttpOnly; SameSite=Lax; Path=${PATH}; Max-Age=0${secure}` });
    res.end(body);
  };
  const refuse = async (res: Response, territory: string | undefined, reason: Refusal, detail?: Record<string, unknown>) => {
    deps.logger.warn({ territory, reason, ...detail }, 'ProConnect sign-in refused');
    if (territory && deps.territories.get(territory)) {
      await audit.write(territory, { at: now(), mediatorId: 'proconnect', action: 'proconnect-refused', detail: reason, ...(detail?.target ? { target: String(detail.target) } : {}) });
    }
    page(res, reason);
  };

  server.get(`${PATH}/login`, async (req: Request, res: Response) => {
    const territory = new URL(req.url ?? '', 'http://x').searchParams.get('territory') ?? '';
    try {
      if (!/^[a-z0-9-]{1,60}$/.test(territory) || !enabled(territory)) return await refuse(res, undefined, 'off', { territory: territory.slice(0, 60) });
      if (deps.limiter && !(await deps.limiter.hit(`login:pc:${clientIp(req, deps.trustProxy ?? false)}`, START_LIMIT, START_WINDOW_MS, now()))) {
        return await refuse(res, territory, 'busy');
      }
      const cfg = await provider();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      await deps.pending.put(state, { territory, nonce, codeVerifier }, now());
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: config.redirectUrl,
        scope: PROCONNECT_SCOPE,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      res.writeHead(302, {
        Location: url.href,
        'Cache-Control': 'no-store',
        'Set-Cookie': `${STATE_COOKIE}=${encodeURIComponent(state)}; HttpOnly; SameSite=Lax; Path=${PATH}; Max-Age=${PENDING_LOGIN_SECONDS}${secure}`,
      });
      res.end();
    } catch (err) {
      deps.logger.error({ err }, 'ProConnect sign-in could not start');
      page(res, 'unavailable');
    }
  });

  server.get(`${PATH}/callback`, async (req: Request, res: Response) => {
    let territory: string | undefined;
    try {
      const query = new URL(req.url ?? '', 'http://x').searchParams;
      const state = query.get('state') ?? '';
      const pending = state ? await deps.pending.take(state, now()) : undefined;
      territory = pending?.territory;
      // The state must be one we issued, not used yet, and started by this very browser.
      if (!pending || cookieOf(req, STATE_COOKIE) !== state) return await refuse(res, territory, 'state');
      if (query.get('error')) return await refuse(res, territory, 'denied', { error: query.get('error')?.slice(0, 60) });
      const cfg = await provider();
      const current = new URL(config.redirectUrl);
      current.search = query.toString();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(cfg, current, { pkceCodeVerifier: pending.codeVerifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
      } catch (err) {
        const reason = refusalOf(err);
        return await refuse(res, territory, reason, { error: (err as Error)?.message?.slice(0, 200) });
      }
      const claims = tokens.claims();
      if (!claims) return await refuse(res, territory, 'token');
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      if (!email) {
        const info = await oidc.fetchUserInfo(cfg, tokens.access_token, claims.sub);
        email = typeof info.email === 'string' ? info.email : undefined;
      }
      const account = email ? await deps.accounts.findByEmail(pending.territory, email) : undefined;
      if (!account || (account.demo && deps.production)) return await refuse(res, territory, 'unknown');
      if (account.disabled) return await refuse(res, territory, 'disabled', { target: account.id });
      const { token } = await deps.sessions.create(account, now());
      await audit.write(pending.territory, { at: now(), mediatorId: account.id, action: 'login', detail: 'proconnect' });
      res.writeHead(303, {
        Location: '/mediator/',
        'Cache-Control': 'no-store',
        'Set-Cookie': [
          `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure}`,
          `${STATE_COOKIE}=; HttpOnly; SameSite=Lax; Path=${PATH}; Max-Age=0${secure}`,
        ] as unknown as string,
      });
      res.end();
    } catch (err) {
      deps.logger.error({ err, territory }, 'ProConnect sign-in failed');
      page(res, 'unavailable');
    }
  });
}
