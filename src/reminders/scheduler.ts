/**
 * Sends the reminders that are due, on the citizen's own channel, from whichever instance takes
 * them first (the store's atomic take). A reminder that cannot reach the citizen any more (STOP,
 * contact expired) is cancelled; a provider failure leaves it to come back after the lease.
 */
import type { Logger } from 'pino';
import { NoDelivery, type ProactiveSender } from '../conversation/proactive';
import { toActivity } from '../conversation/message';
import type { Strings } from '../i18n/strings';
import { hashId } from '../logger';
import { nextDue } from './schedule';
import type { Reminder, ReminderStore } from './store';

const LEASE_MS = 5 * 60_000;
const BATCH = 50;

export interface SchedulerDeps {
  store: ReminderStore;
  adapter: ProactiveSender;
  strings: Strings;
  logger: Logger;
  now: () => number;
  intervalMs?: number;
  /**
   * The territory's monthly SMS budget (docs/sms-operators.md): a reminder over SMS is skipped (this
   * occurrence; the next one stays planned) once the month's budget is spent. Absent: always sent.
   */
  budget?: ProactiveBudget;
}

export interface ProactiveBudget {
  /** May this reminder go out now? */
  allowed(r: Reminder): Promise<boolean>;
  /** It was skipped because of the budget: counted for the coordinators. */
  skipped(r: Reminder): Promise<void>;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.deps.logger.error({ err }, 'reminder round failed'));
    }, this.deps.intervalMs ?? 30_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round: send what is due. Returns how many were sent. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    let sent = 0;
    this.running = (async () => {
      try {
        const now = this.deps.now();
        for (const r of await this.deps.store.takeDue(now, LEASE_MS, BATCH)) {
          const outcome = await this.send(r);
          if (outcome === 'sent' || outcome === 'skipped') {
            if (outcome === 'sent') sent += 1;
            await this.deps.store.reschedule(r, nextDue(r.kind, now, r.anchor));
          }
          // 'retry': it comes back when its lease ends.
        }
      } catch (err) {
        this.deps.logger.warn({ err }, 'reminder round failed');
      }
    })();
    await this.running;
    this.running = undefined;
    return sent;
  }

  private async send(r: Reminder): Promise<'sent' | 'skipped' | 'cancelled' | 'retry'> {
    if (this.deps.budget && !(await this.deps.budget.allowed(r))) {
      await this.deps.budget.skipped(r);
      this.deps.logger.info({ citizen: hashId(r.citizenKey), territory: r.territory }, 'reminder skipped: the monthly SMS budget is spent');
      return 'skipped';
    }
    const text = this.deps.strings.t(r.locale, r.kind === 'actualisation' ? 'reminder.dueActualisation' : 'reminder.dueCaf');
    try {
      await this.deps.adapter.continueConversation(r.reference, async (ctx) => {
        await ctx.sendActivity({ ...toActivity({ text }), locale: r.locale });
      });
      return 'sent';
    } catch (err) {
      if (err instanceof NoDelivery) {
        // The citizen cannot be reached any more (STOP, expired contact, a channel without push).
        await this.deps.store.cancel(r.citizenKey, r.id);
        this.deps.logger.info({ citizen: hashId(r.citizenKey), reason: err.message }, 'reminder cancelled: citizen unreachable');
        return 'cancelled';
      }
      this.deps.logger.warn({ err, citizen: hashId(r.citizenKey) }, 'reminder not sent; will retry');
      return 'retry';
    }
  }
}
