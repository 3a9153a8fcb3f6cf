/**
 * SMS through OVHcloud: the same texts as Twilio's (segment budget, "SUITE"), queued in the OVH outbox
 * (src/channels/outbox/: rate, retries with backoff, dead letters) and sent through the signed API.
 */
import type { RenderedMessage } from '../render';
import type { ChannelSender, Target } from '../webhook/messaging';
import { Undeliverable } from '../webhook/messaging';
import { ProviderError } from '../webhook/provider';
import { credentialsOf, type ChannelRouting } from '../webhook/routing';
import type { ChannelAccounts, OvhCredentials } from '../../config';
import type { SenderServices } from '../plugin';
import { fitsSegments, smsTexts, type SmsSettings } from '../sms/smsText';
import { OutboxWorker, type OutboxSettings } from '../outbox/worker';
import type { OutboxJob } from '../outbox/store';
import { sendOvhSms } from './ovhApi';

export const OVH_OUTBOX = 'ovh';

export class OvhSender implements ChannelSender {
  readonly outbox: OutboxWorker;

  constructor(
    private readonly accounts: ChannelAccounts<OvhCredentials>,
    private readonly routing: ChannelRouting,
    private readonly settingsOf: (botAddress: string) => SmsSettings,
    services: SenderServices,
    settings: OutboxSettings,
  ) {
    this.outbox = new OutboxWorker({ provider: OVH_OUTBOX, store: services.outbox, now: services.now, logger: services.logger, ...settings, send: (job) => this.sendNow(job) });
    this.outbox.start();
  }

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

  private accountOf(botAddress: string): OvhCredentials | undefined {
    const account = credentialsOf(this.accounts, this.routing.ovhNumber(botAddress));
    return account && account.number === botAddress ? account : undefined;
  }

  /** Queued: the outbox sends now what the rate allows, the rest within seconds; failures are retried. */
  async send(target: Target, items: string[]): Promise<void> {
    if (!this.accountOf(target.botAddress)) throw new Undeliverable('sms-ovh', 'refused-by-provider');
    const territory = this.routing.ovhNumber(target.botAddress).territory;
    await this.outbox.enqueue(items.map((text) => ({ to: target.address, from: target.botAddress, text, territory })));
  }

  private async sendNow(job: OutboxJob): Promise<void> {
    const account = this.accountOf(job.from);
    // Its credentials were removed since: retrying will not help.
    if (!account) throw new ProviderError('ovh', 401, 'no credentials for this number');
    await sendOvhSms({ apiBaseUrl: this.accounts.apiBaseUrl, account, to: job.to, message: job.text, now: () => Date.now() / 1000, retries: 0 });
  }

  close(): Promise<void> {
    return this.outbox.stop();
  }
}
