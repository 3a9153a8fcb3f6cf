/**
 * The activity report in the terms of the Coop de la médiation numérique (its "CRA", compte rendu d'activité):
 * each handoff a mediator ended becomes one individual accompaniment, so nobody types it twice. The vocabulary
 * is the Coop's own (inclusion-numerique/coop-mediation-numerique at commit 46aa33bdf21c42c2d5bbb2913f5c453cca5a9542,
 * 2026-06-30, `apps/web/src/features/activites/use-cases/cra/`; the degree of completion is the older
 * `DegreDeFinalisationDemarche` of commit ce08b7393b98a62286740d34864c1eb6ab590006, `apps/web/src/cra/cra/`). The
 * mapping is written once, in COOP_OUTCOMES below, and explained in docs/coop-report.md.
 */
import type { GuideCatalog } from '../guides/catalog';
import { COOP_THEME_LABELS, isAdminTheme, type CoopTheme } from '../guides/themes';
import type { Outcome } from '../handoff/states';
import type { EndedHandoff, StatsStore } from './recorder';
import type { ReportLabelKey, ReportLabels } from './report';

/** The Coop's autonomy levels (enum Autonomie): API value and the label its form shows. */
export const COOP_AUTONOMY = {
  entierement_accompagne: 'Avec guidage',
  partiellement_autonome: 'Autonome avec guidage en cas de besoin',
  autonome: 'Autonome',
} as const;
export type CoopAutonomy = keyof typeof COOP_AUTONOMY;

/** The Coop's degree of completion of a démarche (enum DegreDeFinalisationDemarche, with its hints as labels). */
export const COOP_COMPLETION = {
  finalisee: 'Finalisée',
  a_finaliser_en_autonomie: 'À finaliser en autonomie',
  doit_revenir: 'Doit revenir',
  oriente_vers_structure: 'Orientée vers une structure',
} as const;
export type CoopCompletion = keyof typeof COOP_COMPLETION;

/**
 * THE mapping of a handoff's outcome onto the Coop's fields (docs/coop-report.md has the same table):
 * done FOR the person: the mediator did it, the person was fully guided, the démarche is done;
 * done WITH them: the person did it with help when needed, done;
 * now autonomous: the person knows how and finishes alone;
 * not resolved: no autonomy level can be said, the person has to come back.
 */
export const COOP_OUTCOMES: Readonly<Record<Outcome, { autonomy: CoopAutonomy | null; completion: CoopCompletion }>> = {
  'fait-pour': { autonomy: 'entierement_accompagne', completion: 'finalisee' },
  'fait-avec': { autonomy: 'partiellement_autonome', completion: 'finalisee' },
  autonome: { autonomy: 'autonome', completion: 'a_finaliser_en_autonomie' },
  'non-resolu': { autonomy: null, completion: 'doit_revenir' },
};

/** The Coop's preset durations (fields/duree-accompagnement.ts), in minutes. */
export const COOP_DURATIONS = [15, 30, 45, 60, 90, 120] as const;

/**
 * Minutes from claim to close, rounded to the nearest of the Coop's presets (a tie goes up, never under 15);
 * beyond 2 hours, to the nearest quarter of an hour (the Coop's "personnaliser"). Null when unknown (a callback).
 */
export function coopDuration(ms: number | null): number | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  const min = ms / 60_000;
  if (min > 120) return Math.round(min / 15) * 15;
  let best: number = COOP_DURATIONS[0];
  for (const d of COOP_DURATIONS) if (Math.abs(min - d) <= Math.abs(min - best)) best = d;
  return best;
}

