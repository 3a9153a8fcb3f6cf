/** "On reprend à l'étape 4 ?": offered when a citizen comes back to an unfinished guide. */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { localeOf } from '../conversation/turn';
import { ChoicePrompt, type PromptDeps, type PromptState } from '../prompts/choicePrompt';
import { stepNumber, type GuideCatalog } from './catalog';

export interface ResumeOptions {
  guideId: string;
  stepId: string;
}

interface ResumeState extends PromptState, ResumeOptions {}

export class ResumeDialog extends ChoicePrompt<ResumeOptions, ResumeState> {
  protected override passOnMiss = true;

  constructor(
    deps: PromptDeps,
    private readonly catalog: GuideCatalog,
  ) {
    super(DIALOG.resume, deps);
  }

  protected init(dc: DialogContext, options: ResumeOptions | undefined): boolean {
    if (!options || !this.catalog.get(options.guideId)) return false;
    Object.assign(this.state(dc), options);
    return true;
  }

  private choices(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'resume.yes'), value: 'yes', role: 'yes' },
      { key: '2', label: this.t(ctx, 'resume.no'), value: 'no', role: 'no' },
    ];
  }

  protected prompt(ctx: TurnContext, st: ResumeState) {
    const g = this.catalog.get(st.guideId);
    const n = g && g.stepById.has(st.stepId) ? stepNumber(g, st.stepId) : 1;
    const title = g?.guide.title[localeOf(ctx)] ?? '';
    return { text: '', question: this.t(ctx, 'resume.question', { title, n }), choices: this.choices(ctx) };
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const st = this.state(dc);
    if (option.value === 'yes') return finish(dc, { resume: { guideId: st.guideId, stepId: st.stepId } });
    return finish(dc, { next: 'menu', dropProgress: true });
  }
}
