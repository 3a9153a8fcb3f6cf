/**
 * What a citizen can ask for besides a guide: the system intents of the free-text router
 * (dialogs/_system-intents.yaml) and `none`.
 */
export const INTENT = {
  mediator: 'mediateur',
  places: 'aide-proximite',
  passNumerique: 'pass-numerique',
  learn: 'apprendre',
  erase: 'effacer-donnees',
  none: 'none',
} as const;

export const SYSTEM_INTENTS = [INTENT.mediator, INTENT.places, INTENT.passNumerique, INTENT.learn, INTENT.erase] as const;
export type SystemIntent = (typeof SYSTEM_INTENTS)[number];
