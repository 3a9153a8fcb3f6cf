/**
 * Webhooks of providers that sign nothing (OVHcloud, Brevo): the caller proves itself with a secret in the
 * URL path, one per credential set, and optionally by calling from an allowed address. Both are checked
 * before the body is read (docs/channels.md, "Authentication").
 */
import { BlockList, isIPv4 } from 'node:net';
import { safeEqual } from '../../security';

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
