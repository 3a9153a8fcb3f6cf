/**
 * The router's reading of a message (src/nlu/router.ts), remembered for short messages, as turnSignals.ts does for
 * signals: most turns are the same few words ("1", "menu", "impots"), the free-text router reads one in ~25 µs, and
 * a turn may ask it several times (the menu's landing checks that a title-like message is not another guide, then
 * routes it). `route` depends on the text and the locale alone (the index is built once). Each caller gets its own
 * copy.
 */
import type { Locale } from '../i18n/locale';
import type { IntentRouter, RouteResult } from '../nlu/router';
import { ShortTextMemo } from './shortTextMemo';

export class RememberedRouter implements IntentRouter {
  private readonly known = new ShortTextMemo<RouteResult>();
  readonly title?: IntentRouter['title'];

  constructor(private readonly router: IntentRouter) {
    if (router.title) this.title = (intent, locale) => router.title!(intent, locale);
  }

  route(text: string, locale: Locale): RouteResult {
    const r = this.known.get(text, locale, () => this.router.route(text, locale));
    return { ...r, alternatives: r.alternatives.map((s) => ({ ...s })) };
  }
}
