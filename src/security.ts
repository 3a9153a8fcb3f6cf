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

/** The ids of ours a URL path carries (conversations, files, handoffs): base64url or a UUID, 64 characters at most. */
export const PATH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A pattern of paths whose capturing groups are ids, each with its name and, optionally, a stricter shape. */
export interface PathIdRule {
  path: RegExp;
  names: string[];
  valid?: RegExp;
}

/**
 * Why a path cannot name one of our ids (undefined: it can, or no rule concerns it): "conversation id: 3000
 * characters, at most 64". Read from the raw path, before the router (find-my-way answers 404 to a segment of over
 * 100 characters) and before any store: an id that cannot be ours never reaches Redis. An empty segment is left
 * to the router.
 */
export function pathIdProblem(rawPath: string, rules: PathIdRule[]): string | undefined {
  const path = rawPath.split('?')[0];
  for (const rule of rules) {
    const m = rule.path.exec(path);
    if (!m) continue;
    for (const [i, name] of rule.names.entries()) {
      const raw = m[i + 1];
      if (!raw) continue;
      const why = idProblem(raw, rule.valid ?? PATH_ID);
      if (why) return `${name}: ${why}, it cannot be one of ours`;
    }
  }
  return undefined;
}

function idProblem(raw: string, valid: RegExp): string | undefined {
  if (raw.length > 256) return `${raw.length} characters in the path, far too long`;
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return 'a malformed %-escape';
  }
  if (PATH_ID.test(id) && valid.test(id)) return undefined;
  if (id.length > 64) return `${id.length} characters, at most 64`;
  return /^[A-Za-z0-9_-]*$/.test(id) ? 'not the shape of our ids' : 'only letters, digits, - and _ are allowed';
}
