/**
 * The sender of an SMS provider that sends through an outbox (OVHcloud, Brevo): the same texts as Twilio's
 * (segment budget, "SUITE"), queued in the provider's outbox (rate, retries with backoff, dead letters) and
 * handed to the provider's API one job at a time. A provider brings its credentials lookup and its API call.
 */
import type { RenderedMessage } from '../render';
import type { ChannelSender, MessagingChannelId, Target } from '../webhook/messaging';
import { Undeliverable } from '../webhook/messaging';
import { ProviderError } from '../webhook/provider';
import type { SenderServices } from '../plugin';
import { fitsSegments, smsTexts, type SmsSettings } from '../sms/smsText';
import { pageSms } from '../sms/smsPages';
import { OutboxWorker, type OutboxSettings } from './worker';
import type { OutboxJob } from './store';

export interface OutboxSmsProvider<C> {
  /** The outbox's name (`ob:{<provider>}:…`, `pasapas report`) and the channel's id. */
  provider: string;
  channel: MessagingChannelId;
  /** The credentials that send from this address of ours (undefined: none configured for it). */
  accountOf(botAddress: string): C | undefined;
  territoryOf(botAddress: string): string;
  settingsOf(botAddress: string): SmsSettings;
  /** One SMS through the provider's API; a ProviderError says whether retrying may help. */
  sendNow(account: C, job: OutboxJob): Promise<void>;
}

export class OutboxSmsSender<C> implements ChannelSender {
  readonly outbox: OutboxWorker;

  constructor(
    private readonly p: OutboxSmsProvider<C>,
    services: SenderServices,
    settings: OutboxSettings,
  ) {
    this.outbox = new OutboxWorker({ provider: p.provider, store: services.outbox, now: services.now, logger: services.logger, ...settings, send: (job) => this.sendNow(job) });
    this.outbox.start();
  }

  prepare(messages: RenderedMessage[], botAddress: string): string[] {
    return smsTexts(messages, this.p.settingsOf(botAddress));
  }

  paged(messages: RenderedMessage[], botAddress: string, maxPerReply: number | undefined, hint: string): { items: string[]; hold?: string[] } {
    return pageSms(messages, this.p.settingsOf(botAddress), maxPerReply, hint);
  }

  withMoreHint(items: string[], hint: string, botAddress: string): string[] {
    const settings = this.p.settingsOf(botAddress);
    const last = items[items.length - 1];
    const h = settings.transliterate ? smsTexts([{ text: hint }], settings)[0] : hint;
    const joined = `${last}\n${h}`;
    if (last !== undefined && fitsSegments(joined, settings.maxSegments)) return [...items.slice(0, -1), joined];
    return [...items, h];
  }

  /** Queued: the outbox sends now what the rate allows, the rest within seconds; failures are retried. */
  async send(target: Target, items: string[]): Promise<void> {
    if (!this.p.accountOf(target.botAddress)) throw new Undeliverable(this.p.channel, 'refused-by-provider');
    const territory = this.p.territoryOf(target.botAddress);
    await this.outbox.enqueue(items.map((text) => ({ to: target.address, from: target.botAddress, text, territory })));
  }

  private async sendNow(job: OutboxJob): Promise<void> {
    const account = this.p.accountOf(job.from);
    // Its credentials were removed since: retrying will not help.
    if (!account) throw new ProviderError(this.p.provider, 401, 'no credentials for this number');
    await this.p.sendNow(account, job);
  }

  close(): Promise<void> {
    return this.outbox.stop();
  }
}
