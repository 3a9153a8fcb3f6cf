/** SMS through Twilio: texts that fit the segment budget, "SUITE" hints, the Messages API. */
import type { RenderedMessage } from '../render';
import type { Locale } from '../../i18n/locale';
import type { ChannelSender, Target } from '../webhook/messaging';
import { Undeliverable } from '../webhook/messaging';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, TwilioCredentials } from '../../config';
import { fitsSegments, smsTexts, type SmsSettings } from './smsText';
import { pageSms } from './smsPages';
import { sendTwilioMessage } from './twilio';

export class TwilioSender implements ChannelSender {
  constructor(
    private readonly accounts: ChannelAccounts<TwilioCredentials>,
    private readonly routing: ChannelRouting,
    private readonly settingsOf: (botAddress: string) => SmsSettings,
  ) {}

  prepare(messages: RenderedMessage[], botAddress: string): string[] {
    return smsTexts(messages, this.settingsOf(botAddress));
  }

  paged(messages: RenderedMessage[], botAddress: string, maxPerReply: number | undefined, hint: string): { items: string[]; hold?: string[] } {
    return pageSms(messages, this.settingsOf(botAddress), maxPerReply, hint);
  }

  withMoreHint(items: string[], hint: string, botAddress: string): string[] {
    const { maxSegments, transliterate } = this.settingsOf(botAddress);
    const last = items[items.length - 1];
    const h = transliterate ? smsTexts([{ text: hint }], this.settingsOf(botAddress))[0] : hint;
    const joined = `${last}\n${h}`;
    if (last !== undefined && fitsSegments(joined, maxSegments)) return [...items.slice(0, -1), joined];
    return [...items, h];
  }

  async send(target: Target, items: string[]): Promise<void> {
    const account = credentialsOf(this.accounts, this.routing.smsNumber(target.botAddress));
    if (!account?.accountSid) throw new Undeliverable('sms', 'refused-by-provider');
    for (const body of items) {
      await sendTwilioMessage(this.accounts.apiBaseUrl, { accountSid: account.accountSid, authToken: account.authToken }, target.botAddress, target.address, body);
    }
  }
}