export interface CoopActivity {
  /** YYYY-MM-DD, Paris time, of the close. */
  date: string;
  /** The mediator's name (the account's), else their username. */
  mediator: string;
  type: 'individuel';
  typeLieu: 'a_distance';
  /** Minutes, rounded to the Coop's steps; null for a callback (not timed). */
  duree: number | null;
  autonomie: CoopAutonomy | null;
  degreDeFinalisation: CoopCompletion;
  /** The Coop's thematiques: "aide_aux_demarches_administratives" and the guide's administrative theme, or the guide's own theme. */
  thematiques: CoopTheme[];
  /** The guide's title (the Coop's "précisions sur la démarche"). */
  precisionsDemarche: string;
  /** Our channel and outcome, for the coordinator's eyes. */
  canal: string;
  resultat: Outcome | string;
}

export interface CoopDeps {
  stats: StatsStore;
  catalog: GuideCatalog;
  /** The mediator's display name (their account's), else undefined. */
  nameOf?: (territory: string, mediatorId: string) => Promise<string | undefined>;
}

export function themesOf(theme: CoopTheme | undefined): CoopTheme[] {
  if (!theme) return ['aide_aux_demarches_administratives'];
  if (isAdminTheme(theme)) return ['aide_aux_demarches_administratives', theme];
  return [theme];
}

export function toCoopActivity(e: EndedHandoff, day: string, deps: { catalog: GuideCatalog }, mediator: string): CoopActivity {
  const guide = e.guideId ? deps.catalog.get(e.guideId)?.guide : undefined;
  const mapped = (COOP_OUTCOMES as Record<string, (typeof COOP_OUTCOMES)[Outcome]>)[e.outcome] ?? COOP_OUTCOMES['non-resolu'];
  return {
    date: day,
    mediator,
    type: 'individuel',
    typeLieu: 'a_distance',
    duree: coopDuration(e.claimedAt === undefined ? null : e.closedAt - e.claimedAt),
    autonomie: mapped.autonomy,
    degreDeFinalisation: mapped.completion,
    thematiques: themesOf(guide?.theme),
    precisionsDemarche: guide ? guide.title.fr : '',
    canal: e.channel,
    resultat: e.outcome,
  };
}

/** Every handoff ended in the period, oldest first, as Coop activities. */
export async function buildCoopActivities(deps: CoopDeps, territory: string, from: string, to: string): Promise<CoopActivity[]> {
  const names = new Map<string, string>();
  const out: CoopActivity[] = [];
  for (const d of await deps.stats.days(territory, from, to)) {
    for (const e of d.ended) {
      const id = e.mediatorId ?? '';
      if (!names.has(id)) names.set(id, (id && (await deps.nameOf?.(territory, id))) || id.slice(id.indexOf(':') + 1));
      out.push(toCoopActivity(e, d.day, deps, names.get(id)!));
    }
  }
  return out;
}

export const COOP_COLUMNS = [
  'coopDate', 'coopMediator', 'coopType', 'coopPlace', 'coopDuration', 'coopAutonomy', 'coopCompletion', 'coopThemes', 'coopDemarche', 'coopChannel', 'coopOutcome',
] as const satisfies readonly ReportLabelKey[];

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The activities as a spreadsheet for French Excel (UTF-8 with BOM, `;`, CRLF), one row per accompaniment, values
 * as the Coop's forms show them (labels), headers from locales/report.<locale>.yaml.
 */
export function coopCsv(rows: CoopActivity[], labels: ReportLabels): string {
  const L = labels as Record<string, string>;
  const lines: Array<Array<string | number | null>> = [COOP_COLUMNS.map((c) => L[c])];
  for (const r of rows) {
    lines.push([
      r.date,
      r.mediator,
      L.coopTypeIndividual,
      L.coopPlaceRemote,
      r.duree,
      r.autonomie ? COOP_AUTONOMY[r.autonomie] : '',
      COOP_COMPLETION[r.degreDeFinalisation],
      r.thematiques.map((t) => COOP_THEME_LABELS[t]).join(', '),
      r.precisionsDemarche,
      r.canal,
      L[`outcome-${r.resultat}`] ?? r.resultat,
    ]);
  }
  return `\uFEFF${lines.map((l) => l.map(cell).join(';')).join('\r\n')}\r\n`;
}
