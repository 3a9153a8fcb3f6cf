/**
 * Webhooks of providers that sign nothing (OVHcloud, Brevo): the caller proves itself with a secret in the
 * URL path, one per credential set, and optionally by calling from an allowed address. Both are checked
 * before the body is read (docs/channels.md, "Authentication").
 */
import { BlockList, isIPv4 } from 'node:net';
import type { Request, Response } from 'restify';
import { clientIp, safeEqual } from '../../security';
import { refuse } from './answers';

/** The credential set whose secret this is; every set is compared (no early exit). */
export function accountOfSecret<C>(accounts: { default?: C; named: Record<string, C> }, secret: string, secretOf: (c: C) => string): C | undefined {
  let found: C | undefined;
  for (const a of [accounts.default, ...Object.values(accounts.named)]) if (a && safeEqual(secretOf(a), secret)) found = a;
  return found;
}

/** Is this address in the allow-list (addresses and IPv4 /nn ranges)? An empty list allows any. */
export function ipAllowed(allowed: string[], ip: string): boolean {
  if (allowed.length === 0) return true;
  const list = new BlockList();
  for (const entry of allowed) {
    const [address, bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits) list.addSubnet(address, Number(bits), type);
    else list.addAddress(address, type);
  }
  const plain = ip.replace(/^::ffff:/, '');
  return list.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
}

export interface SecretCheck<C> {
  accounts: { default?: C; named: Record<string, C> };
  secretOf(c: C): string;
  /** The set of the territory that claims this set's address (its number, its sender). */
  ownerOf(c: C): C | undefined;
  trustProxyHops: number;
  /** What the refusals say: the unknown secret (401), the allow-list's variable (403), a set not its territory's (403). */
  say: { unknown: string; allowList: string; notOwner: string };
}

/**
 * The credential set a request proves to be, before its body is read: the path's `:secret`, the caller's
 * address in that set's allow-list, the set being the one of the territory claiming its address. Otherwise
 * the request is refused (401/403, the body drained unread) and undefined returned.
 */
export function authenticateBySecret<C extends { allowedIps: string[] }>(req: Request, res: Response, check: SecretCheck<C>): C | undefined {
  const account = accountOfSecret(check.accounts, String(req.params?.secret ?? ''), check.secretOf);
  const refusal: [401 | 403, string] | undefined = !account
    ? [401, check.say.unknown]
    : !ipAllowed(account.allowedIps, clientIp(req, check.trustProxyHops))
      ? [403, `caller address not in ${check.say.allowList}`]
      : check.ownerOf(account) !== account
        ? [403, check.say.notOwner]
        : undefined;
  if (!refusal) return account;
  req.resume();
  refuse(res, refusal[0], refusal[1]);
  return undefined;
}
