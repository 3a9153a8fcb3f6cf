/// <reference lib="dom" />
/**
 * The console's figures for coordinators: this month's handoffs closed and the citizens' answers to the
 * satisfaction question, from GET /api/mediator/report (JSON). Shown as text lines (dom.ts), refreshed on demand.
 */
import { h, show } from './dom';

export interface FiguresReport {
  handoffs?: { closed?: Record<string, number> };
  satisfaction?: { asked: number; good: number; fair: number; poor: number };
}

type Say = (key: 'figuresClosed' | 'figuresAsked' | 'figuresGood' | 'figuresFair' | 'figuresPoor' | 'figuresFailed', vars?: Record<string, string | number>) => string;

/** The lines shown for a report: pure, so the page and the tests agree. */
export function figureLines(r: FiguresReport, t: Say): string[] {
  const closed = Object.values(r.handoffs?.closed ?? {}).reduce((a, b) => a + b, 0);
  const s = r.satisfaction ?? { asked: 0, good: 0, fair: 0, poor: 0 };
  const answered = s.good + s.fair + s.poor;
  return [
    t('figuresClosed', { n: closed }),
    t('figuresAsked', { asked: s.asked, answered }),
    t('figuresGood', { n: s.good }),
    t('figuresFair', { n: s.fair }),
    t('figuresPoor', { n: s.poor }),
  ];
}

/** Each load is numbered: an older, slower answer ("Actualiser" clicked again) never replaces a newer one. */
let loads = 0;

/** Fetch this month's report and show it in `list`; the section stays hidden for anyone but coordinators. */
export async function showFigures(section: HTMLElement, list: HTMLElement, coordinator: boolean, t: Say): Promise<void> {
  const load = ++loads;
  show(section, coordinator);
  if (!coordinator) {
    list.replaceChildren();
    return;
  }
  try {
    const res = await fetch('/api/mediator/report', { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) throw new Error(String(res.status));
    const report = (await res.json()) as FiguresReport;
    if (load !== loads) return;
    list.replaceChildren(...figureLines(report, t).map((line) => h('li', {}, line)));
  } catch {
    if (load !== loads) return;
    list.replaceChildren(h('li', {}, t('figuresFailed')));
  }
}
