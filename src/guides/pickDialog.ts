/**
 * "Je ne comprends pas bien. Vous voulez : …": when free text could mean two or three things, the
 * candidates as numbered choices, and "0 = conseiller". Any other message is handled as usual.
 */
import { Dialog, type DialogContext, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { DIALOG } from '../conversation/dialogIds';
import type { ChoiceOption } from '../conversation/choice';
import { finish, outcomeOf } from '../conversation/outcome';
import { INTENT } from '../conversation/intents';
import { localeOf } from '../conversation/turn';
import type { Locale } from '../i18n/locale';
import type { StringKey } from '../i18n/strings';
import { ChoicePrompt, type PromptDeps, type PromptState } from '../prompts/choicePrompt';
import { say } from '../conversation/turn';
import { recognizeChoice, type AnswerStrength } from '../nlu/choices';
import { saysNoneOfThese } from '../nlu/noneOfThese';

export interface PickOptions {
  /** Guide ids or system intents, best first. */
  candidates: string[];
  /** The line above the list, when it is not a guess ("Je peux vous guider pour :" after what Ameli is). */
  question?: StringKey;
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
    this.state(dc).question = options.question;
    return true;
  }

  protected prompt(ctx: TurnContext, st: PickState) {
    const locale = localeOf(ctx);
    // "0 = conseiller" closes every list: a guess that is the adviser itself would show it twice.
    const choices: ChoiceOption[] = st.candidates.filter((intent) => intent !== INTENT.mediator).map((intent, i) => ({
      key: String(i + 1),
      label: this.titleOf(intent, locale) ?? intent,
      value: intent,
    }));
    choices.push({ key: '0', label: this.t(ctx, 'menu.mediator'), value: INTENT.mediator });
    return { text: '', question: this.t(ctx, st.question ?? 'understand.pick'), choices };
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    // None of the guesses ("aucun", "nan cest pa sa", "none of them"): said kindly, then the menu — not "pas
    // compris" (the citizen answered the question; src/nlu/noneOfThese.ts).
    if (saysNoneOfThese(dc.context.activity.text ?? '')) {
      await say(dc.context, { text: this.t(dc.context, 'understand.pickNone') });
      return finish(dc, { next: 'menu' });
    }
    // "Oui", "ok", "yes": agreeing with a list of guesses does not say which one — ask that, with the list.
    const yes = recognizeChoice(dc.context.activity.text ?? '', [this.yes(dc.context)], localeOf(dc.context));
    // One guess only ("On continue avec : Carte Vitale ?"): yes is that one.
    const only = this.state(dc).candidates.filter((c) => c !== INTENT.mediator);
    if (yes && only.length === 1) return finish(dc, { next: only[0] });
    if (yes && this.state(dc).misses === 0) {
      this.state(dc).misses = 1;
      const p = this.prompt(dc.context, this.state(dc));
      await say(dc.context, { text: '', question: this.t(dc.context, 'understand.pickWhich'), choices: p.choices });
      return Dialog.EndOfTurn;
    }
    return super.continueDialog(dc);
  }

  private yes(ctx: TurnContext): ChoiceOption {
    return { key: 'yes', label: this.t(ctx, 'choice.yes'), value: 'yes', role: 'yes' };
  }

  /** Back from a callback booked or a booking link (the request went to a person): the guesses are not asked again. */
  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (outcomeOf(result).handedOver) return finish(dc, { quiet: true });
    return super.resumeDialog(dc, reason, result);
  }

  /** "None of these" answers the question exactly: no other step takes it (nor switches the language). */
  override answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    return saysNoneOfThese(text) ? 'exact' : super.answers(dc, text);
  }

  protected async answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult> {
    return finish(dc, { next: option.value });
  }
}
