/**
 * A stand-in for the OVHcloud API on loopback: POST /1.0/sms/{service}/virtualNumbers/{number}/jobs.
 * It checks every request's signature the way OVH documents it (X-Ovh-Application, X-Ovh-Consumer,
 * X-Ovh-Timestamp, X-Ovh-Signature = "$1$" + SHA1 hex of secret+consumer+METHOD+URL+body+timestamp joined
 * by "+"), answers 403 like OVH ({"message":"Invalid signature"}) when it does not match, and records the
 * SMS it accepted. Its answer is the documented shape of an SMS job (ids, validReceivers, credits).
 * restify changes Node's HTTP responses in a Jest process: writeHead and end are called separately.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OvhKeys {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
}

export interface OvhSms {
  service: string;
  number: string;
  receivers: string[];
  message: string;
  noStopClause?: boolean;
}

export class FakeOvhApi {
  readonly sent: OvhSms[] = [];
  /** Requests refused for their signature (or keys). */
  readonly refused: string[] = [];
  /** Answer this status to the next calls (e.g. 500). */
  failWith: number | undefined;
  private server!: Server;
  baseUrl = '';
  private ids = 1000;

  constructor(private readonly keys: OvhKeys[]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        const url = `${this.baseUrl}${req.url ?? ''}`;
        const key = this.keys.find((k) => k.applicationKey === req.headers['x-ovh-application'] && k.consumerKey === req.headers['x-ovh-consumer']);
        const ts = String(req.headers['x-ovh-timestamp'] ?? '');
        const expected = key ? `$1$${createHash('sha1').update([key.applicationSecret, key.consumerKey, req.method, url, body, ts].join('+')).digest('hex')}` : '';
        if (!key || !/^\d+$/.test(ts) || req.headers['x-ovh-signature'] !== expected) {
          this.refused.push(req.url ?? '');
          return answer(403, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' });
        }
        if (this.failWith) return answer(this.failWith, { message: 'failure on demand' });
        const m = /^\/1\.0\/sms\/([^/]+)\/virtualNumbers\/([^/]+)\/jobs$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !m) return answer(404, { message: 'The requested object does not exist' });
        const job = JSON.parse(body) as { receivers: string[]; message: string; noStopClause?: boolean };
        this.sent.push({ service: decodeURIComponent(m[1]), number: decodeURIComponent(m[2]), receivers: job.receivers, message: job.message, noStopClause: job.noStopClause });
        answer(200, { totalCreditsRemoved: 1, invalidReceivers: [], validReceivers: job.receivers, ids: [this.ids++], tag: '' });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The texts accepted for one receiver (OVH form 0033…), from `since` on. */
  textsTo(receiver: string, since = 0): string[] {
    return this.sent.slice(since).filter((s) => s.receivers.includes(receiver)).map((s) => s.message);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
