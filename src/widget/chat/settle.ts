/**
 * A promise started and not awaited (a reconnect, a send from a click): its failure is logged where
 * the browser has a console, never an unhandled rejection. The chat's own code handles the failures
 * a citizen should see; what lands here is unexpected.
 */
export function settle(promise: Promise<unknown>): void {
  promise.catch((err: unknown) => {
    try {
      if (typeof console !== 'undefined') console.warn('pasapas:', err);
    } catch {
      // no usable console: nothing else to do
    }
  });
}
