/**
 * The chat frame's configuration, written by the server into
 * <script type="application/json" id="pasapas-config"> (see src/widget/pages.ts).
 */
import type { WidgetLocale, WidgetStrings } from './strings';

export interface ChatConfig {
  territory: {
    id: string;
    name: string;
    primaryColor: string;
    logoUrl?: string;
    greeting?: { fr: string; en: string };
  };
  /** "/v3/directline" */
  apiBase: string;
  /** The territory's privacy page, linked from the first message: shown with words, not as its URL. */
  privacyUrl?: string;
  locale: WidgetLocale;
  /** The embedding page's origin (checked by the server against the territory's), or null. */
  parentOrigin: string | null;
  /** Opened by the loader in its panel (shows a close button). */
  embed: boolean;
  /** Both languages, so the language switch needs no request. */
  strings: WidgetStrings;
}

export const CONFIG_ELEMENT_ID = 'pasapas-config';

/**
 * Messages the frame sends to the loader (always with an explicit target origin). The loader sends one back,
 * `{ type: 'pasapas:closed' }` when its panel closes, so the frame stops reading aloud.
 */
export type ParentMessage = { type: 'pasapas:close' } | { type: 'pasapas:unread'; count: number };
