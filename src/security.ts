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

/**
 * The client's IP for rate limits: the socket's, or — behind a trusted reverse proxy (TRUST_PROXY) —
 * the first address of X-Forwarded-For.
 */
export function clientIp(req: { header(name: string): string | undefined; socket?: { remoteAddress?: string } }, trustProxy: boolean): string {
  if (trustProxy) {
    const first = (req.header('x-forwarded-for') ?? '').split(',')[0].trim();
    if (first) return first;
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
