/**
 * A territory's inclusion report for a period (`pasapas report`, GET /api/mediator/report): guides
 * started and completed and where people stop (the steps reached, in the guide's order, and the
 * drop after each), handoffs and their outcomes (fait pour / fait avec / autonome / non résolu),
 * median and 90th-percentile wait, callbacks, help-place lookups, self-check orientations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { GuideCatalog } from '../guides/catalog';
import { OUTCOMES } from '../handoff/states';
import { SATISFACTION, type Satisfaction } from '../handoff/satisfaction';
import { LOCALES_DIR } from '../paths';
import { SELF_CHECK_QUESTIONS, type Orientation } from '../selfcheck/orientation';
import type { SelfCheckStats } from '../selfcheck/stats';
import type { StatsStore } from './recorder';

const ORIENTATIONS: readonly Orientation[] = ['equipement', 'accompagnement', 'ateliers', 'autonome'];

export interface GuideReport {
  guide: string;
  title: string;
  started: number;
  completed: number;
  steps: Array<{ step: string; n: number; reached: number; stoppedHere: number }>;
}

export interface Report {
  territory: string;
  from: string;
  to: string;
  guides: GuideReport[];
  handoffs: {
    requested: number;
    claimed: number;
    closed: Record<string, number>;
    callbacks: number;
    medianWaitMinutes: number | null;
    p90WaitMinutes: number | null;
  };
  /** The question at the end of a handoff: how many were asked, and each answer (0 included). */
  satisfaction: { asked: number; good: number; fair: number; poor: number };
  /** Help-place lookups, and booking links opened through our /r/<id> (src/places/shortLinks.ts). */
  places: { lookups: number; notFound: number; bookingOpened: number };
  selfCheck: Record<string, number>;
  /** The SMS outboxes (OVHcloud…): waiting, and this territory's dead letters of the period. */
  smsOutbox?: OutboxReport[];
  /** The territory's monthly SMS budget, for the month of the period's last day (src/territories/smsBudget.ts). */
  smsBudget?: SmsBudgetReport;
}

/** Segments sent in a month (Paris time), the budget (null: none), reminders skipped once it was spent. */
export interface SmsBudgetReport {
  month: string;
  budget: number | null;
  used: number;
  skipped: number;
}

export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const [ty, tm] = to.slice(0, 7).split('-').map(Number);
  while ((y < ty || (y === ty && m <= tm)) && out.length < 400) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** What the report reads of the SMS outboxes (src/channels/outbox/store.ts), per provider. */
export interface OutboxView {
  providers: readonly string[];
  pending(provider: string): Promise<number>;
  deadLetters(provider: string): Promise<Array<{ territory: string; reason: string; at: number }>>;
}

export interface OutboxReport {
  provider: string;
  /** SMS waiting to leave now (every territory: one outbox per provider). */
  pending: number;
  /** This territory's SMS given up within the period, and why (the provider's status and code). */
  dead: number;
  reasons: Record<string, number>;
}

async function outboxReports(view: OutboxView, territory: string, from: string, to: string): Promise<OutboxReport[]> {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  const out: OutboxReport[] = [];
  for (const provider of view.providers) {
    const dead = (await view.deadLetters(provider)).filter((d) => d.territory === territory && d.at >= start && d.at < end);
    const reasons: Record<string, number> = {};
    for (const d of dead) reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
    out.push({ provider, pending: await view.pending(provider), dead: dead.length, reasons });
  }
  return out;
}

