/** Secret comparisons in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';

export function safeEqual(a: string, b: string): boolean {
  // Hash both so lengths match and nothing leaks through timing.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m !== null && safeEqual(m[1].trim(), token);
}

/** What clientIp reads of a request: restify's (header()) or a plain Node one (headers), and its socket. */
export interface ClientRequest {
  header?(name: string): string | undefined;
  headers?: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

/**
 * The client's IP for rate limits: the socket's, or — behind trusted reverse proxies (TRUST_PROXY) —
 * the address the nearest trusted proxy appended to X-Forwarded-For. The left-most entries are
 * whatever the client sent (it can forge them): with `hops` proxies in front of us, the client's
 * address is the hops-th from the right. `true` is one proxy, `false` or 0 none.
 */
export function clientIp(req: ClientRequest, trustProxy: boolean | number): string {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  if (hops > 0) {
    const raw = req.header ? req.header('x-forwarded-for') : req.headers?.['x-forwarded-for'];
    const list = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the farthest one known (the client cannot shorten the list).
    if (list.length > 0) return list[Math.max(0, list.length - hops)];
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
