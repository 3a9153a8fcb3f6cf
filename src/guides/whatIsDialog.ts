/**
 * "C'est quoi FranceConnect ?": the guide's plain summary first, then "On commence ?" — not the first
 * step of a procedure the citizen only asked about.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { localeOf, say } from '../conversation/turn';
import { ChoicePrompt, type PromptDeps, type PromptState } from '../prompts/choicePrompt';
import type { GuideCatalog } from './catalog';
import { START_LATER_SYNONYMS, START_NOW_SYNONYMS } from '../nlu/startWords';
import { asksWhereToStart } from '../nlu/whereToStart';

export interface WhatIsOptions {
  guideId: string;
  /** What to say instead of the guide's summary (a fact: "Oui, le passeport est payant…"). */
  text?: string;
}

interface WhatIsState extends PromptState, WhatIsOptions {
  /** The guide's title, when what was said first did not name it (a fact instead of the summary). */
  unnamed?: string;
}

export class WhatIsDialog extends ChoicePrompt<WhatIsOptions, WhatIsState> {
  protected override passOnMiss = true;

  constructor(
    deps: PromptDeps,
    private readonly catalog: GuideCatalog,
  ) {
    super(DIALOG.whatIs, deps);
  }

  protected async init(dc: DialogContext, options: WhatIsOptions | undefined): Promise<boolean> {
    const g = options && this.catalog.get(options.guideId);
    if (!g) return false;
    const st = this.state(dc);
    st.guideId = g.guide.id;
    const locale = localeOf(dc.context);
    // A fact ("Le numéro fiscal a 13 chiffres…") does not say which guide "ce guide" is: the question names it.
    if (options.text) st.unnamed = g.guide.title[locale];
    const summary = g.guide.summary?.[locale] ?? g.guide.title[locale];
    await say(dc.context, { text: options.text ?? `${g.guide.title[locale]} : ${summary}` });
    return true;
  }

  private choices(ctx: TurnContext): ChoiceOption[] {
    return [
      { key: '1', label: this.t(ctx, 'whatIs.start'), value: 'yes', role: 'yes', synonyms: START_NOW_SYNONYMS },
      { key: '2', label: this.t(ctx, 'whatIs.notNow'), value: 'no', role: 'no', synonyms: START_LATER_SYNONYMS },
    ];
  }

  protected prompt(ctx: TurnContext, st: WhatIsState) {
    const question = st.unnamed ? this.t(ctx, 'whatIs.questionNamed', { title: st.unnamed }) : this.t(ctx, 'whatIs.question');
    return { text: '', question, choices: this.choices(ctx) };
  }

  /** "je sais pas par où commencer": not knowing how is why the guide is there — it starts, with a reassuring word. */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (!asksWhereToStart(dc.context.activity.text ?? '')) return super.continueDialog(dc);
    await say(dc.context, { text: this.t(dc.context, 'kind.whereToStart') });
    return this.answered(dc, this.choices(dc.context)[0]);
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    const st = this.state(dc);
    // Not now: said kindly (the guide can be asked for later), then the menu.
    if (option.value !== 'yes') await say(dc.context, { text: this.t(dc.context, 'whatIs.later') });
    return finish(dc, { next: option.value === 'yes' ? st.guideId : 'menu' });
  }
}