export async function buildReport(deps: { stats: StatsStore; selfCheck: SelfCheckStats; catalog: GuideCatalog; outbox?: OutboxView; smsBudget?: (territory: string, month: string) => Promise<SmsBudgetReport> }, territory: string, from: string, to: string): Promise<Report> {
  const total: Record<string, number> = {};
  const waits: number[] = [];
  for (const d of await deps.stats.days(territory, from, to)) {
    for (const [k, v] of Object.entries(d.counters)) total[k] = (total[k] ?? 0) + v;
    waits.push(...d.waitsMs);
  }
  waits.sort((a, b) => a - b);
  const get = (k: string) => total[k] ?? 0;

  const guides: GuideReport[] = [];
  for (const { guide } of deps.catalog.list()) {
    const started = get(`guide:${guide.id}:started`);
    const completed = get(`guide:${guide.id}:completed`);
    const reached = guide.steps.map((s) => get(`guide:${guide.id}:step:${s.id}`));
    const movedOn = guide.steps.map((s) => get(`guide:${guide.id}:movedOn:${s.id}`));
    guides.push({
      guide: guide.id,
      title: guide.title.fr,
      started,
      completed,
      // Stopped here: arrived at this step and never went on (to another step or to the end).
      steps: guide.steps.map((s, i) => ({ step: s.id, n: i + 1, reached: reached[i], stoppedHere: Math.max(0, reached[i] - movedOn[i]) })),
    });
  }
  // Every outcome and self-check answer, 0 included: a report leaves no row out because nothing happened.
  const closed: Record<string, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
  for (const [k, v] of Object.entries(total)) if (k.startsWith('handoff:closed:')) closed[k.slice('handoff:closed:'.length)] = v;

  const selfCheck: Record<string, number> = { count: 0, ...Object.fromEntries(SELF_CHECK_QUESTIONS.map((q) => [`${q}:yes`, 0])), ...Object.fromEntries(ORIENTATIONS.map((o) => [`orientation:${o}`, 0])) };
  for (const month of monthsBetween(from, to)) {
    for (const [k, v] of Object.entries(await deps.selfCheck.month(territory, month))) selfCheck[k] = (selfCheck[k] ?? 0) + v;
  }

  return {
    territory,
    from,
    to,
    guides,
    handoffs: {
      requested: get('handoff:requested'),
      claimed: get('handoff:claimed'),
      closed,
      callbacks: get('handoff:callback'),
      medianWaitMinutes: minutes(quantile(waits, 0.5)),
      p90WaitMinutes: minutes(quantile(waits, 0.9)),
    },
    satisfaction: { asked: get('satisfaction:asked'), ...(Object.fromEntries(SATISFACTION.map((a) => [a, get(`satisfaction:${a}`)])) as Record<Satisfaction, number>) },
    places: { lookups: get('places:found') + get('places:notFound'), notFound: get('places:notFound'), bookingOpened: get('booking:opened') },
    selfCheck,
    ...(deps.outbox ? { smsOutbox: await outboxReports(deps.outbox, territory, from, to) } : {}),
    ...(deps.smsBudget ? { smsBudget: await deps.smsBudget(territory, to.slice(0, 7)) } : {}),
  };
}

export const REPORT_LABEL_KEYS = [
  'headSection', 'headItem', 'headDetail', 'headValue', 'period', 'periodDetail',
  'guide', 'guideStarted', 'guideCompleted', 'guideStep', 'stepReached', 'stepStopped',
  'handoffs', 'handoffsRequested', 'handoffsClaimed', 'handoffsCallbacks', 'handoffsClosed',
  ...OUTCOMES.map((o) => `outcome-${o}` as const),
  'wait', 'waitMedian', 'waitP90',
  'satisfaction', 'satisfactionAsked', 'satisfactionAnswered', ...SATISFACTION.map((a) => `satisfaction-${a}` as const),
  'places', 'placesLookups', 'placesNotFound', 'placesBookingOpened',
  'selfCheck', 'selfCheckCount', 'selfCheckYes', ...SELF_CHECK_QUESTIONS.map((q) => `question-${q}` as const),
  'selfCheckOrientation', ...ORIENTATIONS.map((o) => `orientation-${o}` as const),
  // The Coop activity report (src/stats/coop.ts): its column headers and fixed values.
  'coopDate', 'coopMediator', 'coopType', 'coopPlace', 'coopDuration', 'coopAutonomy', 'coopCompletion', 'coopThemes', 'coopDemarche',
  'coopChannel', 'coopOutcome', 'coopTypeIndividual', 'coopPlaceRemote',
  'smsOutbox', 'smsOutboxPending', 'smsOutboxDead', 'smsOutboxDeadReason',
  'smsBudget', 'smsBudgetUsed', 'smsBudgetBudget', 'smsBudgetNone', 'smsBudgetSkipped',
] as const;
export type ReportLabelKey = (typeof REPORT_LABEL_KEYS)[number];
export type ReportLabels = Record<ReportLabelKey, string>;
export type ReportLocale = 'fr' | 'en';

const loadedLabels = new Map<string, ReportLabels>();

