/**
 * How long a citizen's data is kept depends on their territory (`retentionDays`, default the
 * service's STATE_TTL_DAYS). Whoever writes knows the territory and passes its retention along:
 * the bot state takes it from the turn (src/storage/botState.ts), a web chat conversation keeps the
 * one it was created with, the messaging channels take their number's territory, the handoff queue
 * its record's. Nothing is ambient: an AsyncLocalStorage scope around every turn cost ~5 % of a
 * web chat turn's CPU (Node 20's promise hooks run on every promise of the process).
 */

/** A territory's retention in seconds (the default for none or an unknown one). */
export type RetentionOf = (territory: string | undefined) => number;

export class Retention {
  constructor(
    private readonly defaultSeconds: number,
    private readonly perTerritory: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** The retention of a territory, in seconds. */
  of(territory: string | undefined): number {
    return (territory && this.perTerritory.get(territory)) || this.defaultSeconds;
  }

  /** `of`, bound, for the stores. */
  readonly seconds: RetentionOf = (territory) => this.of(territory);

  /** The retention in whole days, as citizens are told it. */
  readonly days = (territory: string | undefined): number => Math.round(this.of(territory) / 86_400);
}

/** A store's retention: the same for everyone (a number), or per territory. */
export function retentionOf(retention: number | RetentionOf): RetentionOf {
  return typeof retention === 'number' ? () => retention : retention;
}
