/**
 * One root pino logger; modules take a child (`logger.child({ module: 'x' })`).
 * Message text, tokens, secrets and phone numbers are redacted by default: log ids, never content.
 */
import { createHmac, randomBytes } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'text', '*.text', 'activity.text', 'body', '*.body', 'message', 'token', '*.token', 'password', '*.password',
  'secret', '*.secret', 'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
  'headers.authorization', 'headers.cookie', 'phone', '*.phone', 'from', '*.from', 'to', '*.to', 'From', 'To',
  'email', '*.email', 'redisUrl', 'url',
];

/**
 * Errors are logged with their stack (`logger.warn({ err }, …)`), but not with what a Redis reply error
 * carries of its command: ioredis puts the command's arguments (keys naming citizens, message JSON) on
 * `err.command.args`. Only the command's name is kept.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const command = out.command as { name?: unknown } | undefined;
  if (command && typeof command === 'object') out.command = { name: command.name };
  return out;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'pasapas' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

let logIdKey: Buffer = randomBytes(32);

/**
 * Key the log ids with CONTACT_HASH_SECRET (the app does it at startup): the same id then has the same
 * log id on every instance and after a restart. Until then, a random key of this process.
 */
export function setLogIdKey(secret: string): void {
  logIdKey = createHmac('sha256', secret).update('pasapas log ids').digest();
}

/**
 * A short, stable, non-reversible id for logs (conversation ids can be phone numbers): keyed, so that
 * nobody without the key can hash candidate numbers and compare.
 */
export function hashId(id: string): string {
  return createHmac('sha256', logIdKey).update(id).digest('hex').slice(0, 12);
}
