/**
 * Every Redis key of the handoff queue, in one place. Keys of a territory share the {territory}
 * hash tag, so each Lua script touches one Redis Cluster slot.
 */
export class HandoffKeys {
  constructor(private readonly prefix: string) {}

  private t(territory: string): string {
    return `${this.prefix}ho:{${territory}}`;
  }

  /** ZSET of waiting handoff ids; score = band + arrival (lower first; released ones come first). */
  queue(territory: string) {
    return `${this.t(territory)}:queue`;
  }
  /** Counter of arrivals (FIFO order within a millisecond). */
  arrivals(territory: string) {
    return `${this.t(territory)}:seq`;
  }
  /** HASH: one handoff record. */
  record(territory: string, id: string) {
    return `${this.t(territory)}:h:${id}`;
  }
  /** STRING: the active handoff id of a citizen (idempotent request). */
  citizen(territory: string, citizenKey: string) {
    return `${this.t(territory)}:citizen:${citizenKey}`;
  }
  /** ZSET of claimed handoffs by lease expiry (ms). */
  leases(territory: string) {
    return `${this.t(territory)}:leases`;
  }
  /** STREAM of the territory's handoff events (consoles, notifiers, other instances). */
  events(territory: string) {
    return `${this.t(territory)}:events`;
  }
  /** LIST of recent waits (ms) before a claim, newest first: the wait estimate. */
  waits(territory: string) {
    return `${this.t(territory)}:waits`;
  }
  /** ZSET of mediators on duty, by presence expiry (ms). */
  duty(territory: string) {
    return `${this.t(territory)}:duty`;
  }
  /** LIST of the messages of one handoff (citizen ⇄ mediator), JSON. */
  messages(territory: string, id: string) {
    return `${this.t(territory)}:m:${id}`;
  }
  /** ZSET of callback requests by requested time (ms). */
  callbacks(territory: string) {
    return `${this.t(territory)}:callbacks`;
  }
}
