/** The webhooks' error answers: a status, a code a machine can read, a reason a person can. */
import type { Response } from 'restify';

const CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'RequestTimeout',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
};

export function refuse(res: Response, status: 400 | 401 | 403 | 404 | 408 | 413 | 415, message: string): void {
  res.send(status, { code: CODES[status], message });
}

/** The turn could not be stored (Redis away or too slow): nothing acknowledged, the provider retries. */
export function unavailable(res: Response): void {
  res.header('Retry-After', '1');
  res.send(503, { code: 'ServiceUnavailable', message: 'temporarily unavailable, retry shortly' });
}
