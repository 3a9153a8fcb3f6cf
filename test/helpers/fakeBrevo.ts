/**
 * A stand-in for Brevo's API on loopback: POST /v3/transactionalSMS/send. It checks the `api-key` header and
 * the documented required fields, records the SMS it accepted, and replays Brevo's documented answers:
 * {"messageId": …} on success (https://developers.brevo.com/changelog/deprecated-endpoint-post-v3transactionalsmssms,
 * "Current response payload"), and errors as {code, message} with Brevo's codes (unauthorized for an unknown
 * key, missing_parameter, not_enough_credits: https://developers.brevo.com/docs/how-it-works, "Error codes").
 * restify changes Node's HTTP responses in a Jest process: writeHead and end are called separately.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BrevoSms {
  apiKey: string;
  sender: string;
  recipient: string;
  content: string;
  type?: string;
  unicodeEnabled?: boolean;
}

/** Brevo's documented answers, replayed as recorded. */
export const BREVO_ANSWERS = {
  sent: (messageId: number) => ({ status: 201, body: { messageId } }),
  unauthorized: { status: 401, body: { code: 'unauthorized', message: 'Key not found' } },
  missing: (field: string) => ({ status: 400, body: { code: 'missing_parameter', message: `${field} is missing` } }),
  noCredit: { status: 402, body: { code: 'not_enough_credits', message: 'Not enough credits' } },
  unavailable: { status: 503, body: { code: 'service_unavailable', message: 'Service temporarily unavailable' } },
} as const;

export class FakeBrevoApi {
  readonly sent: BrevoSms[] = [];
  /** Requests refused for their key. */
  readonly refused: string[] = [];
  /** The next answers, in order, before the normal one (e.g. [BREVO_ANSWERS.unavailable]). */
  readonly script: Array<{ status: number; body: unknown }> = [];
  /** Answer this to every call (e.g. BREVO_ANSWERS.noCredit). */
  always: { status: number; body: unknown } | undefined;
  calls = 0;
  private server!: Server;
  baseUrl = '';
  private ids = 1511882900176220;

  constructor(private readonly keys: string[]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = (a: { status: number; body: unknown }) => {
          res.writeHead(a.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(a.body));
        };
        this.calls += 1;
        const key = String(req.headers['api-key'] ?? '');
        if (!this.keys.includes(key)) {
          this.refused.push(req.url ?? '');
          return answer(BREVO_ANSWERS.unauthorized);
        }
        if (req.method !== 'POST' || req.url !== '/v3/transactionalSMS/send') return answer({ status: 404, body: { code: 'document_not_found', message: 'Not found' } });
        const scripted = this.script.shift() ?? this.always;
        if (scripted) return answer(scripted);
        const sms = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<BrevoSms, 'apiKey'>;
        for (const field of ['sender', 'recipient', 'content'] as const) if (!sms[field]) return answer(BREVO_ANSWERS.missing(field));
        this.sent.push({ apiKey: key, ...sms });
        answer(BREVO_ANSWERS.sent(this.ids++));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The texts accepted for one recipient (Brevo's form, 336…), from `since` on. */
  textsTo(recipient: string, since = 0): string[] {
    return this.sent.slice(since).filter((s) => s.recipient === recipient).map((s) => s.content);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
