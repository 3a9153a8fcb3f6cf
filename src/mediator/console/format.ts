/**
 * Pure helpers of the console (no DOM): waiting times, the one-line summary of a handoff, channel,
 * language and outcome labels, dates in Europe/Paris, merging messages by index. Unit-tested in
 * test/mediator/console.test.ts.
 */
import type { ConsoleStringKey, ConsoleStrings } from './config';

export type Outcome = 'fait-pour' | 'fait-avec' | 'autonome' | 'non-resolu';
export const OUTCOMES: readonly Outcome[] = ['fait-pour', 'fait-avec', 'autonome', 'non-resolu'];

/** A handoff as the API shows it (GET /api/mediator/queue). */
export interface HandoffView {
  id: string;
  state: string;
  waitingSince: number;
  position?: number;
  locale: string;
  channel: string;
  guideTitle?: string;
  stepNumber?: number;
  stepTotal?: number;
  stepTitle?: string;
  summary: string;
  reason: string;
}

export interface MessageView {
  index: number;
  from: 'citizen' | 'mediator' | 'bot';
  text: string;
  at: number;
  /** A photo the person sent: served by the mediator API with this session (GET /handoffs/:id/photos/:index). */
  photo?: { url: string; contentType: string };
  /** A voice note's audio (the text is its transcript): served by the mediator API (GET /handoffs/:id/audio/:index). */
  audio?: { url: string; contentType: string };
}

/** Does a count take the singular? French: 0 and 1 (and 1,5); English: 1 only. Not a number ("–"): the plural. */
export function isSingular(value: string | number, locale: string = 'fr'): boolean {
  const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
  if (!Number.isFinite(n) || String(value).trim() === '') return false;
  return locale.toLowerCase().startsWith('en') ? Math.abs(n) === 1 : Math.abs(n) < 2;
}

/**
 * "{n} min" → with the values; "{n|demande|demandes}" → the form the count `n` takes in `locale` (isSingular);
 * unknown placeholders stay as they are.
 */
export function format(template: string, vars: Record<string, string | number> = {}, locale: string = 'fr'): string {
  return template
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (m, name: string, one: string, many: string) => (name in vars ? (isSingular(vars[name], locale) ? one : many) : m))
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** How long someone has waited: "moins d'1 min", "12 min", "1 h 05", "2 j". Negative (clock skew) = now. */
export function formatWaiting(ms: number, s: Pick<ConsoleStrings, 'waitingNow' | 'minutes' | 'hours' | 'days'>): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return s.waitingNow;
  if (minutes < 60) return format(s.minutes, { n: minutes });
  if (minutes < 24 * 60) return format(s.hours, { h: Math.floor(minutes / 60), mm: String(minutes % 60).padStart(2, '0') });
  return format(s.days, { n: Math.floor(minutes / (24 * 60)) });
}

/** "étape 4/9", or "" without a step. */
export function stepLabel(h: Pick<HandoffView, 'stepNumber' | 'stepTotal'>, s: Pick<ConsoleStrings, 'stepOf'>): string {
  return h.stepNumber && h.stepTotal ? format(s.stepOf, { n: h.stepNumber, total: h.stepTotal }) : '';
}

const CHANNELS: Record<string, string> = {
  sms: 'SMS',
  'sms-ovh': 'SMS',
  'sms-brevo': 'SMS',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  voice: 'Téléphone',
  messenger: 'Messenger',
  msteams: 'Teams',
  webchat: 'Web chat',
  terminal: 'Terminal',
  http: 'API',
  emulator: 'Emulator',
};

/** "SMS", "WhatsApp", "site web" (Direct Line)…; an unknown channel keeps its id. */
export function channelLabel(channel: string, s: Pick<ConsoleStrings, 'channelWeb'>): string {
  if (channel === 'directline') return s.channelWeb;
  return CHANNELS[channel] ?? channel;
}

/** "français", "anglais"; another language keeps its code. */
export function localeLabel(locale: string, s: Pick<ConsoleStrings, 'langFr' | 'langEn'>): string {
  const lang = locale.toLowerCase().split(/[-_]/)[0];
  if (lang === 'fr') return s.langFr;
  if (lang === 'en') return s.langEn;
  return locale;
}

export function reasonLabel(reason: string, s: Pick<ConsoleStrings, 'reasonCommand' | 'reasonStuck' | 'reasonFailures'>): string {
  if (reason === 'stuck') return s.reasonStuck;
  if (reason === 'failures') return s.reasonFailures;
  return s.reasonCommand;
}

/** The title of a handoff: its guide, else why the person asked ("A demandé un conseiller"). */
export function handoffTitle(h: Pick<HandoffView, 'guideTitle' | 'reason'>, s: ConsoleStrings): string {
  return h.guideTitle?.trim() || reasonLabel(h.reason, s);
}

/** One line: "Déclarer mes impôts · étape 4/9 · SMS · français". */
export function summaryLine(h: HandoffView, s: ConsoleStrings): string {
  return [handoffTitle(h, s), stepLabel(h, s), channelLabel(h.channel, s), localeLabel(h.locale, s)].filter(Boolean).join(' · ');
}

const OUTCOME_KEYS: Record<Outcome, ConsoleStringKey> = {
  'fait-pour': 'outcomeFaitPour',
  'fait-avec': 'outcomeFaitAvec',
  autonome: 'outcomeAutonome',
  'non-resolu': 'outcomeNonResolu',
};

/** "Fait pour la personne", "Fait avec la personne", "La personne est autonome", "Non résolu". */
export function outcomeLabel(outcome: Outcome, s: ConsoleStrings): string {
  return s[OUTCOME_KEYS[outcome]];
}

/** "samedi 28 novembre à 14:00" (fr) / "Saturday 28 November at 14:00" (en), always in Europe/Paris. */
export function formatParis(ms: number, locale: 'fr' | 'en' = 'fr'): string {
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone: 'Europe/Paris',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${locale === 'en' ? 'at' : 'à'} ${get('hour')}:${get('minute')}`;
}

/** Known messages plus new ones, once each (by index), in order. */
export function mergeMessages(known: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const byIndex = new Map<number, MessageView>();
  for (const m of known) byIndex.set(m.index, m);
  for (const m of incoming) if (Number.isInteger(m.index) && m.index >= 0) byIndex.set(m.index, m);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** The `after` to ask for (GET …/messages?after=N answers the messages with index ≥ N). */
export function nextIndex(known: readonly MessageView[]): number {
  return known.length ? known[known.length - 1].index + 1 : 0;
}

/** Minutes to wait from a Retry-After header (seconds or an HTTP date); at least 1. */
export function retryMinutes(retryAfter: string | null, now: number = Date.now()): number {
  if (!retryAfter) return 15;
  const seconds = /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : (Date.parse(retryAfter) - now) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 15;
}

/** A tel: link from a phone number (digits and a leading +), or null when nothing callable is left. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /^\+?\d{6,15}$/.test(digits) ? `tel:${digits}` : null;
}
