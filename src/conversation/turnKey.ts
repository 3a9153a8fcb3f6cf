/**
 * Typed turn-state keys: what one step of a turn leaves for the next ones (the territory, the masked
 * transcript, the command recognised…), read back with its type (no cast of what `turnState.get` returns).
 */
import type { TurnContext } from 'botbuilder';

export class TurnKey<T> {
  private readonly symbol: symbol;

  constructor(readonly name: string) {
    this.symbol = Symbol(`pasapas.${name}`);
  }

  get(ctx: TurnContext): T | undefined {
    return ctx.turnState.get<T | undefined>(this.symbol);
  }

  set(ctx: TurnContext, value: T): void {
    ctx.turnState.set(this.symbol, value);
  }

  /** Read it and forget it (what a step hands to exactly one reader). */
  take(ctx: TurnContext): T | undefined {
    const value = this.get(ctx);
    ctx.turnState.delete(this.symbol);
    return value;
  }

  has(ctx: TurnContext): boolean {
    return ctx.turnState.has(this.symbol);
  }
}
