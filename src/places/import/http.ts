/**
 * GET a JSON document from a public API, with retries: a network error, a timeout, 429 or a 5xx is
 * tried again after a growing delay (1 s, 2 s, 4 s… or the server's Retry-After, at most 60 s);
 * any other status is final. The error says which URL and why, never the token.
 */

export interface HttpOptions {
  /** Extra headers (Authorization for data·inclusion). */
  headers?: Record<string, string>;
  /** Attempts in all (default 4). */
  attempts?: number;
  /** First delay between attempts, doubled each time (default 1,000 ms). */
  baseDelayMs?: number;
  /** One attempt's time limit (default 60 s: a page of 1,000 places is a few MB). */
  timeoutMs?: number;
  /** Injected in tests, so that they wait for nothing. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const MAX_DELAY_MS = 60_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The URL without its query string's secrets (none today) and capped, for messages and logs. */
function shown(url: string): string {
  return url.length > 200 ? `${url.slice(0, 197)}...` : url;
}

export async function getJson(url: string, options: HttpOptions = {}): Promise<unknown> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? realSleep;
  const doFetch = options.fetch ?? fetch;
  let delay = options.baseDelayMs ?? 1000;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait = delay;
    try {
      const res = await doFetch(url, {
        headers: { accept: 'application/json', 'user-agent': 'pasapas-import-places', ...options.headers },
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
      if (res.ok) {
        const text = await res.text();
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new HttpError(`${shown(url)}: the answer is not JSON (${text.slice(0, 60).replace(/\s+/g, ' ')}…)`, res.status);
        }
      }
      await res.body?.cancel().catch(() => undefined);
      if (res.status !== 429 && res.status < 500) {
        const why = res.status === 401 || res.status === 403 ? ' (token missing, wrong or expired?)' : '';
        throw new HttpError(`${shown(url)}: HTTP ${res.status}${why}`, res.status);
      }
      last = `HTTP ${res.status}`;
      wait = retryAfterMs(res.headers.get('retry-after')) ?? delay;
    } catch (err) {
      if (err instanceof HttpError) throw err;
      const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
      last = (err as Error).name === 'TimeoutError' ? 'timed out' : `${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
    }
    if (attempt < attempts) await sleep(Math.min(wait, MAX_DELAY_MS));
    delay *= 2;
  }
  throw new HttpError(`${shown(url)}: ${last} after ${attempts} attempts`);
}
