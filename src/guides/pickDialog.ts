/**
 * "Je ne suis pas sûr : vous voulez… ?": when free text could mean two or three things, the
 * candidates as numbered choices, and "0 = conseiller". Any other message is handled as usual.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish } from '../conversation/outcome';
import { INTENT } from '../conversation/intents';
import { localeOf } from '../conversation/turn';
import type { Locale } from '../i18n/locale';
import { ChoicePrompt, type PromptDeps, type PromptState } from '../prompts/choicePrompt';
import { say } from '../conversation/turn';
import { saysNoneOfThese } from '../nlu/noneOfThese';
import type { AnswerStrength } from '../nlu/choices';

export interface PickOptions {
  /** Guide ids or system intents, best first. */
  candidates: string[];
}

interface PickState extends PromptState, PickOptions {}

export class PickDialog extends ChoicePrompt<PickOptions, PickState> {
  protected override passOnMiss = true;

  constructor(
    deps: PromptDeps,
    /** The title of a guide or system intent, in the citizen's language. */
    private readonly titleOf: (intent: string, locale: Locale) => string | undefined,
  ) {
    super(DIALOG.pick, deps);
  }

  protected init(dc: DialogContext, options: PickOptions | undefined): boolean {
    if (!options?.candidates.length) return false;
    this.state(dc).candidates = options.candidates;
    return true;
  }

  protected prompt(ctx: TurnContext, st: PickState) {
    const locale = localeOf(ctx);
    const choices: ChoiceOption[] = st.candidates.map((intent, i) => ({
      key: String(i + 1),
      label: this.titleOf(intent, locale) ?? intent,
      value: intent,
    }));
    choices.push({ key: '0', label: this.t(ctx, 'menu.mediator'), value: INTENT.mediator });
    return { text: '', question: this.t(ctx, 'understand.pick'), choices };
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // None of the guesses ("aucun", "nan cest pa sa", "none of them"): said kindly, then the menu — not "pas
    // compris" (the citizen answered the question; src/nlu/noneOfThese.ts).
    if (saysNoneOfThese(dc.context.activity.text ?? '')) {
      await say(dc.context, { text: this.t(dc.context, 'understand.pickNone') });
      return finish(dc, { next: 'menu' });
    }
    return super.continueDialog(dc);
  }

  /** "None of these" answers the question exactly: no other step takes it (nor switches the language). */
  override answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    return saysNoneOfThese(text) ? 'exact' : super.answers(dc, text);
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    return finish(dc, { next: option.value });
  }
}
