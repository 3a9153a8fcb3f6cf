/**
 * A stand-in for Twilio, the WhatsApp Cloud API and the Telegram Bot API on loopback: records every
 * call (path, headers, body) and answers like the provider would, or fails on demand.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderCall {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body as form fields (Twilio) or JSON (WhatsApp, Telegram). */
  form?: Record<string, string>;
  json?: Record<string, unknown>;
}

export class FakeProvider {
  readonly calls: ProviderCall[] = [];
  /** Answer this status to the next calls (e.g. 500 to test retries). */
  failWith: number | undefined;
  /** A provider's own answer to some calls (media lookups and downloads); the default answer otherwise. */
  respond: ((call: ProviderCall) => { status?: number; type?: string; body: string | Buffer } | undefined) | undefined;
  private server!: Server;
  baseUrl = '';
  /** Answers of our own for given paths (a photo's bytes, WhatsApp's media URL, Telegram's getFile), by full URL path or without its query. */
  private readonly served = new Map<string, { status: number; contentType: string; body: Buffer }>();

  /** Answer GET/POST `path` (with or without its query) with these bytes, or this JSON. */
  serve(path: string, body: Buffer | object, contentType = Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json', status = 200): void {
    this.served.set(path, { status, contentType, body: Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)) });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const call: ProviderCall = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
        if ((req.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) call.form = Object.fromEntries(new URLSearchParams(body));
        else if (body) {
          try {
            call.json = JSON.parse(body) as Record<string, unknown>;
          } catch {
            /* recorded as text */
          }
        }
        this.calls.push(call);
        const served = this.served.get(call.path) ?? this.served.get(call.path.split('?')[0]);
        if (served && !this.failWith) {
          res.writeHead(served.status, { 'content-type': served.contentType });
          res.end(served.body);
          return;
        }
        if (this.failWith) {
          res.writeHead(this.failWith, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 20500, message: 'failure on demand' }));
          return;
        }
        const own = this.respond?.(call);
        if (own) {
          res.writeHead(own.status ?? 200, { 'content-type': own.type ?? 'application/json' });
          res.end(own.body);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sid: `SM${'0'.repeat(32)}`, ok: true, result: true, messages: [{ id: 'wamid.fake' }] }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Calls whose path contains `part`. */
  callsTo(part: string): ProviderCall[] {
    return this.calls.filter((c) => c.path.includes(part));
  }

  clear(): void {
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
