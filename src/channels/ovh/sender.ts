/**
 * SMS through OVHcloud: the shared outbox sender (src/channels/outbox/smsSender.ts) with OVH's credentials
 * lookup (the virtual number a territory claims) and its signed API call.
 */
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, OvhCredentials } from '../../config';
import type { SenderServices } from '../plugin';
import type { SmsSettings } from '../sms/smsText';
import { OutboxSmsSender } from '../outbox/smsSender';
import type { OutboxSettings } from '../outbox/worker';
import { sendOvhSms } from './ovhApi';

export const OVH_OUTBOX = 'ovh';

export class OvhSender extends OutboxSmsSender<OvhCredentials> {
  constructor(accounts: ChannelAccounts<OvhCredentials>, routing: ChannelRouting, settingsOf: (botAddress: string) => SmsSettings, services: SenderServices, settings: OutboxSettings) {
    const accountOf = (botAddress: string) => {
      const account = credentialsOf(accounts, routing.ovhNumber(botAddress));
      return account && account.number === botAddress ? account : undefined;
    };
    super(
      {
        provider: OVH_OUTBOX,
        channel: 'sms-ovh',
        accountOf,
        territoryOf: (botAddress) => routing.ovhNumber(botAddress).territory,
        settingsOf,
        sendNow: (account, job) => sendOvhSms({ apiBaseUrl: accounts.apiBaseUrl, account, to: job.to, message: job.text, now: () => Date.now() / 1000, retries: 0 }),
      },
      services,
      settings,
    );
  }
}
