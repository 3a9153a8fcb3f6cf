/**
 * Time-based one-time passwords (TOTP, RFC 6238) for the mediators' two-factor sign-in, with the otpauth library
 * (hectorm/otpauth: HOTP/TOTP for Node and browsers, no dependencies), and the QR code of the otpauth:// URI as
 * SVG with qrcode-generator (pure JavaScript). Codes: 6 digits, 30 s, SHA-1 — what every authenticator app reads.
 * A code is accepted one step before or after (clock drift), and never twice (the last step used is kept).
 * Recovery codes are random, shown once, stored as SHA-256 digests and each usable once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = '', issuer = 'Pas à pas'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) });
}

/** otpauth://totp/… for an authenticator app (the QR code holds it). */
export function totpUri(secret: string, label: string, issuer: string): string {
  return totp(secret, label, issuer).toString();
}

/** The code of an instant (tests, and nothing else: the server never sends a code). */
export function totpCode(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now });
}

/**
 * The time step of a valid code (±1 step), or undefined. A step at or before `lastStep` (already used) is refused:
 * a code seen over someone's shoulder cannot be replayed.
 */
export function checkTotp(secret: string, code: string, now: number, lastStep?: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / TOTP_PERIOD) + delta;
  if (lastStep !== undefined && step <= lastStep) return undefined;
  return step;
}

/** The QR code of an otpauth:// URI, as an SVG document (shown as an image: the console's CSP allows data: images). */
export function qrSvg(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}

/** Ten recovery codes like "k7m2-x9qp-4t": 40 random bits each, lower-case letters and digits without look-alikes. */
export function newRecoveryCodes(n = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: n }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

export const recoveryDigest = (code: string) => createHash('sha256').update(code.trim().toLowerCase()).digest('base64url');
export const RECOVERY_CODE = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{2}$/i;
