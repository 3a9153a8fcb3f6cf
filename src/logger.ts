/**
 * One root pino logger; modules take a child (`logger.child({ module: 'x' })`).
 * Message text, tokens, secrets and phone numbers are redacted by default: log ids, never content.
 */
import { createHash } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'text', '*.text', 'activity.text', 'body', '*.body', 'message', 'token', '*.token', 'password', '*.password',
  'secret', '*.secret', 'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
  'headers.authorization', 'headers.cookie', 'phone', '*.phone', 'from', '*.from', 'to', '*.to', 'From', 'To',
  'email', '*.email', 'redisUrl', 'url',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'pasapas' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A short, stable, non-reversible id for logs (conversation ids can be phone numbers). */
export function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 12);
}
