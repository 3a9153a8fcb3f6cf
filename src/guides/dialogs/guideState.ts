/**
 * The guide dialog's saved state (src/guides/guideDialog.ts): the guide and its version, the step reached, the
 * path taken (for "retour"), and what the citizen said in their own words to answer later questions from.
 */
import type { TurnContext } from 'botbuilder';
import { maskPersonalData } from '../../privacy/mask';
import { stepNumber, type LoadedGuide } from '../catalog';

/** Unrecognised answers in a row before a human takes over (after two, one is offered). */
export const MAX_FAILURES = 3;
/** More prerequisites than this are checked one at a time when something is missing. */
export const NEEDS_AT_ONCE = 3;
/** Free-text messages kept to answer later questions from ("pour ma fille de 12 ans"). */
export const HEARD = 6;

export interface GuideOptions {
  guideId: string;
  /** Resume at this step (skips the start and the needs). */
  stepId?: string;
  /** What the citizen said just before, masked ("moi je dépends de la MSA" at the menu): it may answer questions. */
  heard?: string[];
}

/** A message kept to answer later questions. */
export interface Heard {
  /** The citizen's words as written (masked): what "Vous m'avez dit : « … »" shows. */
  said: string;
  /** What is left of it once answers used their words up: what later questions are matched against. */
  rest: string;
  /**
   * What it meant in everyday words (dialogs/_answers.yaml) that an answer already used: "mon contrat se termine
   * le 15" means "mon contrat finit bientôt" once ("Je travaille encore"), not again at the next question.
   */
  spent?: string[];
  /**
   * One word that started the guide ("passeport"): it does not answer the guide's own first questions (the
   * citizen named the formality), only a follow-up branch ("Pour votre enfant, vous demandez :").
   */
  branchOnly?: boolean;
}

export interface GuideState {
  guideId: string;
  version: number;
  /** "needs": the prerequisites question; "need": one prerequisite of many; "step": a step's check question. */
  phase: 'needs' | 'need' | 'step';
  stepId?: string;
  /** Steps shown before the current one, for "retour". */
  history: string[];
  failures: number;
  /** One prerequisite at a time: which one, and those the citizen does not have. */
  needIndex?: number;
  missing?: number[];
  /** Prerequisites the citizen already said they have or lack ("il me manque la photo"): never asked (rule 6). */
  known?: number[];
  /** A guide offered at "On commence quand même ?" for a missing prerequisite (no e-mail: `email-creer`). */
  offer?: string;
  /** The prerequisite whose "Vous l'avez ?" got a "je sais pas" once: where to find it was said (again: missing). */
  unsure?: number;
  /**
   * What the citizen wrote in their own words during this guide (masked), to answer later questions. A
   * plain string is state saved before `Heard` existed: it reads as `{ said: s, rest: s }`.
   */
  heard?: Array<Heard | string>;
  /** The step where a bare "non" was asked "Qu'est-ce qui bloque ?" (once; a second one is a miss). */
  blocked?: string;
  /** The step whose help answered "ça marche pas" or "je sais pas comment faire" (once; again: a person). */
  helped?: string;
  /** The step where "j'ai pas reçu le code" got the code's help (once; again: a person). */
  codeHelped?: string;
  /** The step where "je trouve pas le bouton" got where it is (once; again: a person). */
  buttonHelped?: string;
  /** The step where a negated sentence about something else got what the question is about (once; again: a miss). */
  aside?: string;
  /** Where "jai pas compris" was last answered by saying it again simply (phase:step:need). */
  simpler?: string;
  /** Steps answered without asking (from the date or from what was heard): never twice. */
  auto?: string[];
  /** The prerequisites whose help was just shown at this step ("il me manque le numéro fiscal"), so that "où je le
   *  trouve ?" right after is about them. */
  lastNeeds?: { stepId: string; which: number[] };
}

export interface GuideProgress {
  guideId: string;
  version: number;
  stepId: string;
  stepNumber: number;
  stepTotal: number;
}

/** The messages kept, whatever the age of the saved state. */
export function heardOf(st: GuideState): Heard[] {
  return (st.heard ?? []).map((h) => (typeof h === 'string' ? { said: h, rest: h } : h));
}

/**
 * Keeps this message (masked) to answer later questions from, unless it is a number or a single word — or,
 * with `oneWord`, a single word (not a number) that started the guide, for its follow-up branches only.
 */
export function hear(ctx: TurnContext, st: GuideState, oneWord = false): void {
  const text = (ctx.activity.text ?? '').trim();
  // A number or a single word is an answer to something else, not a fact about the citizen.
  const single = text.split(/\s+/).length < 2;
  if (single && !(oneWord && /^\p{L}{4,}$/u.test(text))) return;
  const said = maskPersonalData(text).slice(0, 300);
  st.heard = [...heardOf(st), { said, rest: said, ...(single ? { branchOnly: true } : {}) }].slice(-HEARD);
}

/** What the handoff is told about where the citizen is in the guide. */
export function handoffRequest(g: LoadedGuide, st: GuideState, reason: 'stuck' | 'failures') {
  const stage = st.phase === 'step' && st.stepId ? ('step' as const) : ('needs' as const);
  return { reason, guideId: g.guide.id, stepId: st.stepId, stepNumber: st.stepId ? stepNumber(g, st.stepId) : 0, stepTotal: g.mainSteps.length, stage };
}
