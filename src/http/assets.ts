/**
 * Serves built files (the widget, the console) from the public folder: read and gzipped once per
 * build, with an ETag so a returning browser downloads nothing (304). Used by the widget and the
 * console routes with their own caching and cross-origin policies.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';

interface Cached {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export interface AssetPolicy {
  /** File name → Content-Type; other names are 404. */
  types: Record<string, string>;
  cacheControl: string;
  crossOriginResourcePolicy: 'same-origin' | 'cross-origin';
  /** Said when the file is missing. */
  notBuilt: string;
}

export function assetServer(publicDir: string, policy: AssetPolicy) {
  const cache = new Map<string, Cached>();
  return async (req: Request, res: Response, name: string): Promise<void> => {
    if (!Object.prototype.hasOwnProperty.call(policy.types, name)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const path = join(publicDir, name);
    let entry: Cached | undefined;
    try {
      const st = await fs.stat(path);
      entry = cache.get(name);
      if (!entry || entry.mtimeMs !== st.mtimeMs) {
        const body = await fs.readFile(path);
        entry = { mtimeMs: st.mtimeMs, body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
        cache.set(name, entry);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(policy.notBuilt);
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': policy.types[name],
      'Cache-Control': policy.cacheControl,
      ETag: entry.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': policy.crossOriginResourcePolicy,
    };
    if (req.header('if-none-match') === entry.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gz = /\bgzip\b/.test(req.header('accept-encoding') ?? '');
    const body = gz ? entry.gzip : entry.body;
    res.writeHead(200, { ...headers, ...(gz ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': String(body.length) });
    res.end(body);
  };
}
