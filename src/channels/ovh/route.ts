/**
 * GET or POST /api/sms/ovh/:secret — OVHcloud's callback for an SMS received on a virtual number.
 * OVH documents no signature on this callback, so before anything is read: the secret in the path must
 * be one account's OVH_CALLBACK_SECRET[_<NAME>] (401 otherwise), and the caller's address must be in that
 * account's OVH_ALLOWED_IPS when it has one (403). Then the fields (query or form: id, senderid, message)
 * are parsed, and the message goes through the shared pipeline (dedup on OVH's id, STOP, limits).
 * The answer is an empty 200: replies leave through the API (src/channels/ovh/sender.ts).
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { readWebhookBody } from '../webhook/rawBody';
import { refuse, unavailable } from '../webhook/answers';
import type { MessagingChannel } from '../webhook/messaging';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, OvhCredentials } from '../../config';
import { authenticateBySecret } from '../webhook/sharedSecret';
import { e164Of } from './ovhApi';

export const OVH_MAX_BODY_BYTES = 16 * 1024;

const Fields = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an OVH message id'),
  senderid: z.string().regex(/^\+?[0-9 .-]{3,20}$/, 'a phone number'),
  message: z.string().max(5000).default(''),
});

export interface OvhRouteDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  accounts: ChannelAccounts<OvhCredentials>;
  trustProxyHops: number;
  logger: Logger;
  bodyTimeoutMs?: number;
}

export function mountOvhSms(server: Server, deps: OvhRouteDeps): void {
  const handler = async (req: Request, res: Response): Promise<void> => {
    const account = authenticateBySecret(req, res, {
      accounts: deps.accounts,
      secretOf: (a) => a.callbackSecret,
      ownerOf: (a) => credentialsOf(deps.accounts, deps.routing.ovhNumber(a.number)),
      trustProxyHops: deps.trustProxyHops,
      say: {
        unknown: 'unknown callback secret (check the callback URL set on the virtual number)',
        allowList: 'OVH_ALLOWED_IPS',
        notOwner: 'this callback secret does not belong to the territory of its virtual number',
      },
    });
    if (!account) return;
    // Authenticated: from here on the fields may be read.
    let raw: Record<string, string> = {};
    if (req.method === 'POST') {
      if (!req.is('application/x-www-form-urlencoded')) {
        req.resume();
        return refuse(res, 415, 'OVHcloud callbacks are application/x-www-form-urlencoded (or a GET with a query)');
      }
      const body = await readWebhookBody(req, res, OVH_MAX_BODY_BYTES, deps.bodyTimeoutMs);
      if (!body) return;
      raw = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    } else {
      raw = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    }
    const fields = Fields.safeParse(raw);
    if (!fields.success) {
      const issue = fields.error.issues[0];
      return refuse(res, 400, `${issue.path.join('.')}: ${issue.message}`);
    }
    const f = fields.data;
    try {
      const result = await deps.channel.receive({ messageId: f.id, address: e164Of(f.senderid), botAddress: account.number, text: f.message });
      if (result.kind === 'in-progress') return unavailable(res);
      res.send(200, { ok: true });
    } catch (err) {
      deps.logger.error({ err }, 'OVHcloud SMS turn failed');
      unavailable(res);
    }
  };
  server.get('/api/sms/ovh/:secret', handler);
  server.post('/api/sms/ovh/:secret', handler);
}
