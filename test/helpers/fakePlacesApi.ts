/**
 * The ANCT places API and data·inclusion on loopback: replays the recorded answers of
 * test/places/fixtures/api/, pages by query string, checks data·inclusion's bearer token, and fails
 * on demand (a queue of statuses answered before the real ones, e.g. 503 then 429 + Retry-After).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'places', 'fixtures', 'api');
export const DATA_INCLUSION_TOKEN = 'test-token-0123456789abcdef';

export class FakePlacesApi {
  /** Every request: path with query string, and its Authorization header. */
  readonly requests: Array<{ url: string; authorization?: string }> = [];
  /** Answered (in order) before the recorded answers: a status, and a Retry-After header. */
  failures: Array<{ status: number; retryAfter?: string }> = [];
  /** Which fixture answers the cartography's first page (another one simulates a schema change). */
  cartographieFirstPage = 'cartographie-page-0.json';
  private server!: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      this.requests.push({ url: `${url.pathname}${decodeURIComponent(url.search)}`, authorization: req.headers.authorization });
      const failure = this.failures.shift();
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) });
        res.end('{"detail":"failure on demand"}');
        return;
      }
      const send = (file: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(readFileSync(join(FIXTURES, file)));
      };
      if (url.pathname === '/api/v0/lieux-inclusion-numerique') {
        return send(url.searchParams.get('page[number]') === '1' ? 'cartographie-page-1.json' : this.cartographieFirstPage);
      }
      if (url.pathname === '/data-inclusion/api/v0/structures') {
        if (req.headers.authorization !== `Bearer ${DATA_INCLUSION_TOKEN}`) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end('{"detail":"Not authenticated"}');
          return;
        }
        return send(url.searchParams.get('page') === '2' ? 'data-inclusion-page-2.json' : 'data-inclusion-page-1.json');
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get cartographieUrl(): string {
    return `${this.baseUrl}/api/v0`;
  }

  get dataInclusionUrl(): string {
    return `${this.baseUrl}/data-inclusion/api/v0`;
  }

  async stop(): Promise<void> {
    // fetch keeps its sockets alive: close them, or close() waits for their idle timeout.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
