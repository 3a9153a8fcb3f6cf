/**
 * The shape of every small question the bot asks besides a guide's steps ("On reprend à l'étape 4 ?",
 * "Voulez-vous un rappel ?", "Effacer vos données ?"…): ask, recognise the answer in the citizen's own
 * words (src/nlu/choices.ts), and when it is not understood either hand the message back to the bot (an
 * offer the citizen may ignore) or ask again without a dead end (src/conversation/reprompt.ts).
 */
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { AnswerStrength } from '../nlu/choices';
import type { TurnContext } from 'botbuilder';
import type { Strings, StringKey, Vars } from '../i18n/strings';
import type { ChoiceOption } from '../conversation/choice';
import type { BotMessage } from '../conversation/message';
import { finish, isDirective, outcomeOf } from '../conversation/outcome';
import { missMessage } from '../conversation/reprompt';
import { localeOf, say } from '../conversation/turn';
import { recognizeAnswer, recognizeChoiceHow } from '../nlu/choices';
import { saysThanksOnly } from '../nlu/signals';
import { fold } from '../text/fold';

/**
 * "merci" alone at a question none of whose answers thanks: not its yes ("merci" to "Parler à une personne ?" is no
 * request for a person, to "Effacer vos données ?" no consent), only thanks.
 */
function thanksOnly(text: string, choices: ChoiceOption[]): boolean {
  return saysThanksOnly(text) && !choices.some((c) => /\b(?:merci|thanks?)\b/.test(fold(c.label)));
}

export interface PromptState {
  misses: number;
}

export interface PromptDeps {
  strings: Strings;
  /** The territory's help phone line, shown from the second miss on. */
  helpPhone?: (ctx: TurnContext) => string | undefined;
}

/** A dialog whose current prompt may be asked whether a message answers it (src/bot/ understanding). */
export interface AnswerAware {
  /** Does this message answer the question on screen? ("exact": a number, a label; "loose": the citizen's words.) */
  answers(dc: DialogContext, text: string): AnswerStrength | undefined;
}

export function isAnswerAware(d: unknown): d is AnswerAware {
  return typeof (d as AnswerAware | undefined)?.answers === 'function';
}

export abstract class ChoicePrompt<O extends object = object, S extends PromptState = PromptState> extends Dialog<O> implements AnswerAware {
  /** An offer: a message that is not an answer is handled as if the offer were not there. */
  protected passOnMiss = false;

  constructor(
    id: string,
    protected readonly deps: PromptDeps,
  ) {
    super(id);
  }

  protected t(ctx: TurnContext, key: StringKey, vars?: Vars): string {
    return this.deps.strings.t(localeOf(ctx), key, vars);
  }

  protected state(dc: DialogContext): S {
    return dc.activeDialog!.state as S;
  }

  /** Set up the state from the options; return false to end at once (nothing to ask). */
  protected abstract init(dc: DialogContext, options: O | undefined): Promise<boolean> | boolean;
  /** The question on screen and its answers. */
  protected abstract prompt(ctx: TurnContext, state: S): BotMessage & { question: string; choices: ChoiceOption[] };
  protected abstract answered(dc: DialogContext, option: ChoiceOption): Promise<DialogTurnResult>;

  /** "Je ne sais pas": by default a kind word and the question again (never read as "non"). */
  protected async dontKnow(dc: DialogContext): Promise<DialogTurnResult> {
    const p = this.prompt(dc.context, this.state(dc));
    await say(dc.context, { text: this.t(dc.context, 'understand.dontKnow'), question: p.question, choices: p.choices });
    return Dialog.EndOfTurn;
  }

  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    Object.assign(dc.activeDialog!.state, { misses: 0 });
    if (!(await this.init(dc, options))) return finish(dc, {});
    await say(dc.context, this.prompt(dc.context, this.state(dc)));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const st = this.state(dc);
    const p = this.prompt(dc.context, st);
    const text = dc.context.activity.text ?? '';
    if (thanksOnly(text, p.choices)) {
      // An offer steps aside (the bot answers the thanks); a question is asked again after a kind word.
      if (this.passOnMiss) return finish(dc, { pass: true });
      await say(dc.context, { text: this.t(dc.context, 'kind.thanks'), question: p.question, choices: p.choices });
      return Dialog.EndOfTurn;
    }
    const answer = recognizeAnswer(text, p.choices, localeOf(dc.context));
    if (answer?.kind === 'option') {
      st.misses = 0;
      return this.answered(dc, answer.option);
    }
    if (answer?.kind === 'dont-know') return this.dontKnow(dc);
    if (this.passOnMiss) return finish(dc, { pass: true });
    st.misses += 1;
    await say(
      dc.context,
      missMessage({
        strings: this.deps.strings,
        locale: localeOf(dc.context),
        misses: st.misses,
        question: p.question,
        choices: p.choices,
        helpPhone: this.deps.helpPhone?.(dc.context),
        said: dc.context.activity.text ?? '',
      }),
    );
    return Dialog.EndOfTurn;
  }

  /** Back from a dialog on top of it (a confirmation, an offer): ask again where we were — unless the bot acts. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (!isDirective(outcomeOf(result))) await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await say(context, this.prompt(context, instance.state as S));
  }

  answers(dc: DialogContext, text: string): AnswerStrength | undefined {
    const p = this.prompt(dc.context, this.state(dc));
    if (thanksOnly(text, p.choices)) return undefined;
    // How clearly: a bare "non" at the start of a long message ("non je préfère en parler avec quelqu'un") is
    // only a vague answer, so what the rest of the message asks for comes first.
    if (recognizeAnswer(text, p.choices, localeOf(dc.context))?.kind !== 'option') return undefined;
    return recognizeChoiceHow(text, p.choices, localeOf(dc.context))?.how ?? 'exact';
  }
}
