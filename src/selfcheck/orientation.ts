/**
 * Self-check ("faire le point"): five yes/no questions about the basics of doing formalities
 * online, and the plain orientation they lead to. Pure functions; the dialog asks, this decides.
 */
export const SELF_CHECK_QUESTIONS = ['email', 'smartphone', 'computer', 'attach', 'franceconnect'] as const;
export type SelfCheckQuestion = (typeof SELF_CHECK_QUESTIONS)[number];
export type SelfCheckAnswers = Record<SelfCheckQuestion, boolean>;

/**
 * - `equipement`: neither smartphone nor computer: formalities are done with someone, in a place
 *   that lends a computer (France Services, médiathèque…).
 * - `accompagnement`: few basics: a mediator, workshops paid by the Pass numérique.
 * - `ateliers`: some basics: workshops nearby, and the guide for the first missing skill.
 * - `autonome`: all basics: the menu, and help if stuck.
 */
export type Orientation = 'equipement' | 'accompagnement' | 'ateliers' | 'autonome';

export interface OrientationResult {
  level: Orientation;
  /** The guide to start with (the first missing skill), if any. */
  guideId?: string;
  /** Suggest places nearby (workshops, a computer, people who help). */
  places: boolean;
  /** Explain the Pass numérique (vouchers for workshops). */
  passNumerique: boolean;
}

/** The guide that teaches each skill, in the order they are needed. */
const GUIDE_FOR: Array<[SelfCheckQuestion, string]> = [
  ['email', 'email-creer'],
  ['attach', 'documents-scanner'],
  ['franceconnect', 'franceconnect'],
];

export function orient(a: SelfCheckAnswers): OrientationResult {
  const yes = SELF_CHECK_QUESTIONS.filter((q) => a[q]).length;
  const guideId = GUIDE_FOR.find(([q]) => !a[q])?.[1];
  if (!a.smartphone && !a.computer) return { level: 'equipement', guideId: undefined, places: true, passNumerique: false };
  if (yes <= 2) return { level: 'accompagnement', guideId, places: true, passNumerique: true };
  if (yes <= 4) return { level: 'ateliers', guideId, places: true, passNumerique: true };
  return { level: 'autonome', guideId: undefined, places: false, passNumerique: false };
}
