/**
 * What every Twilio webhook (SMS, phone calls) checks before it reads a field: the signature header, the form body
 * (bounded, with a deadline), the account of the number written to, and Twilio's signature over the URL and the
 * form. Answers the refusal itself (400/403/415) and gives back nothing then.
 */
import type { Request, Response } from 'restify';
import { readWebhookBody } from '../webhook/rawBody';
import { refuse } from '../webhook/answers';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import { validTwilioSignature } from './twilio';
import type { ChannelAccounts, TwilioCredentials } from '../../config';

export interface TwilioWebhookDeps {
  accounts: ChannelAccounts<TwilioCredentials>;
  routing: ChannelRouting;
  publicBaseUrl: string;
  bodyTimeoutMs?: number;
}

/** The authenticated form (its fields in order, the number written to, its account), or undefined once refused. */
export async function authenticTwilioForm(req: Request, res: Response, deps: TwilioWebhookDeps, maxBytes: number): Promise<{ params: Array<[string, string]>; to: string; account: TwilioCredentials } | undefined> {
  const signature = req.header('x-twilio-signature');
  if (!signature) {
    req.resume();
    refuse(res, 400, 'X-Twilio-Signature header missing');
    return undefined;
  }
  if (!req.is('application/x-www-form-urlencoded')) {
    req.resume();
    refuse(res, 415, 'Twilio webhooks are application/x-www-form-urlencoded');
    return undefined;
  }
  const raw = await readWebhookBody(req, res, maxBytes, deps.bodyTimeoutMs);
  if (!raw) return undefined;
  const params = [...new URLSearchParams(raw.toString('utf8'))];
  const to = params.find(([k]) => k === 'To')?.[1] ?? '';
  const account = credentialsOf(deps.accounts, deps.routing.smsNumber(to));
  if (!account || !validTwilioSignature(account.authToken, deps.publicBaseUrl + req.url, params, signature)) {
    refuse(res, 403, 'signature does not match (check PUBLIC_BASE_URL and the auth token)');
    return undefined;
  }
  return { params, to, account };
}