/** locales/report.<locale>.yaml, read once; throws on a missing or empty label. */
export function loadReportLabels(locale: ReportLocale = 'fr', dir: string = LOCALES_DIR): ReportLabels {
  const file = join(dir, `report.${locale}.yaml`);
  const cached = loadedLabels.get(file);
  if (cached) return cached;
  const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const missing = REPORT_LABEL_KEYS.filter((k) => typeof doc[k] !== 'string' || !(doc[k] as string).trim());
  if (missing.length) throw new Error(`report.${locale}.yaml: missing or empty: ${missing.join(', ')}`);
  const labels = Object.fromEntries(REPORT_LABEL_KEYS.map((k) => [k, doc[k] as string])) as ReportLabels;
  loadedLabels.set(file, labels);
  return labels;
}

/** A cell for Excel set to French: quoted when it holds the separator, a quote or a line break; decimals with a comma. */
const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

/**
 * One table (section, item, detail, value) that French Excel opens as four columns: UTF-8 with a byte order mark,
 * `;` between cells, CRLF between rows, decimals with a comma, labels from locales/report.<locale>.yaml. Every guide,
 * step, outcome and self-check answer has its row, 0 included.
 */
export function reportCsv(r: Report, labels: ReportLabels = loadReportLabels('fr')): string {
  const L = labels;
  const rows: Array<Array<string | number | null>> = [[L.headSection, L.headItem, L.headDetail, L.headValue]];
  rows.push([L.period, r.territory, fill(L.periodDetail, { from: r.from, to: r.to }), '']);
  for (const g of r.guides) {
    rows.push([L.guide, g.title, L.guideStarted, g.started], [L.guide, g.title, L.guideCompleted, g.completed]);
    for (const s of g.steps) {
      rows.push([L.guideStep, g.title, fill(L.stepReached, { n: s.n, step: s.step }), s.reached], [L.guideStep, g.title, fill(L.stepStopped, { n: s.n, step: s.step }), s.stoppedHere]);
    }
  }
  const h = r.handoffs;
  rows.push([L.handoffs, L.handoffsRequested, '', h.requested], [L.handoffs, L.handoffsClaimed, '', h.claimed], [L.handoffs, L.handoffsCallbacks, '', h.callbacks]);
  for (const [outcome, n] of Object.entries(h.closed)) rows.push([L.handoffs, L.handoffsClosed, (L as Record<string, string>)[`outcome-${outcome}`] ?? outcome, n]);
  rows.push([L.handoffs, L.wait, L.waitMedian, h.medianWaitMinutes], [L.handoffs, L.wait, L.waitP90, h.p90WaitMinutes]);
  const sat = r.satisfaction;
  rows.push([L.satisfaction, L.satisfactionAsked, '', sat.asked]);
  for (const a of SATISFACTION) rows.push([L.satisfaction, L.satisfactionAnswered, L[`satisfaction-${a}`], sat[a]]);
  rows.push([L.places, L.placesLookups, '', r.places.lookups], [L.places, L.placesNotFound, '', r.places.notFound], [L.places, L.placesBookingOpened, '', r.places.bookingOpened]);
  for (const [k, v] of Object.entries(r.selfCheck)) {
    const [what, value] = k.split(':');
    const row =
      k === 'count' ? [L.selfCheck, L.selfCheckCount, '', v]
      : value === 'yes' ? [L.selfCheck, L.selfCheckYes, (L as Record<string, string>)[`question-${what}`] ?? what, v]
      : what === 'orientation' ? [L.selfCheck, L.selfCheckOrientation, (L as Record<string, string>)[`orientation-${value}`] ?? value, v]
      : [L.selfCheck, k, '', v];
    rows.push(row);
  }
  for (const o of r.smsOutbox ?? []) {
    rows.push([L.smsOutbox, o.provider, L.smsOutboxPending, o.pending], [L.smsOutbox, o.provider, L.smsOutboxDead, o.dead]);
    for (const [reason, n] of Object.entries(o.reasons)) rows.push([L.smsOutbox, o.provider, fill(L.smsOutboxDeadReason, { reason }), n]);
  }
  if (r.smsBudget) {
    const b = r.smsBudget;
    rows.push([L.smsBudget, b.month, L.smsBudgetUsed, b.used], [L.smsBudget, b.month, L.smsBudgetBudget, b.budget ?? L.smsBudgetNone], [L.smsBudget, b.month, L.smsBudgetSkipped, b.skipped]);
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
