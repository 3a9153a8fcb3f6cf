/**
 * A loaded, validated guide with the lookups the engine needs (main-path numbering, next steps).
 */
import type { Guide, Step } from './schema';
import { fold } from '../text/fold';
import { NO_ANSWER_WORDS, type AnswerWords } from '../nlu/answerWords';
import { NO_FACTS, type Facts } from './facts';

export interface LoadedGuide {
  guide: Guide;
  file: string;
  /** Steps of the main path (not branches), in file order: "étape N sur M". */
  mainSteps: Step[];
  stepById: Map<string, Step>;
  /** The guide's titles, folded (a message that is just the title says nothing more about the citizen). */
  titles: Set<string>;
}

export function indexGuide(guide: Guide, file: string): LoadedGuide {
  return {
    guide,
    file,
    mainSteps: guide.steps.filter((s) => !s.branch),
    stepById: new Map(guide.steps.map((s) => [s.id, s])),
    titles: new Set(Object.values(guide.title).map(fold)),
  };
}

/** 1-based position of a step on the main path; a branch counts as the main step before it. */
export function stepNumber(g: LoadedGuide, stepId: string): number {
  let current = 0;
  for (const s of g.guide.steps) {
    if (!s.branch) current += 1;
    if (s.id === stepId) return Math.max(current, 1);
  }
  return 1;
}

/** The step "oui" leads to: the step's `next`, else the following main step, else `end`. */
export function defaultNext(g: LoadedGuide, step: Step): string {
  if (step.next) return step.next;
  if (step.branch) {
    // A branch without `next` returns to the main step it hangs off (the one before it in the file).
    const idx = g.guide.steps.indexOf(step);
    for (let i = idx - 1; i >= 0; i -= 1) if (!g.guide.steps[i].branch) return g.guide.steps[i].id;
  }
  const mainIdx = g.mainSteps.indexOf(step);
  return g.mainSteps[mainIdx + 1]?.id ?? 'end';
}

export class GuideCatalog {
  private readonly byId: Map<string, LoadedGuide>;

  /** Everyday words for the guides' answers (dialogs/_answers.yaml). */
  readonly answerWords: AnswerWords;
  /** Plain facts asked on the way: words, real prices (dialogs/_facts.yaml). */
  readonly facts: Facts;

  constructor(guides: LoadedGuide[], answerWords: AnswerWords = NO_ANSWER_WORDS, facts: Facts = NO_FACTS) {
    this.byId = new Map(guides.map((g) => [g.guide.id, g]));
    this.answerWords = answerWords;
    this.facts = facts;
  }

  get(id: string): LoadedGuide | undefined {
    return this.byId.get(id);
  }

  list(): LoadedGuide[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
