/**
 * Free text → a guide id, a system intent, or "none". The bot depends on this interface only.
 */
import type { Locale } from '../i18n/locale';

export const SYSTEM_INTENTS = ['mediateur', 'aide-proximite', 'pass-numerique', 'apprendre', 'effacer-donnees'] as const;
export type SystemIntent = (typeof SYSTEM_INTENTS)[number];

export interface Scored {
  /** A guide id, a system intent, or "none". */
  intent: string;
  /** Calibrated confidence, 0..1. */
  score: number;
}

export interface RouteResult extends Scored {
  /** The next best intents, best first (at least 3 when the router knows that many). */
  alternatives: Scored[];
}

export interface IntentRouter {
  route(text: string, locale: Locale): RouteResult;
  /** A system intent's title, to show it as a choice (guides have their own). */
  title?(intent: string, locale: Locale): string | undefined;
}
