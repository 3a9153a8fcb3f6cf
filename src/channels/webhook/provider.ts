/**
 * Calls to a messaging provider's API (Twilio, WhatsApp Cloud API, Telegram Bot API): a timeout,
 * a few retries on network errors, 429 and 5xx, and an error that says which call failed without
 * carrying the message text or the address (they must not reach the logs).
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${provider}: HTTP ${status}${detail ? ` (${detail})` : ''}`);
    this.name = 'ProviderError';
  }
}

export interface ProviderCall {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  retries?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST and return the parsed JSON answer (or {} when none). */
export async function callProvider(call: ProviderCall): Promise<unknown> {
  const retries = call.retries ?? 2;
  let lastError: Error = new ProviderError(call.provider, 0, 'not called');
  let staleRetried = false;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(100 * 2 ** attempt);
    let res: Response;
    try {
      res = await fetch(call.url, {
        method: 'POST',
        headers: call.headers,
        body: call.body,
        signal: AbortSignal.timeout(call.timeoutMs ?? 5000),
      });
    } catch (err) {
      lastError = new ProviderError(call.provider, 0, (err as Error).name);
      // A kept-alive connection the provider closed while we were idle: the request never reached it. Once, at
      // once, on a new connection (else an SMS would wait for the outbox's backoff, after the ones behind it).
      if (!staleRetried && isStaleConnection(err)) {
        staleRetried = true;
        attempt -= 1;
      }
      continue;
    }
    const text = await res.text();
    if (res.ok) {
      try {
        return text ? JSON.parse(text) : {};
      } catch {
        return {};
      }
    }
    lastError = new ProviderError(call.provider, res.status, providerCode(text));
    if (res.status !== 429 && res.status < 500) break;
  }
  throw lastError;
}

function isStaleConnection(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } }).cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}

/** The provider's error code only (never its message, which may quote what we sent). */
function providerCode(text: string): string {
  try {
    const j = JSON.parse(text) as { code?: unknown; error?: { code?: unknown }; error_code?: unknown };
    const code = j.code ?? j.error?.code ?? j.error_code;
    return code === undefined ? '' : `code ${String(code)}`;
  } catch {
    return '';
  }
}
