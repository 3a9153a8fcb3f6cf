/**
 * The per-territory monthly SMS budget (`sms.monthlyBudget` in the territory file, in segments: what
 * the operators bill). Every SMS we send is counted here, whatever the provider; at 80 % the
 * coordinators are warned once a month (a warn log line and the console); at 100 % proactive messages
 * (reminders) are skipped and counted, while replies to citizens continue (docs/sms-operators.md).
 */
import type { Logger } from 'pino';
import { countSms } from '../text/sms';
import type { SmsBudgetStore } from './smsBudgetStore';

export const WARN_RATIO = 0.8;

export interface SmsBudgetStatus {
  /** Segments a month; null: no budget (counted all the same). */
  budget: number | null;
  used: number;
  skipped: number;
  /** YYYY-MM, Paris time. */
  month: string;
  /** 80 % reached. */
  warning: boolean;
  /** 100 % reached: reminders are not sent. */
  exhausted: boolean;
}

const MONTH_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });

/** The last hour asked and its month: every SMS sent asks, and formatToParts is the dearest part of counting it. */
let lastHour = NaN;
let lastMonth = '';

/**
 * The calendar month of a time, in Paris: "2026-12". Paris is UTC+1 or UTC+2, so a Paris month always starts on a
 * whole UTC hour: every time in the same UTC hour has the same month, computed once.
 */
export function parisMonth(ms: number): string {
  const hour = Math.floor(ms / 3_600_000);
  if (hour === lastHour) return lastMonth;
  const parts = MONTH_FORMAT.formatToParts(new Date(ms));
  lastMonth = `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
  lastHour = hour;
  return lastMonth;
}

/** The segments of SMS texts (GSM-7 or UCS-2, as the operators count them). */
export function segmentsOf(texts: string[]): number {
  return texts.reduce((n, t) => n + Math.max(1, countSms(t).segments), 0);
}

export interface SmsBudgetDeps {
  store: SmsBudgetStore;
  /** The territory's `sms.monthlyBudget`, undefined when it has none. */
  budgetOf(territory: string): number | undefined;
  logger: Logger;
  now: () => number;
}

export class SmsBudget {
  constructor(private readonly deps: SmsBudgetDeps) {}

  /**
   * Count SMS texts sent for a territory; warns once a month at 80 %. `sign` -1 takes back texts counted as they
   * were about to go that did not go after all (a channel counts its replies before it knows).
   */
  async sent(territory: string, texts: string[], sign: 1 | -1 = 1): Promise<void> {
    const segments = segmentsOf(texts);
    if (segments === 0) return;
    const month = parisMonth(this.deps.now());
    const used = await this.deps.store.add(territory, month, sign * segments);
    const budget = this.deps.budgetOf(territory);
    if (sign < 0 || budget === undefined || used < budget * WARN_RATIO) return;
    if (await this.deps.store.markWarned(territory, month)) {
      // Counts only: no number, no text.
      this.deps.logger.warn({ territory, month, used, budget }, 'SMS budget: 80 % of the month used (reminders stop at 100 %)');
    }
  }

  /** May a proactive SMS (a reminder) go out for this territory? No once the month's budget is spent. */
  async proactiveAllowed(territory: string): Promise<boolean> {
    const budget = this.deps.budgetOf(territory);
    if (budget === undefined) return true;
    const m = await this.deps.store.month(territory, parisMonth(this.deps.now()));
    return m.used < budget;
  }

  /** A proactive SMS was not sent because of the budget. */
  async skipped(territory: string): Promise<void> {
    await this.deps.store.skip(territory, parisMonth(this.deps.now()));
  }

  /** A month's figures, for `pasapas report` and the coordinators' report. */
  async monthOf(territory: string, month: string): Promise<{ month: string; budget: number | null; used: number; skipped: number }> {
    const m = await this.deps.store.month(territory, month);
    return { month, budget: this.deps.budgetOf(territory) ?? null, used: m.used, skipped: m.skipped };
  }

  async status(territory: string): Promise<SmsBudgetStatus> {
    const month = parisMonth(this.deps.now());
    const m = await this.deps.store.month(territory, month);
    const budget = this.deps.budgetOf(territory) ?? null;
    return { budget, used: m.used, skipped: m.skipped, month, warning: budget !== null && m.used >= budget * WARN_RATIO, exhausted: budget !== null && m.used >= budget };
  }
}

/** Channels whose proactive messages are SMS (the phone's conversations are SMS ones). */
const SMS_CHANNELS = new Set(['sms', 'sms-ovh', 'sms-brevo']);

/** The reminders' view of the budget: only reminders sent by SMS are held back by it. */
export function reminderBudget(budget: SmsBudget): { allowed(r: { territory: string; reference: { channelId?: string } }): Promise<boolean>; skipped(r: { territory: string }): Promise<void> } {
  return {
    allowed: async (r) => !SMS_CHANNELS.has(r.reference.channelId ?? '') || (await budget.proactiveAllowed(r.territory)),
    skipped: (r) => budget.skipped(r.territory),
  };
}
