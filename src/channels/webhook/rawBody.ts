/**
 * Webhook bodies are read raw: signatures are computed over the exact bytes (WhatsApp) or the
 * exact form fields (Twilio), before anything is parsed or used. A body over the limit is refused
 * with 413 as soon as its declared or received size says so; a body still incomplete after the
 * deadline (a client sending a byte at a time, before any signature could be checked) with 408, and
 * its connection is closed.
 */
import type { Request, Response } from 'restify';
import { refuse } from './answers';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

export class BodyTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`body not received within ${timeoutMs} ms`);
    this.name = 'BodyTimeout';
  }
}

export function readRawBody(req: Request, limit: number, timeoutMs?: number): Promise<Buffer> {
  const declared = Number(req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          if (done) return;
          done = true;
          // Stop reading what is still trickling in; the answer closes the connection (closeAfter).
          req.pause();
          reject(new BodyTimeout(timeoutMs));
        }, timeoutMs)
      : undefined;
    const finish = () => {
      done = true;
      if (timer) clearTimeout(timer);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish();
        reject(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        finish();
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (err) => {
      if (!done) {
        finish();
        reject(err);
      }
    });
  });
}

/** The connection of a request whose body was not read to its end is not reused: closed once answered. */
export function closeAfter(req: Request, res: Response): void {
  res.header('Connection', 'close');
  res.once('finish', () => req.socket?.destroy());
}

/** Read a webhook's raw body; on failure answer (413 too large, 408 too slow, 400 unreadable) and return undefined. */
export async function readWebhookBody(req: Request, res: Response, limit: number, timeoutMs: number | undefined): Promise<Buffer | undefined> {
  try {
    return await readRawBody(req, limit, timeoutMs);
  } catch (err) {
    if (err instanceof BodyTooLarge) refuse(res, 413, `body over ${limit} bytes`);
    else if (err instanceof BodyTimeout) {
      closeAfter(req, res);
      refuse(res, 408, `body not received within ${err.timeoutMs} ms`);
    } else refuse(res, 400, 'could not read the body');
    return undefined;
  }
}
