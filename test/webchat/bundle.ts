/**
 * Microsoft's Web Chat UMD bundle (`dist/webchat.js` of the pinned botframework-webchat) for the
 * browser test, WITHOUT installing the package (481 MB): `npm pack` fetches its tarball (7 MB) from the
 * registry into a cache folder ignored by git, and the one file is read out of it (gzip + tar, here).
 * Its SHA-256 is pinned. Throws when it cannot be had: the test then fails, it never skips.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../../src/paths';

export const WEBCHAT_VERSION = '4.18.1';
/** sha256 of package/dist/webchat.js in botframework-webchat-4.18.1.tgz. */
const WEBCHAT_SHA256 = '0a68ad0a64fc04d621197da10c3eec0f843e16f7d03f6bcbed29b47517cf9bff';
export const WEBCHAT_CACHE = join(ROOT, '.cache', 'webchat');

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** One file of a tar archive (ustar, as npm packs): its bytes, or undefined. */
export function fileFromTar(tar: Buffer, wanted: string): Buffer | undefined {
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if ((type === '0' || type === '') && name === wanted) return Buffer.from(body);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** The path of webchat.js, fetched into the cache the first time. */
export function webChatBundle(): string {
  const dir = join(WEBCHAT_CACHE, WEBCHAT_VERSION);
  const file = join(dir, 'webchat.js');
  if (existsSync(file) && sha256(readFileSync(file)) === WEBCHAT_SHA256) return file;
  mkdirSync(dir, { recursive: true });
  const work = join(dir, `pack-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  try {
    try {
      execFileSync('npm', ['pack', `botframework-webchat@${WEBCHAT_VERSION}`, '--pack-destination', work, '--silent'], {
        cwd: work,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
    } catch (err) {
      const stderr = String((err as { stderr?: Buffer }).stderr ?? '');
      throw new Error(`could not fetch botframework-webchat@${WEBCHAT_VERSION} with npm pack: ${stderr || (err as Error).message}`);
    }
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack botframework-webchat@${WEBCHAT_VERSION} left no tarball`);
    const bundle = fileFromTar(gunzipSync(readFileSync(join(work, tgz))), 'package/dist/webchat.js');
    if (!bundle) throw new Error(`botframework-webchat@${WEBCHAT_VERSION} has no dist/webchat.js`);
    if (sha256(bundle) !== WEBCHAT_SHA256) throw new Error(`botframework-webchat@${WEBCHAT_VERSION} dist/webchat.js does not have the pinned SHA-256`);
    writeFileSync(`${file}.tmp`, bundle);
    renameSync(`${file}.tmp`, file);
    return file;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
