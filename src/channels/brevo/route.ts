/**
 * POST /api/sms/brevo/:secret — Brevo's transactional SMS webhook (type "transactional", channel "sms",
 * event "replied"). Brevo signs no webhook (https://developers.brevo.com/docs/secured-webhooks offers an
 * allow-list of its IP ranges, basic or bearer authentication), so before anything is read: the secret in the
 * path must be one set's BREVO_WEBHOOK_SECRET[_<NAME>] (401 otherwise), and the caller's address must be in
 * that set's BREVO_ALLOWED_IPS when it has one (403). Then the JSON body (one event, or a list when the webhook
 * is batched: a retried batch replays only what was not done, by dedup) is read; each reply goes through the shared pipeline (dedup, STOP, limits) as a message to the
 * set's sender. Other events (sent, delivered…) are acknowledged and ignored. Replies leave through the API.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { readWebhookBody } from '../webhook/rawBody';
import { refuse, unavailable } from '../webhook/answers';
import type { MessagingChannel } from '../webhook/messaging';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import { authenticateBySecret } from '../webhook/sharedSecret';
import type { BrevoCredentials, ChannelAccounts } from '../../config';
import { readBrevoEvent, type BrevoEvent } from './brevoApi';

/** A batch holds up to 500 events (https://developers.brevo.com/docs/batch-webhooks); read only once authenticated. */
export const BREVO_MAX_BATCH = 500;
export const BREVO_MAX_BODY_BYTES = 1024 * 1024;

export interface BrevoRouteDeps {
  channel: MessagingChannel;
  routing: ChannelRouting;
  accounts: ChannelAccounts<BrevoCredentials>;
  trustProxyHops: number;
  logger: Logger;
  bodyTimeoutMs?: number;
}

export function mountBrevoSms(server: Server, deps: BrevoRouteDeps): void {
  server.post('/api/sms/brevo/:secret', async (req: Request, res: Response): Promise<void> => {
    const account = authenticateBySecret(req, res, {
      accounts: deps.accounts,
      secretOf: (a) => a.webhookSecret,
      ownerOf: (a) => credentialsOf(deps.accounts, deps.routing.brevoSender(a.sender)),
      trustProxyHops: deps.trustProxyHops,
      say: {
        unknown: 'unknown webhook secret (check the URL of the Brevo webhook)',
        allowList: 'BREVO_ALLOWED_IPS',
        notOwner: 'this webhook secret does not belong to the territory of its sender',
      },
    });
    if (!account) return;
    // Authenticated: from here on the body may be read.
    if (!req.is('application/json')) {
      req.resume();
      return refuse(res, 415, 'Brevo webhooks are application/json');
    }
    const body = await readWebhookBody(req, res, BREVO_MAX_BODY_BYTES, deps.bodyTimeoutMs);
    if (!body) return;
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'the body is not JSON');
    }
    const items = Array.isArray(raw) ? raw : [raw];
    if (items.length === 0 || items.length > BREVO_MAX_BATCH) return refuse(res, 400, `one event, or a batch of 1 to ${BREVO_MAX_BATCH}`);
    const events: BrevoEvent[] = [];
    for (const [i, item] of items.entries()) {
      const read = readBrevoEvent(item);
      if (!read.ok) return refuse(res, 400, Array.isArray(raw) ? `[${i}].${read.error}` : read.error);
      events.push(read.event);
    }
    try {
      for (const e of events) {
        if (e.kind !== 'reply') continue;
        const result = await deps.channel.receive({ messageId: e.id, address: e.from, botAddress: account.sender, text: e.text });
        if (result.kind === 'in-progress') return unavailable(res);
      }
      res.send(200, { ok: true });
    } catch (err) {
      deps.logger.error({ err }, 'Brevo SMS turn failed');
      unavailable(res);
    }
  });
}
