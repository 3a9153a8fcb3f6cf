/**
 * A memo of what a pure reading of a short message gives (src/bot/rememberedRouter.ts, Home's menu answer): most
 * turns are the same few words ("1", "menu", "impots"). What a citizen wrote is not kept long: the memo is emptied
 * when full and at least every minute. Longer messages are read each time. Callers copy what they hand out.
 */
const MAX_TEXT = 64;
const MAX_REMEMBERED = 512;
const REMEMBER_MS = 60_000;

export class ShortTextMemo<T> {
  private readonly known = new Map<string, T>();
  private since = Date.now();

  /** `read()` for this key (the locale and the text), remembered when the text is short. */
  get(text: string, scope: string, read: () => T): T {
    if (text.length > MAX_TEXT) return read();
    const now = Date.now();
    if (now - this.since >= REMEMBER_MS || this.known.size >= MAX_REMEMBERED) {
      this.known.clear();
      this.since = now;
    }
    const key = `${scope}\u0000${text}`;
    if (this.known.has(key)) return this.known.get(key) as T;
    const value = read();
    this.known.set(key, value);
    return value;
  }
}
