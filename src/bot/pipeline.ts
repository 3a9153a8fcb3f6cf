/**
 * A turn as a short chain of small steps, one concern each (grammY's Composer is the model): a step
 * either handles the message and stops, or calls `next()` to hand it to the following one. The order of
 * the chain is the bot's policy, readable in one place (src/bot/pasapasBot.ts).
 */
export type Next = () => Promise<void>;
export type Step<T> = (turn: T, next: Next) => Promise<void>;

export class Pipeline<T> {
  private readonly steps: Array<Step<T>> = [];

  use(...steps: Array<Step<T>>): this {
    this.steps.push(...steps);
    return this;
  }

  run(turn: T): Promise<void> {
    const at = (i: number): Promise<void> => (i < this.steps.length ? this.steps[i](turn, () => at(i + 1)) : Promise.resolve());
    return at(0);
  }
}
