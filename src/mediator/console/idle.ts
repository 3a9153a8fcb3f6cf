/**
 * Logs out a shared office computer left alone: after `timeoutMs` without activity the mediator is
 * logged out; a warning comes `warnLeadMs` before (60 s, or half the timeout when it is short), and
 * only its "stay" button dismisses it. Pure: the clock is injected and `tick()` is called every
 * second by the page (a deadline, not a long timer, so a sleeping laptop or a throttled background
 * tab is judged on wake-up).
 */
export type IdlePhase = 'active' | 'warning' | 'expired';

export interface IdleHooks {
  warn(secondsLeft: number): void;
  expire(): void;
}

export class IdleWatch {
  private last: number;
  private phase: IdlePhase = 'active';

  constructor(
    private timeoutMs: number,
    private readonly hooks: IdleHooks,
    private readonly now: () => number = Date.now,
  ) {
    this.last = now();
  }

  static warnLeadMs(timeoutMs: number): number {
    return Math.min(60_000, Math.floor(timeoutMs / 2));
  }

  get state(): IdlePhase {
    return this.phase;
  }

  setTimeoutMs(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.timeoutMs = ms;
  }

  /** A key, a click, a touch… Ignored once the warning shows (only `stay()` counts then). */
  activity(): void {
    if (this.phase === 'active') this.last = this.now();
  }

  /** The "stay logged in" button. */
  stay(): void {
    if (this.phase === 'expired') return;
    this.phase = 'active';
    this.last = this.now();
  }

  /** Start again (after a login). */
  reset(): void {
    this.phase = 'active';
    this.last = this.now();
  }

  tick(): IdlePhase {
    if (this.phase === 'expired') return this.phase;
    const idle = this.now() - this.last;
    if (idle >= this.timeoutMs) {
      this.phase = 'expired';
      this.hooks.expire();
    } else if (this.phase === 'active' && idle >= this.timeoutMs - IdleWatch.warnLeadMs(this.timeoutMs)) {
      this.phase = 'warning';
      const lead = IdleWatch.warnLeadMs(this.timeoutMs);
      const left = this.timeoutMs - idle;
      // Ticks come every second: within 2 s of the lead time, say the round lead ("60 secondes").
      this.hooks.warn(Math.ceil((left > lead - 2_000 ? lead : left) / 1000));
    }
    return this.phase;
  }
}
