/** SMS through OVHcloud: the same texts as Twilio's (segment budget, "SUITE"), sent through the signed API. */
import type { RenderedMessage } from '../render';
import type { ChannelSender, Target } from '../webhook/messaging';
import { Undeliverable } from '../webhook/messaging';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, OvhCredentials } from '../../config';
import { fitsSegments, smsTexts, type SmsSettings } from '../sms/smsText';
import { sendOvhSms } from './ovhApi';

export class OvhSender implements ChannelSender {
  constructor(
    private readonly accounts: ChannelAccounts<OvhCredentials>,
    private readonly routing: ChannelRouting,
    private readonly settingsOf: (botAddress: string) => SmsSettings,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  prepare(messages: RenderedMessage[], botAddress: string): string[] {
    return smsTexts(messages, this.settingsOf(botAddress));
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
    const account = credentialsOf(this.accounts, this.routing.ovhNumber(target.botAddress));
    if (!account || account.number !== target.botAddress) throw new Undeliverable('sms-ovh', 'refused-by-provider');
    for (const message of items) {
      await sendOvhSms({ apiBaseUrl: this.accounts.apiBaseUrl, account, to: target.address, message, now: this.nowSeconds });
    }
  }
}
