/**
 * How long a citizen's data is kept depends on their territory (`retentionDays`, default the
 * service's STATE_TTL_DAYS). Stores that know the territory ask `of(territory)`; stores written
 * during a turn (conversation state, web chat activities, messaging contacts) read the territory of
 * the work in progress, set with `run(territory, …)` around each turn, webhook and delivery.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class Retention {
  private readonly scope = new AsyncLocalStorage<number>();

  constructor(
    private readonly defaultSeconds: number,
    private readonly perTerritory: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** The retention of a territory, in seconds. */
  of(territory: string | undefined): number {
    return (territory && this.perTerritory.get(territory)) || this.defaultSeconds;
  }

  /** Run `work` with the territory's retention as the current one. */
  run<T>(territory: string | undefined, work: () => T): T {
    return this.scope.run(this.of(territory), work);
  }

  /** The retention of the work in progress (the default outside of any). */
  current(): number {
    return this.scope.getStore() ?? this.defaultSeconds;
  }

  /** For stores: a TTL that follows the work in progress. */
  readonly ttl = (): number => this.current();

  /** `run` for the components that serve a territory outside a turn (webhooks, deliveries, web chat posts). */
  readonly inTerritory: InTerritory = (territory, work) => this.run(territory, work);
}

/** Run asynchronous work under a territory's retention. */
export type InTerritory = <T>(territory: string, work: () => Promise<T>) => Promise<T>;

/** A fixed TTL or one that follows the territory of the work in progress. */
export type Ttl = number | (() => number);

export function ttlNow(ttl: Ttl): number {
  return typeof ttl === 'function' ? ttl() : ttl;
}
