/// <reference lib="dom" />
/**
 * The coordinators' page: the territory's monthly SMS budget (GET /api/mediator/sms-budget) — what was sent this
 * month, and the warning at 80 % / the stop of reminders at 100 % (docs/sms-operators.md). Text nodes only.
 */
import { byId, show } from '../console/dom';
import type { AdminStringKey } from './config';

export interface SmsBudgetView {
  budget: number | null;
  used: number;
  skipped: number;
  month: string;
  warning: boolean;
  exhausted: boolean;
}

type T = (k: AdminStringKey, vars?: Record<string, string | number>) => string;

/** Fill the panel (#pa-sms-budget) from the API's answer. */
export async function smsBudgetPanel(get: () => Promise<SmsBudgetView>, t: T): Promise<void> {
  const b = await get();
  byId('pa-sms-budget-text').textContent = b.budget === null ? t('smsBudgetNone', { used: b.used, month: b.month }) : t('smsBudgetUsed', { used: b.used, budget: b.budget, month: b.month });
  const alert = byId('pa-sms-budget-alert');
  alert.textContent = b.exhausted ? t('smsBudgetExhausted', { skipped: b.skipped }) : b.warning ? t('smsBudgetWarning') : '';
  show(alert, b.warning || b.exhausted);
  show(byId('pa-sms-budget'), true);
}
