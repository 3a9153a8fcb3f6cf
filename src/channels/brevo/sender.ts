/**
 * Transactional SMS through Brevo: the shared outbox sender (src/channels/outbox/smsSender.ts) with Brevo's
 * credentials lookup (the sender a territory claims) and its API call (./brevoApi.ts).
 */
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { BrevoCredentials, ChannelAccounts } from '../../config';
import type { SenderServices } from '../plugin';
import type { SmsSettings } from '../sms/smsText';
import { OutboxSmsSender } from '../outbox/smsSender';
import type { OutboxSettings } from '../outbox/worker';
import { sendBrevoSms } from './brevoApi';

export const BREVO_OUTBOX = 'brevo';

export class BrevoSender extends OutboxSmsSender<BrevoCredentials> {
  constructor(accounts: ChannelAccounts<BrevoCredentials>, routing: ChannelRouting, settingsOf: (botAddress: string) => SmsSettings, services: SenderServices, settings: OutboxSettings) {
    const accountOf = (botAddress: string) => {
      const account = credentialsOf(accounts, routing.brevoSender(botAddress));
      return account && account.sender === botAddress ? account : undefined;
    };
    super(
      {
        provider: BREVO_OUTBOX,
        channel: 'sms-brevo',
        accountOf,
        territoryOf: (botAddress) => routing.brevoSender(botAddress).territory,
        settingsOf,
        sendNow: (account, job) => sendBrevoSms({ apiBaseUrl: accounts.apiBaseUrl, account, to: job.to, message: job.text, retries: 0 }),
      },
      services,
      settings,
    );
  }
}
